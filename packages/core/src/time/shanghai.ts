/**
 * The town keeps its ledger years, metric months and working days in China Standard
 * Time (UTC+8, no daylight saving), while every stored timestamp is UTC.
 * A fixed offset is exact for Asia/Shanghai and avoids Intl on hot paths.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** A calendar date in Asia/Shanghai, `YYYY-MM-DD`. */
export type LocalDate = string;

export function shanghaiDate(instant: Date): LocalDate {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

export function shanghaiYear(instant: Date): number {
  return Number(shanghaiDate(instant).slice(0, 4));
}

/** `YYYY-MM` of the instant in Asia/Shanghai: the bucket monthly figures use. */
export function shanghaiMonth(instant: Date): string {
  return shanghaiDate(instant).slice(0, 7);
}

/** The UTC instant at which `date` ends in Asia/Shanghai (23:59:59.999 local). */
export function endOfShanghaiDay(date: LocalDate): Date {
  return new Date(Date.parse(`${date}T23:59:59.999Z`) - SHANGHAI_OFFSET_MS);
}

export function addCalendarDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: LocalDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}
