import {
  type Concern,
  type Counters,
  canView,
  type DashboardScope,
  type DirectoryIndex,
  type Locale,
  readsEverything,
  scopeVillageIds,
  sumCounters,
  workPilesFor,
} from "@lianxin/core";
import type { QueueSource } from "@lianxin/store";
import type { Deps } from "../../deps.js";
import type { StaffAuth } from "../accounts/session.js";
import { readCountersOfScopes, readScopeCounters } from "./counter-reads.js";
import { directoryPersonName, unknownPerson } from "./dashboard-scope-input.js";
import { byResponse, rateRow } from "./rate-rows.js";

type MonthRow = { month: string; counters: Counters };

/**
 * A scope's monthly counters over the given months (the period and the periods it is
 * compared with): its villages' or department's items by key (BatchGetItem, sealed months
 * from the process's cache), a person's by one Query over the range.
 */
export async function scopeCounterRows(
  deps: Deps,
  scope: DashboardScope,
  index: DirectoryIndex,
  months: string[],
): Promise<MonthRow[]> {
  if (scope.kind === "person") {
    const sorted = [...months].sort();
    const rows = await readScopeCounters(
      deps,
      { kind: "person", id: scope.id },
      sorted[0] as string,
      sorted.at(-1) as string,
    );
    const wanted = new Set(months);
    return rows.filter((r) => wanted.has(r.month));
  }
  const units =
    scope.kind === "department"
      ? [{ kind: "department", id: scope.id }]
      : scopeVillageIds(
          scope,
          index.directory.villages.map((v) => v.id),
        ).map((id) => ({ kind: "village", id }));
  const results = await readCountersOfScopes(deps, units, months);
  return results.flatMap((r) => r.rows);
}

/** The per-person items of a unit scope for the period (none for the town or a person). */
export async function scopePeopleRows(
  deps: Deps,
  scope: DashboardScope,
  from: string,
  to: string,
): Promise<Array<{ member: string | null; counters: Counters }>> {
  const units =
    scope.kind === "department"
      ? [{ kind: "department_people", id: scope.id }]
      : scope.kind === "village" || scope.kind === "villages"
        ? scopeVillageIds(scope, []).map((id) => ({ kind: "village_people", id }))
        : [];
  const results = await Promise.all(units.map((u) => readScopeCounters(deps, u, from, to)));
  return results.flat();
}

/** The piles the scope's open work is read from: the narrowest that hold all of it. */
function sourcesOf(auth: StaffAuth, scope: DashboardScope, index: DirectoryIndex): QueueSource[] {
  switch (scope.kind) {
    case "town":
      return [{ kind: "town" }];
    case "villages":
      return scope.ids.map((id) => ({ kind: "village", id }));
    case "village":
      return [{ kind: "village", id: scope.id }];
    case "department":
      return [{ kind: "department", id: scope.id }];
    case "person":
      return workPilesFor(auth.user, readsEverything(auth.user) ? "all" : "mine", index);
  }
}

/**
 * The open and answered work of a scope as the user's queue reads it (conduct complaints
 * left out for those who do not read everything; only what the user may open): bounded by
 * the backlog, never the history.
 */
export async function scopeOpenWork(
  deps: Deps,
  auth: StaffAuth,
  scope: DashboardScope,
  index: DirectoryIndex,
): Promise<Concern[]> {
  const restricted = !readsEverything(auth.user);
  const piles = await Promise.all(
    sourcesOf(auth, scope, index).map((s) => deps.store.readOpenWork(s, restricted)),
  );
  const byNo = new Map<string, Concern>();
  for (const c of piles.flat()) if (canView(auth.user, c)) byNo.set(c.ledgerNo, c);
  return [...byNo.values()];
}

/** The per-person table: names from the accounts, else the directory; never an account id. */
export async function peopleRows(
  deps: Deps,
  index: DirectoryIndex,
  rows: Array<{ member: string | null; counters: Counters }>,
  locale: Locale,
) {
  const members = [...new Set(rows.map((r) => r.member).filter((m): m is string => !!m))];
  const names = await deps.store.getStaffNames(members);
  return members
    .map((id) =>
      rateRow({
        id,
        name: names.get(id) ?? directoryPersonName(index, id) ?? unknownPerson(locale),
        counters: sumCounters(rows.filter((r) => r.member === id).map((r) => r.counters)),
      }),
    )
    .sort(byResponse);
}
