import { describe, expect, it } from "vitest";
import {
  concernTerms,
  queryTerms,
  TERMS_PER_CONCERN_MAX,
  TERMS_PER_QUERY_MAX,
  termKey,
  textTerms,
} from "./terms.js";

describe("search terms", () => {
  it("cuts Han runs into bigrams and keeps Latin runs whole", () => {
    expect(textTerms("洛杨路路灯不亮 G320")).toEqual([
      "洛杨",
      "杨路",
      "路路",
      "路灯",
      "灯不",
      "不亮",
      "g320",
    ]);
  });

  it("finds a street however the resident wrote around it", () => {
    const text = concernTerms({
      title: "枫杨路亮化",
      description: "枫杨路的亮化工程能否延到洛杨路",
    });
    for (const term of queryTerms("洛杨路")) expect(text).toContain(term);
    for (const term of queryTerms("枫杨路 亮化")) expect(text).toContain(term);
  });

  it("drops bigrams of stop characters, digits alone, and what masking left", () => {
    expect(textTerms("我的路灯坏了 2026 张** 某某")).toEqual(["路灯", "灯坏"]);
    expect(textTerms("不亮，没水")).toEqual(["不亮", "没水"]);
  });

  it("normalizes full-width and invisible characters first", () => {
    expect(textTerms("Ｇ３２０ 路\u200b灯")).toEqual(["g320", "路灯"]);
  });

  it("caps the terms of a concern and of a query", () => {
    const long = Array.from({ length: 400 }, (_, i) =>
      String.fromCodePoint(0x4e00 + 2 * i + 200),
    ).join("");
    expect(concernTerms({ description: long })).toHaveLength(TERMS_PER_CONCERN_MAX);
    expect(queryTerms(long)).toHaveLength(TERMS_PER_QUERY_MAX);
  });

  it("keys terms under a secret", () => {
    expect(termKey("路灯", "a")).toHaveLength(22);
    expect(termKey("路灯", "a")).toBe(termKey("路灯", "a"));
    expect(termKey("路灯", "a")).not.toBe(termKey("路灯", "b"));
    expect(termKey("路灯", "a")).not.toBe(termKey("灯不", "a"));
  });
});
