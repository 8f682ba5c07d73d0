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
  it("reads a review_required answer's texts and whole highlights only", () => {
    const publicReply = "已联系王庄组，请拨打83456789咨询";
    const phone = { start: 10, end: 18, kind: "phone", text: "83456789" };
    const body = readErrorBody({
      error: {
        code: "review_required",
        message: "m",
        texts: { publicReply, summary: 3 },
        highlights: {
          publicReply: [
            phone,
            { ...phone, end: 99 },
            { ...phone, start: 1.5 },
            { ...phone, kind: "shoe_size" },
            { ...phone, text: "" },
            null,
          ],
          summary: [phone],
        },
      },
    });
    expect(body).toEqual({
      code: "review_required",
      message: "m",
      texts: { publicReply },
      highlights: { publicReply: [phone] },
    });
    expect(readErrorBody({ error: { code: "x", message: "m", texts: { a: "b" } } })).toEqual({
      code: "x",
      message: "m",
    });
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
