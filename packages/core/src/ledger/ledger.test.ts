import { describe, expect, it } from "vitest";
import { accessCodeFromBytes, hashAccessCode, normalizeAccessCode } from "./access-code.js";
import { formatLedgerNo, ledgerYear, parseLedgerNo } from "./ledger-number.js";

describe("ledger numbers", () => {
  it("formats and parses LS-YYYY-NNNNNN", () => {
    expect(formatLedgerNo(2026, 123)).toBe("LS-2026-000123");
    expect(parseLedgerNo(" ls-2026-000123 ")).toEqual({ prefix: "LS", year: 2026, sequence: 123 });
    expect(parseLedgerNo("LS-2026-123")).toBeNull();
    expect(() => formatLedgerNo(2026, 0)).toThrow(RangeError);
    expect(() => formatLedgerNo(2026, 1_000_000)).toThrow(RangeError);
  });

  it("takes the year in Asia/Shanghai, not UTC", () => {
    expect(ledgerYear(new Date("2026-12-31T15:59:59Z"))).toBe(2026);
    expect(ledgerYear(new Date("2026-12-31T16:00:00Z"))).toBe(2027);
  });
});

describe("access codes", () => {
  it("are 10 Crockford base32 characters", () => {
    const code = accessCodeFromBytes(Uint8Array.from({ length: 10 }, (_, i) => i * 29));
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
  });

  it("normalise the way people copy them", () => {
    expect(normalizeAccessCode("7kq2-m9x4 pa")).toBe("7KQ2M9X4PA");
    expect(normalizeAccessCode("OIL0000000")).toBe("0110000000");
    expect(normalizeAccessCode("UUUUUUUUUU")).toBeNull();
    expect(normalizeAccessCode("SHORT")).toBeNull();
  });

  it("hash per ledger number", () => {
    expect(hashAccessCode("LS-2026-000001", "7KQ2M9X4PA")).not.toBe(
      hashAccessCode("LS-2026-000002", "7KQ2M9X4PA"),
    );
    expect(hashAccessCode("LS-2026-000001", "7KQ2M9X4PA")).toBe(
      hashAccessCode("LS-2026-000001", "7KQ2M9X4PA"),
    );
  });
});
