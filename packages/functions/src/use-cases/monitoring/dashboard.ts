import {
  backlogByAge,
  type Concern,
  type Counters,
  type DashboardScope,
  type DirectoryIndex,
  DomainError,
  defaultDashboardScope,
  isOverdue,
  type Locale,
  ledgerYear,
  ledgerYearFigures,
  mayViewDashboard,
  monthRange,
  monthsBetween,
  namedRefs,
  percentilesOf,
  ratesOf,
  readsEverything,
  shanghaiMonth,
  sumCounters,
  toQueueItem,
} from "@lianxin/core";
import type { QueueSource } from "@lianxin/store";
import * as z from "zod/mini";
import type { Deps } from "../../deps.js";
import type { StaffAuth } from "../accounts/session.js";
import { currentDirectory } from "../directory/current-directory.js";
import { parseInput } from "../parse.js";
import { MAX_PERIOD_MONTHS, readCountersOfScopes, readScopeCounters } from "./counter-reads.js";
import { closeOutsOf, publicTrend } from "./public-figures.js";

const Month = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/));
const DashboardQuery = z.object({
  scope: z.optional(
    z.string().check(z.regex(/^(town|(village|department|person):[a-z0-9-]{1,64})$/)),
  ),
  from: z.optional(Month),
  to: z.optional(Month),
});

type Row = { id: string; name: string; counters: Counters };
function rateRow(r: Row) {
  const rates = ratesOf(r.counters);
  return {
    id: r.id,
    name: r.name,
    received: r.counters.received ?? 0,
    answered: r.counters.answered ?? 0,
    overdue: r.counters.overdue ?? 0,
    response: rates.response,
    resolution: rates.resolution,
    satisfaction: rates.satisfaction,
    onTimeClosure: rates.onTimeClosure,
  };
}
const byResponse = (a: ReturnType<typeof rateRow>, b: ReturnType<typeof rateRow>) =>
  (b.response ?? -1) - (a.response ?? -1) || b.received - a.received;

/** Many scopes' monthly items by key (BatchGetItem): the rankings' rows. */
async function rankingCounters(deps: Deps, kind: string, ids: string[], from: string, to: string) {
  const results = await readCountersOfScopes(
    deps,
    ids.map((id) => ({ kind, id })),
    monthsBetween(from, to, MAX_PERIOD_MONTHS),
  );
  return results.map(({ scope, rows }) => ({
    id: scope.id,
    rows: rows.map((r) => ({ ...r, member: null })),
  }));
}

async function countersOf(deps: Deps, kind: string, ids: string[], from: string, to: string) {
  const results = await Promise.all(
    ids.map((id) => readScopeCounters(deps, { kind, id }, from, to)),
  );
  return ids.map((id, i) => ({ id, rows: results[i] ?? [] }));
}

/** The open work of a scope: bounded by the backlog, never the history. */
async function openWork(deps: Deps, sources: QueueSource[], keep: (c: Concern) => boolean) {
  const items: Concern[] = [];
  for (const source of sources) {
    let cursor: string | undefined;
    do {
      const page = await deps.store.queryQueue({ source, lane: "OPEN", limit: 200, cursor });
      items.push(...page.items.filter(keep));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return items;
}

/** Figures of a set of villages and departments for a period: rankings, trend, totals. */
export async function periodFigures(
  deps: Deps,
  index: DirectoryIndex,
  locale: Locale,
  from: string,
  to: string,
) {
  const refs = namedRefs(index, locale);
  const villageIds = index.directory.villages.map((v) => v.id);
  const departmentIds = index.directory.departments.map((d) => d.id);
  const [villages, departments] = await Promise.all([
    rankingCounters(deps, "village", villageIds, from, to),
    rankingCounters(deps, "department", departmentIds, from, to),
  ]);
  const villageRows = villages.map((v) =>
    rateRow({
      id: v.id,
      name: refs.village(v.id).name,
      counters: sumCounters(v.rows.map((r) => r.counters)),
    }),
  );
  const departmentRows = departments.map((d) =>
    rateRow({
      id: d.id,
      name: refs.department(d.id).name,
      counters: sumCounters(d.rows.map((r) => r.counters)),
    }),
  );
  return {
    villages,
    villageRows: villageRows.sort(byResponse),
    departmentRows: departmentRows.sort(byResponse),
  };
}

function trendOf(rows: Array<{ month: string; counters: Counters }>, months: string[]) {
  return months.map((month) => {
    const c = sumCounters(rows.filter((r) => r.month === month).map((r) => r.counters));
    const rates = ratesOf(c);
    return {
      month,
      received: c.received ?? 0,
      answered: c.answered ?? 0,
      response: rates.response,
      resolution: rates.resolution,
      satisfaction: rates.satisfaction,
    };
  });
}

/** 统计分析: the dashboard of one scope and period, from the counters and the open backlog. */
export async function dashboard(
  deps: Deps,
  auth: StaffAuth,
  query: Record<string, string>,
  locale: Locale,
) {
  const q = parseInput(DashboardQuery, query);
  const now = deps.now();
  const to = q.to ?? shanghaiMonth(now);
  const from = q.from ?? (monthRange(to, 6)[0] as string);
  if (from > to) {
    throw new DomainError("validation_failed", {
      fields: {
        from: {
          kind: "invalid",
          message: { "zh-CN": "起始月份晚于结束月份", en: "from is after to" },
        },
      },
    });
  }
  const months = monthsBetween(from, to, MAX_PERIOD_MONTHS);
  const scope: DashboardScope = q.scope
    ? q.scope === "town"
      ? { kind: "town" }
      : { kind: q.scope.split(":")[0] as "village", id: q.scope.split(":")[1] as string }
    : defaultDashboardScope(auth.user);
  if (!mayViewDashboard(auth.user, scope)) throw new DomainError("forbidden");
  const index = await currentDirectory(deps);
  const refs = namedRefs(index, locale);
  const figures = await periodFigures(deps, index, locale, from, to);

  let rows: Array<{ month: string; counters: Counters }>;
  let name: string;
  let sources: QueueSource[];
  let keep: (c: Concern) => boolean = () => true;
  let people: Array<{ id: string; rows: Array<{ member: string | null; counters: Counters }> }> =
    [];
  if (scope.kind === "town") {
    rows = figures.villages.flatMap((v) => v.rows);
    name = locale === "en" ? "Whole town" : "全镇";
    sources = [{ kind: "town" }];
  } else if (scope.kind === "village") {
    if (!index.village(scope.id)) throw new DomainError("not_found");
    rows = figures.villages.find((v) => v.id === scope.id)?.rows ?? [];
    name = refs.village(scope.id).name;
    sources = [{ kind: "village", id: scope.id }];
    people = await countersOf(deps, "village_people", [scope.id], from, to);
  } else if (scope.kind === "department") {
    if (!index.department(scope.id)) throw new DomainError("not_found");
    rows = await readScopeCounters(deps, { kind: "department", id: scope.id }, from, to);
    name = refs.department(scope.id).name;
    sources = [{ kind: "department", id: scope.id }];
    people = await countersOf(deps, "department_people", [scope.id], from, to);
  } else {
    rows = await readScopeCounters(deps, { kind: "person", id: scope.id }, from, to);
    const account = await deps.store.getStaffAccount(scope.id);
    name = account?.name ?? scope.id;
    sources = account?.departmentId ? [{ kind: "department", id: account.departmentId }] : [];
    keep = (c) => c.assignee?.id === scope.id;
  }
  // Conduct complaints stay out of everyone's figures but inspectors' and admin's lists.
  const wide = readsEverything(auth.user);
  const open = await openWork(
    deps,
    sources,
    (c) => keep(c) && (wide || c.routing.visibility !== "discipline"),
  );
  const totals = sumCounters(rows.map((r) => r.counters));
  const item = (c: Concern) => toQueueItem(c, index, locale, now);
  const byUrgency = (a: Concern, b: Concern) =>
    a.deadlines.answerBy < b.deadlines.answerBy ? -1 : 1;

  const members = [
    ...new Set(people.flatMap((p) => p.rows.map((r) => r.member).filter((m): m is string => !!m))),
  ];
  const personNames = await deps.store.getStaffNames(members);
  return {
    scope: { kind: scope.kind, id: scope.kind === "town" ? "town" : scope.id, name },
    period: { from, to },
    totals,
    rates: ratesOf(totals),
    times: { firstResponse: percentilesOf(totals, "rt"), close: percentilesOf(totals, "ct") },
    trend: trendOf(rows, months),
    backlog: {
      total: open.length,
      byAge: backlogByAge(open, now),
    },
    overdue: open
      .filter((c) => isOverdue(c, now))
      .sort(byUrgency)
      .slice(0, 50)
      .map(item),
    supervised: open
      .filter((c) => c.flags.supervised)
      .sort(byUrgency)
      .slice(0, 50)
      .map(item),
    rankings: { departments: figures.departmentRows, villages: figures.villageRows },
    people: members
      .map((id) =>
        rateRow({
          id,
          name: personNames.get(id) ?? id,
          counters: sumCounters(
            people.flatMap((p) => p.rows.filter((r) => r.member === id).map((r) => r.counters)),
          ),
        }),
      )
      .sort(byResponse),
  };
}

/**
 * 数据公开: the town's rates by village and department over the last 12 months, and the
 * current ledger year's numbers: issued, registered and void (作废) by reason, so that the
 * public sees the ledger has no silent gaps. Numbers and names only, as before: directory
 * names, core's fixed reason labels, no ledger number, no void's `detail`; nothing here is
 * free text, so nothing passes the masking engine. The year's registered concerns are the
 * `received` counters of its months, which the 12 months always include (January onward):
 * no read beyond the counter and the year's voids (one BatchGetItem, one Query). The
 * notices published for the period's close-outs are counted by closing month (AP-N4: keys
 * only, the period's notices, never the history).
 */
export async function publicStatistics(deps: Deps, locale: Locale) {
  const now = deps.now();
  const to = shanghaiMonth(now);
  const months = monthRange(to, 12);
  const from = months[0] as string;
  const year = ledgerYear(now);
  const index = await currentDirectory(deps);
  const [figures, { lastSequence }, voids, published] = await Promise.all([
    periodFigures(deps, index, locale, from, to),
    deps.store.readLedgerAudit(year),
    deps.store.listLedgerVoids(year),
    deps.store.countPublishedNotices({ from, to }),
  ]);
  const villageMonths = figures.villages.flatMap((v) => v.rows);
  const registered =
    sumCounters(villageMonths.filter((r) => r.month.startsWith(`${year}-`)).map((r) => r.counters))
      .received ?? 0;
  const trend = publicTrend(villageMonths, months, published);
  return {
    from,
    to,
    villages: figures.villageRows,
    departments: figures.departmentRows,
    trend,
    closeOuts: closeOutsOf(trend),
    ledger: ledgerYearFigures({ year, lastSequence, voids, registered, locale }),
  };
}
