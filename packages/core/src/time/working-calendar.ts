import officialJson from "./official-arrangement.cjs";
import { addCalendarDays, type LocalDate, weekday } from "./shanghai.js";

/**
 * Working days follow the State Council's holiday arrangement, including the
 * adjusted working weekends (调休). The arrangement is published year by year, late in
 * the previous year; for a year without data we fall back to Monday–Friday minus the
 * fixed-date holidays and say so, rather than silently treating holidays as workdays.
 */
export interface HolidayArrangement {
  /** Days off (holidays), `YYYY-MM-DD` → name. */
  holidays: Record<LocalDate, string>;
  /** Weekend days that are working days (调休上班). */
  workdays: Record<LocalDate, string>;
}

export interface WorkingCalendar {
  isWorkday(date: LocalDate): boolean;
  /** Years for which the official arrangement is missing and the fallback is in use. */
  fallbackYears(from: LocalDate, to: LocalDate): number[];
}

/** Fixed-date public holidays, the only ones knowable without the yearly notice. */
const FIXED_DATE_HOLIDAYS = ["01-01", "05-01", "10-01", "10-02", "10-03"];

export function createWorkingCalendar(
  arrangement: HolidayArrangement,
  overrides: HolidayArrangement = { holidays: {}, workdays: {} },
): WorkingCalendar {
  const yearsWithData = new Set(
    [...Object.keys(arrangement.holidays), ...Object.keys(overrides.holidays)].map((d) =>
      Number(d.slice(0, 4)),
    ),
  );
  const hasData = (year: number) => yearsWithData.has(year);
  return {
    isWorkday(date) {
      if (date in overrides.workdays) return true;
      if (date in overrides.holidays) return false;
      if (date in arrangement.workdays) return true;
      if (date in arrangement.holidays) return false;
      const dow = weekday(date);
      if (dow === 0 || dow === 6) return false;
      if (!hasData(Number(date.slice(0, 4)))) return !FIXED_DATE_HOLIDAYS.includes(date.slice(5));
      return true;
    },
    fallbackYears(from, to) {
      const years: number[] = [];
      for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
        if (!hasData(y)) years.push(y);
      }
      return years;
    },
  };
}

/**
 * The calendar from the official arrangement that chinese-days ships as JSON. Loaded through
 * a CommonJS `require` (official-arrangement.cjs) so that the Lambda bundle inlines it: SST
 * v2's esbuild 0.18 rejects import attributes and cannot see through `createRequire`, which
 * left the JSON out of the bundle and failed the deployed function at init.
 */
export const officialArrangement: HolidayArrangement = {
  holidays: officialJson.holidays,
  workdays: officialJson.workdays,
};
export const officialCalendar: WorkingCalendar = createWorkingCalendar(officialArrangement);

/** The `n`th working day strictly after `date` (n ≥ 1). */
export function addWorkingDays(calendar: WorkingCalendar, date: LocalDate, n: number): LocalDate {
  let current = date;
  let left = n;
  while (left > 0) {
    current = addCalendarDays(current, 1);
    if (calendar.isWorkday(current)) left--;
  }
  return current;
}
