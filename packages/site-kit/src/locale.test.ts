import { describe, expect, it } from "vitest";
import {
  isLocale,
  otherLocale,
  parseLocale,
  resolveLocale,
  safeReturnPath,
  switchHref,
} from "./locale.js";

describe("locale", () => {
  it("parses language choices loosely", () => {
    expect(parseLocale("en")).toBe("en");
    expect(parseLocale("EN-us")).toBe("en");
    expect(parseLocale("zh")).toBe("zh-CN");
    expect(parseLocale("zh-Hans")).toBe("zh-CN");
    expect(parseLocale("fr")).toBeNull();
    expect(parseLocale("")).toBeNull();
    expect(parseLocale(undefined)).toBeNull();
  });
  it("knows its locales exactly", () => {
    expect(isLocale("zh-CN")).toBe(true);
    expect(isLocale("en")).toBe(true);
    expect(isLocale("EN")).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });
  it("prefers the query over the cookie and defaults to zh-CN", () => {
    expect(resolveLocale("en", "zh-CN")).toBe("en");
    expect(resolveLocale(null, "en")).toBe("en");
    expect(resolveLocale("xx", "en")).toBe("en");
    expect(resolveLocale(null, null)).toBe("zh-CN");
    expect(otherLocale("zh-CN")).toBe("en");
    expect(otherLocale("en")).toBe("zh-CN");
  });
  it("only returns to paths on this site", () => {
    expect(safeReturnPath("/submit?village=meijing")).toBe("/submit?village=meijing");
    expect(safeReturnPath("/track?lang=en&x=1")).toBe("/track?x=1");
    expect(safeReturnPath("/all?status=assigned")).toBe("/all?status=assigned");
    expect(safeReturnPath("//evil.example/")).toBe("/");
    expect(safeReturnPath("/\\evil.example")).toBe("/");
    expect(safeReturnPath("https://evil.example/")).toBe("/");
    expect(safeReturnPath("javascript:alert(1)")).toBe("/");
    expect(safeReturnPath("/a\nb")).toBe("/");
    expect(safeReturnPath(null)).toBe("/");
  });
  it("builds the switch link", () => {
    expect(switchHref("en", "/submit", "?lang=zh-CN")).toBe("/lang?to=en&next=%2Fsubmit");
  });
});
