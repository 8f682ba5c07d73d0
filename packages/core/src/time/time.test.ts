import { describe, expect, it } from "vitest";
import { computeDeadlines, limitEnd } from "./limits.js";
import { addWorkingDays, createWorkingCalendar, officialCalendar } from "./working-calendar.js";

describe("working calendar", () => {
  it("follows the official arrangement, adjusted working weekends included", () => {
    expect(officialCalendar.isWorkday("2026-02-14")).toBe(true); // a working Saturday
    expect(officialCalendar.isWorkday("2026-02-16")).toBe(false); // Spring Festival
    expect(officialCalendar.isWorkday("2026-10-01")).toBe(false);
    expect(officialCalendar.isWorkday("2026-11-28")).toBe(false); // an ordinary Saturday
    expect(officialCalendar.isWorkday("2026-11-27")).toBe(true);
  });

  it("falls back to Mon–Fri minus fixed-date holidays where the year is unpublished, and says so", () => {
    expect(officialCalendar.isWorkday("2027-01-01")).toBe(false);
    expect(officialCalendar.isWorkday("2027-01-04")).toBe(true);
    expect(officialCalendar.fallbackYears("2026-12-20", "2027-01-05")).toEqual([2027]);
    expect(addWorkingDays(officialCalendar, "2026-12-31", 1)).toBe("2027-01-04");
  });

  it("lets an admin override hold a year's arrangement", () => {
    const calendar = createWorkingCalendar(
      { holidays: {}, workdays: {} },
      { holidays: { "2027-02-10": "春节" }, workdays: {} },
    );
    expect(calendar.isWorkday("2027-02-10")).toBe(false);
    expect(calendar.fallbackYears("2027-01-01", "2027-12-31")).toEqual([]);
  });
});

describe("time limits", () => {
  const friday = new Date("2026-11-27T02:00:00Z"); // 10:00 Friday in Shanghai
  it("counts hours on the clock and days on the calendar", () => {
    expect(limitEnd(friday, { amount: 2, unit: "hours" }, officialCalendar).toISOString()).toBe(
      "2026-11-27T04:00:00.000Z",
    );
    expect(limitEnd(friday, { amount: 7, unit: "days" }, officialCalendar).toISOString()).toBe(
      "2026-12-04T02:00:00.000Z",
    );
  });

  it("ends a working-day limit at the end of the nth working day after, in Shanghai", () => {
    // Friday → next working day is Monday 30 Nov; end of that day is 15:59:59.999Z.
    expect(
      limitEnd(friday, { amount: 1, unit: "working_days" }, officialCalendar).toISOString(),
    ).toBe("2026-11-30T15:59:59.999Z");
    // Before a holiday week: 30 Sep 2026 + 1 working day skips National Day.
    const sep30 = new Date("2026-09-30T02:00:00Z");
    expect(
      limitEnd(sep30, { amount: 1, unit: "working_days" }, officialCalendar).toISOString(),
    ).toBe("2026-10-08T15:59:59.999Z");
  });

  it("reports deadlines that cross into an unpublished year", () => {
    const late = new Date("2026-12-28T02:00:00Z");
    const d = computeDeadlines(
      late,
      {
        signFor: { amount: 1, unit: "working_days" },
        respond: { amount: 1, unit: "working_days" },
        answer: { amount: 15, unit: "days" },
      },
      officialCalendar,
    );
    expect(d.calendarFallbackYears).toEqual([2027]);
    expect(
      computeDeadlines(
        friday,
        {
          signFor: { amount: 1, unit: "hours" },
          respond: { amount: 2, unit: "hours" },
          answer: { amount: 24, unit: "hours" },
        },
        officialCalendar,
      ).calendarFallbackYears,
    ).toEqual([]);
  });
});
