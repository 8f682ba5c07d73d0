import { describe, expect, it } from "vitest";
import {
  formatDateTime,
  formatLocalDate,
  formatMonthDay,
  formatShort,
  formatWeekday,
  isoOrEmpty,
} from "./format";

describe("format", () => {
  it("shows times in Beijing time", () => {
    expect(formatDateTime("2026-12-08T01:00:00.000Z", "zh-CN")).toBe("2026年12月8日 09:00");
    expect(formatDateTime("2026-12-08T01:00:00.000Z", "en")).toMatch(/^8 December 2026.* 09:00$/);
    expect(formatShort("2026-12-07T17:30:00.000Z", "zh-CN")).toContain("12/8");
    expect(formatDateTime("nonsense", "zh-CN")).toBe("");
    expect(isoOrEmpty(null)).toBe("");
  });
  it("shows calendar dates as they are", () => {
    expect(formatLocalDate("2026-12-31", "zh-CN")).toBe("2026年12月31日");
    expect(formatLocalDate("2026-12-31", "en")).toBe("31 December 2026");
    expect(formatLocalDate(null, "en")).toBe("");
  });
  it("gives an instant's day without the year, in Beijing time", () => {
    expect(formatMonthDay("2026-12-13T16:30:00.000Z", "zh-CN")).toBe("12月14日");
    expect(formatMonthDay("2026-12-13T01:00:00.000Z", "en")).toBe("13 December");
    expect(formatMonthDay(null, "en")).toBe("");
  });
  it("names the weekday of a calendar date", () => {
    expect(formatWeekday("2027-02-06", "zh-CN")).toBe("星期六");
    expect(formatWeekday("2027-02-08", "en")).toBe("Monday");
    expect(formatWeekday("2027-02-30x", "en")).toBe("");
  });
});
