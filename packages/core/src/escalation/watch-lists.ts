import type { Concern, ConcernEvent } from "../concern/concern.js";
import { currentDeadline } from "../concern/deadline.js";
import { isOpen } from "../concern/state-machine.js";
import { endOfShanghaiDay, shanghaiDate } from "../time/shanghai.js";
import { addWorkingDays, type WorkingCalendar } from "../time/working-calendar.js";
import { WATCH_LISTS, type WatchList } from "../vocabulary.js";

export { WATCH_LISTS, type WatchList };

/**
 * The inspectors' watch lists (README of the store, "Watch lists"). Three are kept on write
 * (a change that puts a concern on one writes its item in the same transaction), one is
 * computed from the open work (overdue), and one by the escalation job after commit (a
 * resident writing again and again).
 */

/** Working days past a staff limit after which the commission watches the item. */
export const WATCH_OVERDUE_WORKING_DAYS = 5;
/** Dissatisfied ratings that put a concern on the list (the second goes to the leader). */
export const WATCH_DISSATISFIED = 2;
/** Returns beyond which a concern is watched: "more than twice". */
export const WATCH_RETURNS_ABOVE = 2;
/** A resident writing about the same thing this often within the window is watched. */
export const REPEAT_RESIDENT = { concerns: 3, days: 90 } as const;

/** One concern on one list, as the store keeps it. */
export interface WatchEntry {
  list: WatchList;
  /** When the concern went on the list (ISO): the list's order, newest first. */
  at: string;
  ledgerNo: string;
  departmentId: string;
  villageId: string;
  /** For a repeat resident: the earlier concerns of the same village and category. */
  related?: string[];
}

/**
 * The end of the day, 5 working days after a limit's day, from which an overdue item is the
 * commission's (the town's calendar: holidays and make-up working days count as it says).
 */
export function watchedOverdueFrom(dueAt: Date, calendar: WorkingCalendar): Date {
  return endOfShanghaiDay(
    addWorkingDays(calendar, shanghaiDate(dueAt), WATCH_OVERDUE_WORKING_DAYS),
  );
}

/** Is this open item 5 or more working days past its staff limit now? */
export function isWatchedOverdue(concern: Concern, now: Date, calendar: WorkingCalendar): boolean {
  if (!isOpen(concern)) return false;
  const deadline = currentDeadline(concern, now);
  if (!deadline || deadline.stage === "rating" || deadline.remainingMs >= 0) return false;
  return now >= watchedOverdueFrom(new Date(deadline.dueAt), calendar);
}

/**
 * The lists a change puts a concern on (`before` null: its registration). Only a crossing
 * counts, so each list gets a concern once whatever happens to it later.
 */
export function watchListsEntered(before: Concern | null, after: Concern): WatchList[] {
  const lists: WatchList[] = [];
  if (
    (before?.dissatisfiedCount ?? 0) < WATCH_DISSATISFIED &&
    after.dissatisfiedCount >= WATCH_DISSATISFIED
  ) {
    lists.push("dissatisfied_twice");
  }
  if (
    (before?.returnCount ?? 0) <= WATCH_RETURNS_ABOVE &&
    after.returnCount > WATCH_RETURNS_ABOVE
  ) {
    lists.push("returned_thrice");
  }
  if (before?.routing.visibility !== "discipline" && after.routing.visibility === "discipline") {
    lists.push("conduct");
  }
  return lists;
}

/** The entries of `watchListsEntered`, dated `at` (the change's time). */
export function watchEntriesOf(before: Concern | null, after: Concern, at: string): WatchEntry[] {
  return watchListsEntered(before, after).map((list) => watchEntry(list, after, at));
}

export function watchEntry(list: WatchList, concern: Concern, at: string): WatchEntry {
  return {
    list,
    at,
    ledgerNo: concern.ledgerNo,
    departmentId: concern.routing.department.id,
    villageId: concern.villageId,
  };
}

/**
 * The entries the changes in a concern's history made, with the keys the live writes gave
 * them (the time of the second dissatisfied rating, of the third return; registration for a
 * conduct complaint): for listing concerns handled before the lists existed, and for seeding.
 * Writing them again over live items changes nothing.
 */
export function watchEntriesFromHistory(
  concern: Concern,
  events: readonly ConcernEvent[],
): WatchEntry[] {
  const entries: WatchEntry[] = [];
  if (concern.routing.visibility === "discipline") {
    entries.push(watchEntry("conduct", concern, concern.createdAt));
  }
  let dissatisfied = 0;
  let returns = 0;
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    if (e.type === "rated" && e.data.rating === "dissatisfied") {
      dissatisfied++;
      if (dissatisfied === WATCH_DISSATISFIED) {
        entries.push(watchEntry("dissatisfied_twice", concern, e.at));
      }
    }
    if (e.type === "returned") {
      returns++;
      if (returns === WATCH_RETURNS_ABOVE + 1) {
        entries.push(watchEntry("returned_thrice", concern, e.at));
      }
    }
  }
  return entries;
}

/** Could this concern's history put it on a kept list (worth reading its events)? */
export function mayBeWatched(concern: Concern): boolean {
  return (
    concern.routing.visibility === "discipline" ||
    concern.dissatisfiedCount >= WATCH_DISSATISFIED ||
    concern.returnCount > WATCH_RETURNS_ABOVE
  );
}

/** What the repeat rule reads of a concern. */
export type RepeatCandidate = Pick<
  Concern,
  "ledgerNo" | "createdAt" | "villageId" | "categoryCode"
>;

/**
 * The same resident's earlier concerns (by phone key) that make `concern` a repeat: of the
 * same village and category, registered in the 90 days up to it. Returns them (oldest first)
 * when, with `concern`, they are 3 or more; otherwise null. Later concerns do not count, so
 * the answer for a concern never changes and the job may run again.
 */
export function repeatOf(
  concern: RepeatCandidate,
  sameResident: readonly RepeatCandidate[],
): string[] | null {
  const end = Date.parse(concern.createdAt);
  const start = end - REPEAT_RESIDENT.days * 86_400_000;
  const earlier = sameResident
    .filter(
      (c) =>
        c.ledgerNo !== concern.ledgerNo &&
        c.villageId === concern.villageId &&
        c.categoryCode === concern.categoryCode &&
        Date.parse(c.createdAt) >= start &&
        (Date.parse(c.createdAt) < end ||
          (c.createdAt === concern.createdAt && c.ledgerNo < concern.ledgerNo)),
    )
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
  return earlier.length + 1 >= REPEAT_RESIDENT.concerns ? earlier.map((c) => c.ledgerNo) : null;
}

/** Items per department (id), for the counts shown with each list. */
export function countByDepartment(entries: ReadonlyArray<{ departmentId: string }>) {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.departmentId, (counts.get(e.departmentId) ?? 0) + 1);
  return [...counts].map(([departmentId, count]) => ({ departmentId, count }));
}
