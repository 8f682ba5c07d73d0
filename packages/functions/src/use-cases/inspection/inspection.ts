import {
  type Concern,
  countByDepartment,
  currentDeadline,
  isWatchedOverdue,
  type Locale,
  namedRefs,
  toQueueItem,
  WATCH_LISTS,
  WATCH_OVERDUE_WORKING_DAYS,
  type WatchEntry,
  type WatchList,
} from "@lianxin/core";
import type { Deps } from "../../deps.js";
import { authorize } from "../accounts/authorize.js";
import type { StaffAuth } from "../accounts/session.js";
import { currentCalendar } from "../calendar/calendar.js";
import { currentDirectory } from "../directory/current-directory.js";

/**
 * The most items a list shows: one page an inspector reads through. The stored lists keep
 * every item; the page says when one holds more.
 */
export const INSPECTION_LIST_LIMIT = 100;

/** The lists kept on write or by the job (the overdue one is computed). */
const STORED = WATCH_LISTS.filter((l): l is Exclude<WatchList, "overdue"> => l !== "overdue");

/**
 * 纪委监督清单: the inspectors' view (inspector and admin). The stored lists are one Query
 * each (AP-W1, one item more than shown, to know whether there are more); the overdue list
 * is the town's open work (AP-QU2, bounded by the backlog) kept by core's
 * `isWatchedOverdue`; the listed concerns are read by key (one BatchGetItem per 100).
 */
export async function inspection(deps: Deps, auth: StaffAuth, locale: Locale) {
  authorize(auth, "inspection.read");
  const now = deps.now();
  const [index, calendar, open, ...stored] = await Promise.all([
    currentDirectory(deps),
    currentCalendar(deps),
    deps.store.readOpenWork({ kind: "town" }),
    ...STORED.map((list) => deps.store.readWatchList(list, INSPECTION_LIST_LIMIT + 1)),
  ]);
  const overdue: WatchEntry[] = open
    .filter((c) => isWatchedOverdue(c, now, calendar))
    .map((c) => ({
      list: "overdue" as const,
      at: currentDeadline(c, now)?.dueAt ?? c.createdAt,
      ledgerNo: c.ledgerNo,
      departmentId: c.routing.department.id,
      villageId: c.villageId,
    }))
    // The longest overdue first.
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const entries = new Map<WatchList, WatchEntry[]>([
    ["overdue", overdue],
    ...STORED.map((list, i) => [list, stored[i] ?? []] as [WatchList, WatchEntry[]]),
  ]);
  const shown = [...entries.values()].flatMap((e) => e.slice(0, INSPECTION_LIST_LIMIT));
  const openByNo = new Map(open.map((c) => [c.ledgerNo, c]));
  const missing = shown.map((e) => e.ledgerNo).filter((no) => !openByNo.has(no));
  const read = missing.length ? await deps.store.getConcernsByLedgerNos(missing) : [];
  const concerns = new Map<string, Concern>([
    ...openByNo,
    ...read.map((c) => [c.ledgerNo, c] as const),
  ]);
  const refs = namedRefs(index, locale);

  return {
    limit: INSPECTION_LIST_LIMIT,
    overdueWorkingDays: WATCH_OVERDUE_WORKING_DAYS,
    lists: WATCH_LISTS.map((list) => {
      const all = entries.get(list) ?? [];
      const listed = all.slice(0, INSPECTION_LIST_LIMIT).flatMap((e) => {
        const concern = concerns.get(e.ledgerNo);
        return concern ? [{ entry: e, concern }] : [];
      });
      return {
        list,
        items: listed.map(({ entry, concern }) => ({
          ...toQueueItem(concern, index, locale, now),
          enteredAt: entry.at,
          related: entry.related ?? [],
        })),
        more: all.length > INSPECTION_LIST_LIMIT,
        // By the department handling it now (it may have moved since it went on the list).
        byDepartment: countByDepartment(
          listed.map(({ concern }) => ({ departmentId: concern.routing.department.id })),
        )
          .map(({ departmentId, count }) => ({
            id: departmentId,
            name: refs.department(departmentId).name,
            count,
          }))
          .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, "zh-CN")),
      };
    }),
  };
}
