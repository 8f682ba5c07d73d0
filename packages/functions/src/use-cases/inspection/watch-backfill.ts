import {
  mayBeWatched,
  monthRange,
  shanghaiMonth,
  type WatchEntry,
  watchEntriesFromHistory,
} from "@lianxin/core";
import type { Store } from "@lianxin/store";

/** Months of concerns the backfill reads, the current one included. */
export const WATCH_BACKFILL_MONTHS = 13;

/**
 * Puts on the kept watch lists (两次不满意, 退回超过两次, 作风投诉) the concerns handled before
 * the lists existed: the last 13 months through the month index (AP-E1, never a scan), the
 * history read only of a concern whose counts or routing say it may belong (AP-C2), its items
 * with the keys a live write gives them (core `watchEntriesFromHistory`), so that running it
 * at every start and deployment changes nothing. Queries and BatchWriteItem only.
 * Repeat residents are the job's (inspection/repeat-residents.ts), from its watermark on.
 */
export async function backfillWatchLists(
  store: Store,
  options: { now: Date; log?: (line: string) => void },
): Promise<{ months: number; concerns: number; listed: number }> {
  const months = monthRange(shanghaiMonth(options.now), WATCH_BACKFILL_MONTHS);
  const range = { fromIso: "0", toIso: "9999" };
  let concerns = 0;
  let listed = 0;
  for (const month of months) {
    let cursor: string | undefined;
    do {
      const page = await store.queryConcernsByMonth(month, { ...range, cursor });
      concerns += page.items.length;
      const entries: WatchEntry[] = [];
      for (const concern of page.items.filter(mayBeWatched)) {
        const found = await store.getConcernWithEvents(concern.ledgerNo);
        if (found) entries.push(...watchEntriesFromHistory(found.concern, found.events));
      }
      await store.putWatchItems(entries);
      listed += entries.length;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  options.log?.(`  watch lists: ${months.length} months, ${listed} items of ${concerns} concerns`);
  return { months: months.length, concerns, listed };
}
