import { DeadlineExceeded } from "@lianxin/store";
import { describe, expect, it } from "vitest";
import { isUnavailable } from "./errors.js";

describe("isUnavailable: another system's fault, answered 503", () => {
  it("knows network failures, timeouts, throttling and 5xx of AWS", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    expect(isUnavailable(refused)).toBe(true);
    expect(isUnavailable(new Error("wrapped", { cause: refused }))).toBe(true);
    expect(isUnavailable(Object.assign(new Error("t"), { name: "TimeoutError" }))).toBe(true);
    expect(isUnavailable(Object.assign(new Error("t"), { name: "ThrottlingException" }))).toBe(
      true,
    );
    expect(isUnavailable({ name: "X", $metadata: { httpStatusCode: 503 } })).toBe(true);
  });

  it("knows a call cut off or refused at the request's deadline (store deadline.ts)", () => {
    expect(isUnavailable(new DeadlineExceeded("the request's deadline has passed"))).toBe(true);
    const aborted = Object.assign(new Error("Request aborted"), { name: "AbortError" });
    expect(isUnavailable(aborted)).toBe(true);
  });

  it("leaves bugs and clients' errors alone", () => {
    expect(isUnavailable(new TypeError("undefined is not a function"))).toBe(false);
    expect(isUnavailable({ name: "ValidationException", $metadata: { httpStatusCode: 400 } })).toBe(
      false,
    );
    expect(isUnavailable(null)).toBe(false);
    expect(isUnavailable("ECONNREFUSED")).toBe(false);
  });
});
