import { describe, expect, it } from "vitest";
import {
  hashOneTimeCode,
  normalizeOneTimeCode,
  oneTimeCodeFromBytes,
  oneTimeCodeMatches,
} from "./one-time-code.js";

describe("one-time codes", () => {
  it("are six digits from random bytes, zeros kept", () => {
    expect(oneTimeCodeFromBytes(new Uint8Array([0, 0, 0, 7]))).toBe("000007");
    expect(oneTimeCodeFromBytes(new Uint8Array([255, 255, 255, 255]))).toBe("967295");
    expect(() => oneTimeCodeFromBytes(new Uint8Array(3))).toThrow(RangeError);
  });

  it("read what residents type, full-width digits and spaces too", () => {
    expect(normalizeOneTimeCode(" 123 456 ")).toBe("123456");
    expect(normalizeOneTimeCode("１２３４５６")).toBe("123456");
    expect(normalizeOneTimeCode("12345")).toBeNull();
    expect(normalizeOneTimeCode("12345a")).toBeNull();
  });

  it("match only for what they were sent for, under the same key", () => {
    const hash = hashOneTimeCode("123456", "recover:LS-2026-000123", "k");
    expect(oneTimeCodeMatches("123456", "recover:LS-2026-000123", hash, "k")).toBe(true);
    expect(oneTimeCodeMatches("123457", "recover:LS-2026-000123", hash, "k")).toBe(false);
    expect(oneTimeCodeMatches("123456", "recover:LS-2026-000124", hash, "k")).toBe(false);
    expect(oneTimeCodeMatches("123456", "sign_in:13800138000", hash, "k")).toBe(false);
    expect(oneTimeCodeMatches("123456", "recover:LS-2026-000123", hash, "other")).toBe(false);
    expect(hash).not.toContain("123456");
  });
});
