import {
  CalendarOverride,
  createWorkingCalendar,
  shanghaiYear,
  type WorkingCalendar,
} from "@lianxin/core";
import type { Deps } from "../../deps.js";
import { authorize } from "../accounts/authorize.js";
import type { StaffAuth } from "../accounts/session.js";
import { parseInput } from "../parse.js";
import { processCache } from "../process-cache.js";

/** The working calendar: official arrangement plus admin's override, loaded once a period. */
const calendars = processCache(async (deps) =>
  createWorkingCalendar(deps.holidayArrangement, await deps.store.getCalendarOverride()),
);

export function currentCalendar(deps: Deps): Promise<WorkingCalendar> {
  return calendars.get(deps);
}

/** The override, and which of this year and next lack the official arrangement. */
export async function getCalendarSettings(deps: Deps, auth: StaffAuth) {
  authorize(auth, "calendar.read");
  const override = await deps.store.getCalendarOverride();
  const calendar = await currentCalendar(deps);
  const year = shanghaiYear(deps.now());
  return { override, fallbackYears: calendar.fallbackYears(`${year}-01-01`, `${year + 1}-12-31`) };
}

/** Admin replaces the override (e.g. enters next year's arrangement once announced). */
export async function putCalendarSettings(deps: Deps, auth: StaffAuth, body: unknown) {
  authorize(auth, "calendar.edit");
  const override = parseInput(CalendarOverride, body);
  const before = await deps.store.getCalendarOverride();
  const at = deps.now().toISOString();
  await deps.store.putCalendarOverride(override, {
    id: deps.newId(),
    at,
    actor: { id: auth.user.id, name: auth.user.name },
    subject: "calendar",
    before,
    after: override,
  });
  calendars.forget(deps);
  return getCalendarSettings(deps, auth);
}
