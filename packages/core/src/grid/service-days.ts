import * as z from "zod/mini";
import { DirectoryId } from "../directory/schema.js";
import { freeText, plainText } from "../text/hygiene.js";
import { addCalendarDays, type LocalDate, weekday } from "../time/shanghai.js";
import type { WorkingCalendar } from "../time/working-calendar.js";
import { FieldLog, ServiceDay } from "./schema.js";

/**
 * 一线服务日: expanding schedules into dated occurrences, in Asia/Shanghai dates.
 *
 * Holidays: a weekly day is skipped when it falls on an official public holiday, i.e. a
 * Monday–Friday that the working calendar says is not a working day (国庆, 春节 …). A day
 * scheduled on a weekend weekday (Saturday or Sunday) is kept: weekends are not holidays
 * for it. Adjusted working weekends (调休上班) add no occurrence: the schedule names its
 * weekday, not "every working day". A one-off day is kept whatever the calendar says:
 * someone chose that date.
 */

export interface ServiceDayOccurrence {
  serviceDayId: string;
  date: LocalDate;
  startTime: string;
  endTime: string;
  place: string;
  villageId: string;
  personId: string;
}

/** 1 = Monday … 7 = Sunday (ISO), as the schedule stores it. */
export function isoWeekday(date: LocalDate): number {
  const d = weekday(date);
  return d === 0 ? 7 : d;
}

function isPublicHoliday(date: LocalDate, calendar: WorkingCalendar | undefined): boolean {
  if (!calendar) return false;
  const dow = isoWeekday(date);
  return dow <= 5 && !calendar.isWorkday(date);
}

/** The occurrences of one schedule from `fromDate` (inclusive), at most `count`. */
function occurrencesOf(
  day: ServiceDay,
  fromDate: LocalDate,
  count: number,
  calendar: WorkingCalendar | undefined,
): ServiceDayOccurrence[] {
  const at = (date: LocalDate): ServiceDayOccurrence => ({
    serviceDayId: day.id,
    date,
    startTime: day.startTime,
    endTime: day.endTime,
    place: day.place,
    villageId: day.villageId,
    personId: day.personId,
  });
  const s = day.schedule;
  if (s.kind === "once") return s.date >= fromDate ? [at(s.date)] : [];
  let date = s.from > fromDate ? s.from : fromDate;
  date = addCalendarDays(date, (s.weekday - isoWeekday(date) + 7) % 7);
  const out: ServiceDayOccurrence[] = [];
  // A bounded walk: a year of weeks is far more than any page shows.
  for (let week = 0; out.length < count && week < 60; week++) {
    if (s.until !== null && date > s.until) break;
    if (!isPublicHoliday(date, calendar)) out.push(at(date));
    date = addCalendarDays(date, 7);
  }
  return out;
}

/**
 * The next `count` service days on or after `fromDate`, by date then start time, across
 * the given schedules (retired ones excluded). Pass the working calendar to skip official
 * holidays (see above).
 */
export function nextServiceDays(
  serviceDays: ServiceDay[],
  fromDate: LocalDate,
  count: number,
  options: { calendar?: WorkingCalendar } = {},
): ServiceDayOccurrence[] {
  if (count <= 0) return [];
  return serviceDays
    .filter((d) => !d.retiredAt)
    .flatMap((d) => occurrencesOf(d, fromDate, count, options.calendar))
    .sort(
      (a, b) =>
        a.date.localeCompare(b.date) ||
        a.startTime.localeCompare(b.startTime) ||
        a.serviceDayId.localeCompare(b.serviceDayId),
    )
    .slice(0, count);
}

/** Is `date` one of the schedule's days (for recording a day as held)? */
export function isServiceDayOn(
  day: ServiceDay,
  date: LocalDate,
  calendar?: WorkingCalendar,
): boolean {
  return nextServiceDays([day], date, 1, calendar ? { calendar } : {})[0]?.date === date;
}

/**
 * The last `count` dates of one schedule on or before `toDate`, newest first: the days
 * that may be recorded as held. A retired schedule has none; official holidays are skipped
 * as in `nextServiceDays` when the calendar is given.
 */
export function pastServiceDates(
  day: ServiceDay,
  toDate: LocalDate,
  count: number,
  options: { calendar?: WorkingCalendar } = {},
): LocalDate[] {
  if (count <= 0 || day.retiredAt) return [];
  const s = day.schedule;
  if (s.kind === "once") return s.date <= toDate ? [s.date] : [];
  let date = s.until !== null && s.until < toDate ? s.until : toDate;
  date = addCalendarDays(date, -((isoWeekday(date) - s.weekday + 7) % 7));
  const out: LocalDate[] = [];
  // As bounded as the forward walk.
  for (let week = 0; out.length < count && week < 60 && date >= s.from; week++) {
    if (!isPublicHoliday(date, options.calendar)) out.push(date);
    date = addCalendarDays(date, -7);
  }
  return out;
}

/** What staff send to schedule a service day (`POST /api/staff/service-days`). */
export const ServiceDayRequest = z
  .strictObject({
    personId: z.optional(DirectoryId),
    villageId: DirectoryId,
    place: freeText(100),
    startTime: ServiceDay.shape.startTime,
    endTime: ServiceDay.shape.endTime,
    schedule: ServiceDay.shape.schedule,
  })
  .check(
    z.refine((r) => r.startTime < r.endTime, {
      path: ["endTime"],
      message: "endTime must be after startTime",
    }),
    z.refine(
      (r) =>
        r.schedule.kind !== "weekly" || !r.schedule.until || r.schedule.until >= r.schedule.from,
      {
        path: ["schedule", "until"],
        message: "until must not be before from",
      },
    ),
  );
export type ServiceDayRequest = z.infer<typeof ServiceDayRequest>;
/** The body `POST /api/staff/service-days` takes. */
export type ServiceDayBody = z.input<typeof ServiceDayRequest>;

/** `POST /api/staff/service-days/:id/held`. */
export const ServiceDayHeldRequest = z.strictObject({
  date: ServiceDay.shape.schedule.def.options[0].shape.date,
  peopleReached: z._default(z.number().check(z.int(), z.gte(0), z.lte(10_000)), 0),
  peopleConsulted: z._default(z.number().check(z.int(), z.gte(0), z.lte(10_000)), 0),
  notes: z._default(plainText(4000), ""),
});
export type ServiceDayHeldRequest = z.infer<typeof ServiceDayHeldRequest>;

/**
 * "A day held is logged as a field visit": the field log (一线办公) for a service day held
 * on `date`, authored by its host and linked by `serviceDayId`.
 */
export function fieldLogForServiceDay(
  day: ServiceDay,
  request: ServiceDayHeldRequest,
  meta: { id: string; createdAt: string },
): FieldLog {
  return FieldLog.parse({
    id: meta.id,
    authorId: day.personId,
    date: request.date,
    villageId: day.villageId,
    groupId: null,
    kind: "office_hours",
    peopleReached: request.peopleReached,
    enterprises: 0,
    peopleConsulted: request.peopleConsulted,
    notes: request.notes || `一线服务日：${day.place} ${day.startTime}–${day.endTime}`,
    concernLedgerNos: [],
    serviceDayId: day.id,
    createdAt: meta.createdAt,
    demo: false,
  });
}
