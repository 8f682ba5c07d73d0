import { describe, expect, it } from "vitest";
import { parseRetryAfter, readErrorBody, splitFieldErrors } from "./api-result.js";

describe("readErrorBody", () => {
  it("reads the contract's error shape", () => {
    expect(
      readErrorBody({
        error: { code: "validation_failed", message: "m", fields: { a: "x", b: ["y"], c: 3 } },
      }),
    ).toEqual({ code: "validation_failed", message: "m", fields: { a: "x", b: "y" } });
  });
  it("returns null for anything else", () => {
    expect(readErrorBody(null)).toBeNull();
    expect(readErrorBody("oops")).toBeNull();
    expect(readErrorBody({ error: "x" })).toBeNull();
    expect(readErrorBody({ error: { message: "no code" } })).toBeNull();
  });
});

describe("parseRetryAfter", () => {
  it("parses Retry-After", () => {
    expect(parseRetryAfter("42")).toBe(42);
    expect(parseRetryAfter(" 7 ")).toBe(7);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:01:00 GMT", now)).toBe(60);
  });
});

describe("splitFieldErrors", () => {
  it("ties messages to the form's fields and keeps the rest loose", () => {
    const error = {
      code: "validation_failed",
      message: "m",
      fields: { "body.reason": "太短", x: "别的" },
    };
    expect(splitFieldErrors(error, ["reason"] as const)).toEqual({
      fieldErrors: { reason: "太短" },
      loose: ["别的"],
    });
  });
});
