import { describe, expect, it } from "vitest";
import { countdown, countdownText, formatCalendarDay, shanghaiToday } from "./deferral";

// 2026-12-08 09:00 in Beijing.
const NOW = new Date("2026-12-08T01:00:00Z");

describe("shanghaiToday", () => {
  it("uses Beijing's calendar day, not UTC's", () => {
    expect(shanghaiToday(new Date("2026-12-07T15:59:59Z"))).toBe("2026-12-07");
    expect(shanghaiToday(new Date("2026-12-07T16:00:00Z"))).toBe("2026-12-08");
  });
});

describe("countdown", () => {
  it("counts whole calendar days to the committed day", () => {
    expect(countdown("2026-12-20", NOW)).toEqual({ state: "remaining", days: 12 });
    expect(countdown("2026-12-09", NOW)).toEqual({ state: "remaining", days: 1 });
    expect(countdown("2026-12-08", NOW)).toEqual({ state: "today", days: 0 });
    expect(countdown("2026-12-07", NOW)).toEqual({ state: "overdue", days: 1 });
    expect(countdown("2026-11-28", NOW)).toEqual({ state: "overdue", days: 10 });
  });
  it("crosses years and leap days", () => {
    expect(countdown("2027-01-01", NOW)).toEqual({ state: "remaining", days: 24 });
    expect(countdown("2028-03-01", new Date("2028-02-28T04:00:00Z"))).toEqual({
      state: "remaining",
      days: 2,
    });
  });
  it("is null for malformed dates", () => {
    for (const bad of ["", "2026-2-1", "2026-02-30", "20261220", "2026-12-20T00:00:00Z", "soon"]) {
      expect(countdown(bad, NOW), bad).toBeNull();
      expect(countdownText(bad, "zh-CN", NOW), bad).toBeNull();
    }
  });
});

describe("countdownText", () => {
  it("says how many days are left, in Chinese", () => {
    expect(countdownText("2026-12-20", "zh-CN", NOW)).toBe(
      "承诺于 2026年12月20日前办结，还剩 12 天",
    );
    expect(countdownText("2026-12-09", "zh-CN", NOW)).toBe("承诺于 2026年12月9日前办结，还剩 1 天");
    expect(countdownText("2026-12-08", "zh-CN", NOW)).toBe("承诺于 2026年12月8日前办结，今天到期");
    expect(countdownText("2026-12-05", "zh-CN", NOW)).toBe(
      "承诺于 2026年12月5日前办结，已逾期 3 天",
    );
  });
  it("says it in English, with singular and plural", () => {
    expect(countdownText("2026-12-20", "en", NOW)).toBe(
      "Committed to be completed by 20 December 2026: 12 days left",
    );
    expect(countdownText("2026-12-09", "en", NOW)).toBe(
      "Committed to be completed by 9 December 2026: 1 day left",
    );
    expect(countdownText("2026-12-08", "en", NOW)).toBe(
      "Committed to be completed by 8 December 2026: due today",
    );
    expect(countdownText("2026-12-07", "en", NOW)).toBe(
      "Committed to be completed by 7 December 2026: 1 day overdue",
    );
    expect(countdownText("2026-12-01", "en", NOW)).toBe(
      "Committed to be completed by 1 December 2026: 7 days overdue",
    );
  });
  it("formats the calendar day without shifting it across time zones", () => {
    expect(formatCalendarDay("2026-01-01", "zh-CN")).toBe("2026年1月1日");
    expect(formatCalendarDay("2026-01-01", "en")).toBe("1 January 2026");
    expect(formatCalendarDay("nope", "en")).toBe("");
  });
});
