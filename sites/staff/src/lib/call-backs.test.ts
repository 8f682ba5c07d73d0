import type { CallBackItem } from "@lianxin/contract";
import { CALL_BACK_REASONS } from "@lianxin/core";
import { describe, expect, it } from "vitest";
import { messages } from "../i18n/messages";
import { oldestAnswerFirst, readPhoneRatingForm, reasonKey } from "./call-backs";

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describe("the call-back list", () => {
  it("words every reason core gives, and shows a new one as it came", () => {
    for (const reason of CALL_BACK_REASONS) {
      const key = reasonKey(reason);
      expect(key && messages["zh-CN"][key], reason).toBeTruthy();
    }
    expect(reasonKey("carrier_pigeon")).toBeNull();
    expect(messages["zh-CN"]["callBack.reason.landline"]).toBe("仅有固定电话");
  });
  it("puts the oldest answer first", () => {
    const at = (answeredAt: string) => ({ answeredAt }) as CallBackItem;
    expect(
      oldestAnswerFirst([at("2026-12-05T01:00:00Z"), at("2026-12-04T09:00:00Z")]).map(
        (i) => i.answeredAt,
      ),
    ).toEqual(["2026-12-04T09:00:00Z", "2026-12-05T01:00:00Z"]);
  });
});

describe("the rating by phone", () => {
  it("takes a rating, the resident's words and the version", () => {
    const read = readPhoneRatingForm(
      form({ rating: "satisfied", comment: "  河水清了，满意。 ", expectedVersion: "7" }),
    );
    expect(read).toMatchObject({
      ok: true,
      body: { rating: "satisfied", comment: "河水清了，满意。", expectedVersion: 7 },
    });
  });
  it("needs both, and keeps what was typed", () => {
    const read = readPhoneRatingForm(form({ rating: "great", comment: " ", expectedVersion: "3" }));
    expect(read).toEqual({
      ok: false,
      badVersion: false,
      values: { rating: "great", comment: " " },
      problems: { rating: { key: "val.choose" }, comment: { key: "val.required" } },
    });
    const long = readPhoneRatingForm(
      form({ rating: "dissatisfied", comment: "很".repeat(501), expectedVersion: "3" }),
    );
    expect(long.ok ? null : long.problems.comment).toEqual({
      key: "val.tooLong",
      vars: { max: 500, n: 501 },
    });
    expect(readPhoneRatingForm(form({ rating: "satisfied", comment: "好" }))).toMatchObject({
      ok: false,
      badVersion: true,
    });
  });
});
