import { endOfShanghaiDay, shanghaiMonth } from "../time/shanghai.js";

/**
 * A concern counter item is keyed by the month in which its change happened (the
 * change's `updatedAt`, which is the clock at the time of the change, never a date a user
 * typed). Once a month is over, no change can land in it any more, so its items are final
 * and a process may keep them for good. The grace covers a change stamped just before
 * midnight that commits after it: longer than any function may run (Lambda's 15 minutes).
 *
 * Field-work counters are not like this (a field log names a past date), so only the
 * concern scopes qualify.
 */
export const SEALED_MONTH_GRACE_MS = 60 * 60 * 1000;

/** The concern counter kinds, whose months are the months of the changes. */
export const CHANGE_MONTH_KINDS = [
  "village",
  "department",
  "person",
  "village_people",
  "department_people",
] as const;

export function isChangeMonthKind(kind: string): boolean {
  return (CHANGE_MONTH_KINDS as readonly string[]).includes(kind);
}

/** The last instant of `month` (YYYY-MM) in Asia/Shanghai. */
export function endOfShanghaiMonth(month: string): Date {
  const [y, m] = month.split("-").map(Number) as [number, number];
  // Day 0 of the next month is the last day of this one.
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return endOfShanghaiDay(last);
}

/** Whether no change can be counted in `month` any more, seen at `now`. */
export function isSealedMonth(month: string, now: Date): boolean {
  if (month >= shanghaiMonth(now)) return false;
  return now.getTime() - endOfShanghaiMonth(month).getTime() > SEALED_MONTH_GRACE_MS;
}
