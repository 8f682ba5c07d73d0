import * as z from "zod/mini";
import { freeText } from "../text/hygiene.js";
import { LIMIT_UNITS } from "../vocabulary.js";
import { addCalendarDays, endOfShanghaiDay, shanghaiDate } from "./shanghai.js";
import { addWorkingDays, type WorkingCalendar } from "./working-calendar.js";

/** A time limit as the town states it: "2 hours", "1 working day", "7 days". */
export const TimeLimit = z.object({
  amount: z.number().check(z.int(), z.positive()),
  unit: z.enum(LIMIT_UNITS),
});
export type TimeLimit = z.infer<typeof TimeLimit>;

/** The limits a category sets: sign for (签收), first response, answer. */
export const CategoryLimits = z.object({
  signFor: TimeLimit,
  respond: TimeLimit,
  answer: TimeLimit,
});
export type CategoryLimits = z.infer<typeof CategoryLimits>;

export interface Deadlines {
  signForBy: Date;
  respondBy: Date;
  answerBy: Date;
  /** Years whose holiday arrangement is not yet known: deadlines there are estimates. */
  calendarFallbackYears: number[];
}

/**
 * When a limit ends, counted from `start`:
 * - hours: clock hours (urgent hazards do not wait for a working day);
 * - days: calendar days, to the same instant;
 * - working_days: to the end (Asia/Shanghai) of the nth working day after the start date.
 */
export function limitEnd(start: Date, limit: TimeLimit, calendar: WorkingCalendar): Date {
  switch (limit.unit) {
    case "hours":
      return new Date(start.getTime() + limit.amount * 3_600_000);
    case "days":
      return new Date(start.getTime() + limit.amount * 86_400_000);
    case "working_days":
      return endOfShanghaiDay(addWorkingDays(calendar, shanghaiDate(start), limit.amount));
  }
}

/**
 * Years without the official holiday arrangement between `start` and a limit's `end`: working
 * days there were counted with the fallback (Mon–Fri minus fixed-date holidays). A day past
 * the end is included, as a working-day count can cross a year end.
 */
export function fallbackYearsBetween(start: Date, end: Date, calendar: WorkingCalendar): number[] {
  return calendar.fallbackYears(shanghaiDate(start), addCalendarDays(shanghaiDate(end), 1));
}

/** The warning a concern carries while one of its deadlines is such an estimate, else null. */
export function calendarWarningText(years: readonly number[]): string | null {
  return years.length
    ? `holiday arrangement not yet published for ${years.join(", ")}: working days estimated`
    : null;
}

export function computeDeadlines(
  start: Date,
  limits: CategoryLimits,
  calendar: WorkingCalendar,
): Deadlines {
  const signForBy = limitEnd(start, limits.signFor, calendar);
  const respondBy = limitEnd(start, limits.respond, calendar);
  const answerBy = limitEnd(start, limits.answer, calendar);
  return {
    signForBy,
    respondBy,
    answerBy,
    // Up to the furthest deadline.
    calendarFallbackYears: fallbackYearsBetween(start, answerBy, calendar),
  };
}

const LocalDay = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
/**
 * Admin's corrections to the official holiday arrangement: for a year the library does
 * not know yet (announced late each year), or a local change.
 */
export const CalendarOverride = z.strictObject({
  holidays: z.record(LocalDay, freeText(30)),
  workdays: z.record(LocalDay, freeText(30)),
});
export type CalendarOverride = z.infer<typeof CalendarOverride>;

/** Admin's edit of a category's limits. */
export const CategoryLimitsEdit = z.strictObject({ limits: CategoryLimits });
