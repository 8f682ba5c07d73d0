import { describe, expect, it } from "vitest";
import { format, sharedEn, sharedZh, translatorsFor } from "./messages.js";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("shared messages", () => {
  it("have the same keys and placeholders in both languages", () => {
    expect(Object.keys(sharedEn).sort()).toEqual(Object.keys(sharedZh).sort());
    for (const [key, zh] of Object.entries(sharedZh)) {
      expect(placeholders(sharedEn[key as keyof typeof sharedEn]), key).toEqual(placeholders(zh));
    }
  });

  it("fill placeholders, leaving unknown ones", () => {
    expect(format("{a} and {b} and {c}", { a: 1, b: "x" })).toBe("1 and x and {c}");
    expect(format("{n}天")).toBe("{n}天");
  });

  it("are looked up per locale", () => {
    const { t, translator } = translatorsFor({ "zh-CN": sharedZh, en: sharedEn });
    expect(t("zh-CN", "limit.days.other", { n: 3 })).toBe("3天");
    expect(translator("en")("limit.days.other", { n: 3 })).toBe("3 days");
  });
});
