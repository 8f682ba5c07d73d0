import { type Counters, isChangeMonthKind, isSealedMonth, monthsBetween } from "@lianxin/core";
import type { Store } from "@lianxin/store";
import type { Deps } from "../../deps.js";

/**
 * Counter reads with the sealed months kept in the process. A concern counter of a month
 * that is over never changes again (core: `isSealedMonth`), so a warm function reads only
 * the months still open (in practice the current one) from the table: a six-month
 * dashboard reads one month's items instead of six, and its cost does not grow with the
 * history. Keyed by store, like the directory cache by deps; bounded, oldest out first.
 */
type MonthRows = Array<{ member: string | null; counters: Counters }>;
type ScopeRef = { kind: string; id: string };

const MAX_ENTRIES = 50_000;
const caches = new WeakMap<Store, Map<string, MonthRows>>();

function cacheOf(store: Store): Map<string, MonthRows> {
  let cache = caches.get(store);
  if (!cache) {
    cache = new Map();
    caches.set(store, cache);
  }
  return cache;
}
/**
 * The schema of the months kept: raise it with every deployment that rewrites sealed months
 * (the rebuild script, rebuild-sealed-months.ts), so that a warm process does not keep
 * serving a month it read before the rebuild. 2: category fields recounted (issue 17).
 */
export const SEALED_CACHE_SCHEMA = 2;
const entryKey = (scope: ScopeRef, month: string) =>
  `v${SEALED_CACHE_SCHEMA}|${scope.kind}|${scope.id}|${month}`;

function remember(cache: Map<string, MonthRows>, key: string, rows: MonthRows) {
  cache.delete(key);
  cache.set(key, rows);
  while (cache.size > MAX_ENTRIES) {
    const oldest = cache.keys().next().value as string;
    cache.delete(oldest);
  }
}

/** A dashboard period is at most five years. */
export const MAX_PERIOD_MONTHS = 60;

function groupByMonth<R extends { month: string }>(rows: R[], months: string[]) {
  const out = new Map<string, R[]>(months.map((m) => [m, []]));
  for (const row of rows) out.get(row.month)?.push(row);
  return out;
}

/** One scope's items over the months (per-person items included), as `store.readCounters`. */
export async function readScopeCounters(
  deps: Deps,
  scope: ScopeRef,
  from: string,
  to: string,
): Promise<Array<{ month: string; member: string | null; counters: Counters }>> {
  if (!isChangeMonthKind(scope.kind)) return deps.store.readCounters(scope, from, to);
  const now = deps.now();
  const cache = cacheOf(deps.store);
  const months = monthsBetween(from, to, MAX_PERIOD_MONTHS);
  const sealed = months.filter((m) => isSealedMonth(m, now));
  const open = months.filter((m) => !isSealedMonth(m, now));
  const held = new Map(sealed.map((m) => [m, cache.get(entryKey(scope, m))]));
  const missing = sealed.filter((m) => !held.get(m));
  if (missing.length) {
    const first = missing[0] as string;
    const last = missing[missing.length - 1] as string;
    const byMonth = groupByMonth(
      await deps.store.readCounters(scope, first, last),
      monthsBetween(first, last),
    );
    for (const [month, rows] of byMonth) {
      const plain = rows.map(({ member, counters }) => ({ member, counters }));
      held.set(month, plain);
      if (isSealedMonth(month, now)) remember(cache, entryKey(scope, month), plain);
    }
  }
  const fresh = open.length
    ? await deps.store.readCounters(scope, open[0] as string, open[open.length - 1] as string)
    : [];
  return [
    ...sealed.flatMap((month) => (held.get(month) ?? []).map((r) => ({ month, ...r }))),
    ...fresh,
  ];
}

/** Many scopes' monthly items by key, as `store.readCountersBatch` (no per-person items). */
export async function readCountersOfScopes(
  deps: Deps,
  scopes: ScopeRef[],
  months: string[],
): Promise<Array<{ scope: ScopeRef; rows: Array<{ month: string; counters: Counters }> }>> {
  const now = deps.now();
  const cache = cacheOf(deps.store);
  const cacheable = (s: ScopeRef, m: string) => isChangeMonthKind(s.kind) && isSealedMonth(m, now);
  // Whatever is not held: the open months for every scope, and any sealed month not seen yet.
  const toRead = scopes.flatMap((s) =>
    months.filter((m) => !cacheable(s, m) || !cache.has(entryKey(s, m))).map((m) => ({ s, m })),
  );
  const read = new Map<string, MonthRows>(toRead.map(({ s, m }) => [entryKey(s, m), []]));
  if (toRead.length) {
    const readScopes = [...new Map(toRead.map(({ s }) => [`${s.kind}|${s.id}`, s])).values()];
    const readMonths = [...new Set(toRead.map(({ m }) => m))];
    for (const { scope, rows } of await deps.store.readCountersBatch(readScopes, readMonths)) {
      for (const row of rows) {
        read.set(entryKey(scope, row.month), [{ member: null, counters: row.counters }]);
      }
    }
    for (const { s, m } of toRead) {
      if (cacheable(s, m)) remember(cache, entryKey(s, m), read.get(entryKey(s, m)) ?? []);
    }
  }
  return scopes.map((scope) => ({
    scope,
    rows: months.flatMap((month) =>
      (read.get(entryKey(scope, month)) ?? cache.get(entryKey(scope, month)) ?? []).map((r) => ({
        month,
        counters: r.counters,
      })),
    ),
  }));
}
