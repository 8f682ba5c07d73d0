import { type ApiFailure, readErrorBody } from "@lianxin/site-kit/api-result";
import { describe, expect, it } from "vitest";
import { describeFailure } from "./failure";

const FIELDS = ["villageId", "groupId", "description"] as const;
const http = (status: number, error: unknown, retryAfter: number | null = null): ApiFailure => ({
  ok: false,
  kind: "http",
  status,
  error: readErrorBody(error),
  retryAfter,
});

describe("describeFailure", () => {
  it("ties validation messages to fields", () => {
    const v = describeFailure(
      http(400, {
        error: {
          code: "validation_failed",
          message: "invalid",
          fields: { description: "太短", "body.villageId": "无此村", other: "别的问题" },
        },
      }),
      "zh-CN",
      FIELDS,
    );
    expect(v.kind).toBe("invalid");
    expect(v.fieldErrors).toEqual({ description: "太短", villageId: "无此村" });
    expect(v.message).toBe("别的问题");
    expect(v.freshKey).toBe(true);
  });
  it("falls back to the API message, then a generic one", () => {
    expect(
      describeFailure(
        http(400, { error: { code: "invalid_json", message: "坏JSON" } }),
        "zh-CN",
        FIELDS,
      ).message,
    ).toBe("坏JSON");
    expect(describeFailure(http(413, null), "en", FIELDS).message).toBe(
      "Something in the form is not right. Please check it and try again.",
    );
  });
  it("maps unknown_group with fields", () => {
    const v = describeFailure(
      http(400, {
        error: { code: "unknown_group", message: "x", fields: { groupId: "没有这个小组" } },
      }),
      "zh-CN",
      FIELDS,
    );
    expect(v.fieldErrors).toEqual({ groupId: "没有这个小组" });
    expect(v.message).toBeNull();
  });
  it("says how long to wait on 429 and keeps the key", () => {
    const v = describeFailure(
      http(429, { error: { code: "rate_limited", message: "" } }, 30),
      "zh-CN",
      FIELDS,
    );
    expect(v).toMatchObject({
      kind: "rate_limited",
      message: "操作过于频繁，请在30秒后再试。",
      freshKey: false,
    });
  });
  it("keeps the key and the input on network failures and 5xx", () => {
    for (const f of [
      http(500, { error: { code: "internal", message: "boom" } }),
      { ok: false, kind: "network", reason: "ECONNREFUSED" } as const,
    ]) {
      const v = describeFailure(f, "en", FIELDS);
      expect(v.kind).toBe("unavailable");
      expect(v.freshKey).toBe(false);
      expect(v.message).toMatch(/press the button again/);
    }
  });
  it("recognises 404 and idempotency conflicts", () => {
    expect(
      describeFailure(http(404, { error: { code: "not_found", message: "" } }), "zh-CN", FIELDS)
        .kind,
    ).toBe("not_found");
    const c = describeFailure(
      http(422, { error: { code: "idempotency_conflict", message: "" } }),
      "zh-CN",
      FIELDS,
    );
    expect(c).toMatchObject({ kind: "conflict", freshKey: true });
  });
});
