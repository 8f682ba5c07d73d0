import { describe, expect, it } from "vitest";
import {
  formatCategoryLimits,
  formatDate,
  formatDateTime,
  formatLimit,
  formatTime,
  formatWait,
  rateLimitMessage,
} from "./format";

describe("dates in Asia/Shanghai", () => {
  it("formats a UTC instant in Beijing time", () => {
    expect(formatDateTime("2026-12-08T01:00:00.000Z", "zh-CN")).toBe("2026年12月8日 09:00");
    expect(formatDateTime("2026-12-08T01:00:00.000Z", "en")).toBe("8 December 2026 at 09:00");
  });
  it("crosses the date line into the next day", () => {
    expect(formatDate("2026-12-31T16:30:00Z", "zh-CN")).toBe("2027年1月1日");
    expect(formatDate("2026-12-31T16:30:00Z", "en")).toBe("1 January 2027");
  });
  it("returns an empty string for missing or bad dates", () => {
    expect(formatDateTime(null, "zh-CN")).toBe("");
    expect(formatDateTime("not a date", "en")).toBe("");
    expect(formatDate(undefined, "en")).toBe("");
    expect(formatTime("", "zh-CN")).toBe("");
  });
  it("says the time of day on a 24-hour clock", () => {
    expect(formatTime("2026-12-08T01:05:00.000Z", "zh-CN")).toBe("09:05");
    expect(formatTime("2026-12-08T15:30:00.000Z", "en")).toBe("23:30");
  });
});

describe("time limits in words", () => {
  const general = {
    limits: {
      signFor: { amount: 1, unit: "working_days" as const },
      respond: { amount: 1, unit: "working_days" as const },
      answer: { amount: 7, unit: "days" as const },
    },
  };
  it("says the limits in Chinese", () => {
    expect(formatCategoryLimits(general, "zh-CN")).toBe(
      "1个工作日内签收 · 7天内答复 · 1个工作日内首次回应",
    );
  });
  it("says the limits in English with plurals", () => {
    expect(formatCategoryLimits(general, "en")).toBe(
      "signed for within 1 working day · answered within 7 days · first response within 1 working day",
    );
    expect(formatLimit({ amount: 2, unit: "hours" }, "en")).toBe("2 hours");
    expect(formatLimit({ amount: 1, unit: "hours" }, "en")).toBe("1 hour");
    expect(formatLimit({ amount: 24, unit: "hours" }, "zh-CN")).toBe("24小时");
  });
});

describe("waits", () => {
  it("says seconds or minutes", () => {
    expect(formatWait(30, "zh-CN")).toBe("30秒");
    expect(formatWait(0, "zh-CN")).toBe("1秒");
    expect(formatWait(600, "zh-CN")).toBe("10分钟");
    expect(formatWait(61, "en")).toBe("61 seconds");
    expect(formatWait(null, "en")).toBeNull();
    expect(rateLimitMessage(120, "zh-CN")).toBe("操作过于频繁，请在2分钟后再试。");
    expect(rateLimitMessage(null, "en")).toBe("Too many requests. Please try again later.");
  });
});
