import { describe, expect, it } from "vitest";
import { normaliseAccessCode, normaliseLedgerNo } from "./codes";

describe("normaliseLedgerNo", () => {
  it("accepts the canonical form", () => {
    expect(normaliseLedgerNo("LS-2026-000123")).toBe("LS-2026-000123");
  });
  it("accepts lower case, spaces and missing hyphens", () => {
    expect(normaliseLedgerNo("  ls-2026-000123 ")).toBe("LS-2026-000123");
    expect(normaliseLedgerNo("ls 2026 000123")).toBe("LS-2026-000123");
    expect(normaliseLedgerNo("LS2026000123")).toBe("LS-2026-000123");
  });
  it("accepts full-width input from a Chinese input method", () => {
    expect(normaliseLedgerNo("ＬＳ－２０２６－０００１２３")).toBe("LS-2026-000123");
    expect(normaliseLedgerNo("LS—2026—000123")).toBe("LS-2026-000123");
  });
  it("rejects anything else", () => {
    expect(normaliseLedgerNo("")).toBeNull();
    expect(normaliseLedgerNo("LS-26-000123")).toBeNull();
    expect(normaliseLedgerNo("LS-2026-123")).toBeNull();
    expect(normaliseLedgerNo("XX-2026-000123")).toBeNull();
    expect(normaliseLedgerNo("LS-2026-0001234")).toBeNull();
    expect(normaliseLedgerNo("LS-2026-000123/../x")).toBeNull();
  });
});

describe("normaliseAccessCode", () => {
  it("upper-cases and strips spaces and hyphens", () => {
    expect(normaliseAccessCode("7kq2m9x4pa")).toBe("7KQ2M9X4PA");
    expect(normaliseAccessCode(" 7KQ2M-9X4PA ")).toBe("7KQ2M9X4PA");
    expect(normaliseAccessCode("7KQ 2M9 X4P A")).toBe("7KQ2M9X4PA");
  });
  it("maps the look-alike letters", () => {
    expect(normaliseAccessCode("O0IiLl2345")).toBe("0011112345");
  });
  it("accepts full-width input", () => {
    expect(normaliseAccessCode("７ＫＱ２Ｍ９Ｘ４ＰＡ")).toBe("7KQ2M9X4PA");
  });
  it("rejects wrong lengths and non-Crockford letters", () => {
    expect(normaliseAccessCode("")).toBeNull();
    expect(normaliseAccessCode("7KQ2M9X4P")).toBeNull();
    expect(normaliseAccessCode("7KQ2M9X4PAB")).toBeNull();
    expect(normaliseAccessCode("7KQ2M9X4PU")).toBeNull();
    expect(normaliseAccessCode("7KQ2M9X4P!")).toBeNull();
  });
});
