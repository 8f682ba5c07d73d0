import type { ReviewSpan } from "@lianxin/contract";
import { describe, expect, it } from "vitest";
import { messages } from "../i18n/messages";
import { kindKey, readReviewDecisions, reviewChoices, segments } from "./highlights";

const reply = "已联系王庄组，请拨打83456789咨询";
const phone: ReviewSpan = { start: 10, end: 18, kind: "phone", text: "83456789" };

function form(entries: [string, string][]) {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

describe("segments", () => {
  it("splits a text into plain and marked runs", () => {
    expect(segments(reply, [phone])).toEqual([
      { text: "已联系王庄组，请拨打", mark: null },
      { text: "83456789", mark: { kind: "phone", term: "83456789", choice: 0 } },
      { text: "咨询", mark: null },
    ]);
  });

  it("marks spans in order, a repeated term under one choice", () => {
    const text = "王小明说83456789，再拨83456789";
    const name: ReviewSpan = { start: 0, end: 3, kind: "name", text: "王小明" };
    const first: ReviewSpan = { start: 4, end: 12, kind: "phone", text: "83456789" };
    const again: ReviewSpan = { ...first, start: 15, end: 23 };
    const out = segments(text, [again, first, name]);
    expect(out.map((s) => [s.text, s.mark?.choice ?? null])).toEqual([
      ["王小明", 0],
      ["说", null],
      ["83456789", 1],
      ["，再拨", null],
      ["83456789", 1],
    ]);
    expect(out.map((s) => s.text).join("")).toBe(text);
    expect(reviewChoices([again, first, name])).toEqual([
      { term: "王小明", kind: "name" },
      { term: "83456789", kind: "phone" },
    ]);
  });

  it("leaves plain what is outside the text, empty or overlapping", () => {
    const out = segments(reply, [
      phone,
      { ...phone, start: 12, end: 20 },
      { ...phone, start: 5, end: 5 },
      { ...phone, start: 18, end: 40 },
    ]);
    expect(out.filter((s) => s.mark)).toHaveLength(1);
    expect(out.map((s) => s.text).join("")).toBe(reply);
    expect(segments("", [])).toEqual([{ text: "", mark: null }]);
  });
});

describe("readReviewDecisions", () => {
  it("reads each choice with its term, and the decisions carried from before", () => {
    const posted = form([
      ["review.mask", "13900001111"],
      ["review.keep", "王庄"],
      ["review.0.term", "83456789"],
      ["review.0", "mask"],
      ["review.1.term", "便民"],
      ["review.1", "keep"],
      ["review.2.term", "刘桂兰"],
    ]);
    expect(readReviewDecisions(posted, "review")).toEqual({
      mask: ["13900001111", "83456789"],
      keep: ["王庄", "便民"],
    });
  });

  it("lets this round's choice override an earlier decision, and reads nothing else", () => {
    const posted = form([
      ["review.mask", "王庄"],
      ["review.0.term", "王庄"],
      ["review.0", "keep"],
      ["review.1.term", "x"],
      ["review.1", "publish"],
      ["other.0.term", "y"],
      ["other.0", "mask"],
    ]);
    expect(readReviewDecisions(posted, "review")).toEqual({ mask: [], keep: ["王庄"] });
    expect(readReviewDecisions(form([]), "review")).toEqual({ mask: [], keep: [] });
  });
});

describe("kindKey", () => {
  it("names every kind in both languages", () => {
    expect(messages["zh-CN"][kindKey("phone")]).toBe("电话号码");
    expect(messages["zh-CN"][kindKey("house_number")]).toBe("门牌号");
    expect(messages.en[kindKey("name")]).toBe("name");
  });
});
