import { describe, expect, it } from "vitest";
import { isPlausiblePhone, normalizePhone } from "./phone.js";

describe("phone numbers", () => {
  it.each([
    ["13812345678", "13812345678"],
    ["138 1234 5678", "13812345678"],
    ["138-1234-5678", "13812345678"],
    ["+86 138 1234 5678", "+8613812345678"],
    ["8613812345678", "8613812345678"],
    ["0510-83312345", "051083312345"],
    ["(0510) 8331 2345", "051083312345"],
    ["010-12345678", "01012345678"],
    ["+86 510 8331 2345", "+8651083312345"],
    ["0510-83312345转123", "051083312345转123"],
    ["0510-83312345 ext. 8", "051083312345转8"],
    ["83312345", "83312345"],
    ["１３８１２３４５６７８", "13812345678"],
  ])("accepts %s as %s", (input, stored) => {
    expect(normalizePhone(input)).toBe(stored);
    // Stored numbers are accepted as they are (the API checks what it stored, too).
    expect(normalizePhone(stored)).toBe(stored);
  });

  it.each([
    "12345",
    "12812345678",
    "1381234567",
    "abc",
    "0510-83312345转",
    "13812345678x12x3",
    "电话13812345678",
    "+1 415 555 0100",
    "+86 128 1234 5678",
    "+86 83312345",
    "",
  ])("rejects %s", (input) => expect(isPlausiblePhone(input)).toBe(false));
});
