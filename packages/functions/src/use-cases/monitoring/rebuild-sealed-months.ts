import {
  addMonths,
  type CategoryCount,
  indexDirectory,
  isSealedMonth,
  monthsBetween,
  type PeriodIndexEntry,
  recountConcern,
  shanghaiMonth,
} from "@lianxin/core";
import type { Store } from "@lianxin/store";

/**
 * The rebuild's schema. Raise it when what the rebuild writes changes: every sealed month is
 * rebuilt again at the next run. A deployment that runs a rebuild also raises the cached
 * months' schema in counter-reads.ts (`SEALED_CACHE_SCHEMA`), so no warm process keeps a
 * month read before it.
 */
export const SEALED_MONTHS_REBUILD_VERSION = 1;

/** The last month sealed at `now` (core `isSealedMonth`: over, and past its grace). */
export function lastSealedMonth(now: Date): string {
  const previous = addMonths(shanghaiMonth(now), -1);
  return isSealedMonth(previous, now) ? previous : addMonths(previous, -1);
}

export interface RebuildSummary {
  months: string[];
  concerns: number;
  counterItems: number;
  periodItems: number;
}

/**
 * Recounts the category fields (`received.<c>`, `closed.<c>`) and writes the period index of
 * sealed months from the events (store README, "Rebuilding sealed months"): months counted
 * before those existed get them, as live writes would have counted them (core
 * `recountConcern`). Only sealed months: no live write lands in them any more, so absolute
 * values are safe. A marker records the last month rebuilt; the next run does the months
 * sealed since (usually none, then one GetItem), or all again under a new version or `force`.
 * Idempotent: category fields are SET to the recount on shard 0 and removed from the others;
 * period-index items are Puts of the events' own keys.
 */
export async function rebuildSealedMonths(
  store: Store,
  options: { now: Date; force?: boolean; log?: (line: string) => void },
): Promise<RebuildSummary> {
  const log = options.log ?? (() => {});
  const none = { months: [], concerns: 0, counterItems: 0, periodItems: 0 };
  const index = indexDirectory(await store.loadDirectory());
  const directory = index.directory;
  const villages = directory.villages.map((v) => ({ kind: "village", id: v.id }));
  const last = lastSealedMonth(options.now);
  const marker = options.force ? null : await store.getSealedMonthsMarker();
  const since =
    marker && marker.version === SEALED_MONTHS_REBUILD_VERSION
      ? addMonths(marker.through, 1)
      : null;
  // Nothing sealed since the last run: one GetItem and the directory, no more.
  if (since && since > last) return none;
  const first = await store.firstCounterMonth(villages);
  if (!first) return none;
  const start = since && since > first ? since : first;
  if (start > last) return none;
  const months = monthsBetween(start, last);
  const rebuilding = new Set(months);
  log(`  sealed months: rebuilding ${months[0]} … ${last} (${months.length} months)`);

  // A concern registered in any month up to the last may have events in the rebuilt ones;
  // one whose last change is before them has none there, and its events are not read.
  const counts: CategoryCount[] = [];
  const entries: PeriodIndexEntry[] = [];
  let concerns = 0;
  const registered = monthsBetween(first, last);
  for (const [i, month] of registered.entries()) {
    let cursor: string | undefined;
    do {
      const page = await store.queryConcernsByMonth(month, {
        fromIso: "0000",
        toIso: "9999",
        cursor,
      });
      for (const concern of page.items) {
        if (shanghaiMonth(new Date(concern.updatedAt)) < start) continue;
        const found = await store.getConcernWithEvents(concern.ledgerNo);
        if (!found) continue;
        concerns++;
        const r = recountConcern(found.concern, found.events, index.triageOffice().id);
        counts.push(...r.counts.filter((c) => rebuilding.has(c.month)));
        entries.push(...r.entries.filter((e) => rebuilding.has(e.month)));
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    if ((i + 1) % 6 === 0 || i === registered.length - 1) {
      log(`  sealed months: read ${i + 1}/${registered.length} months, ${concerns} concerns`);
    }
  }

  const units = [
    ...villages,
    ...directory.departments.map((d) => ({ kind: "department", id: d.id })),
  ];
  let counterItems = 0;
  let periodItems = 0;
  for (const month of months) {
    const figures = new Map<string, Record<string, number>>();
    const scopes = new Map(units.map((u) => [`${u.kind}|${u.id}`, u]));
    for (const c of counts) {
      if (c.month !== month) continue;
      const key = `${c.scope.kind}|${c.scope.id}`;
      scopes.set(key, c.scope);
      const fields = figures.get(key) ?? {};
      fields[c.field] = (fields[c.field] ?? 0) + c.amount;
      figures.set(key, fields);
    }
    counterItems += await store.replaceCategoryFields(month, [...scopes.values()], figures);
    const ofMonth = entries.filter((e) => e.month === month);
    await store.putPeriodIndexEntries(ofMonth);
    periodItems += ofMonth.length;
  }
  await store.putSealedMonthsMarker({
    version: SEALED_MONTHS_REBUILD_VERSION,
    through: last,
    at: options.now.toISOString(),
  });
  log(
    `  sealed months: ${months.length} months rebuilt, ${counterItems} counter items set, ${periodItems} period-index items`,
  );
  return { months, concerns, counterItems, periodItems };
}
