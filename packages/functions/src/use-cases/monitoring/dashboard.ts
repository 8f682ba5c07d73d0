import {
  backlogByAge,
  type Concern,
  type Counters,
  comparisonPeriods,
  type DirectoryIndex,
  type Locale,
  ledgerYear,
  ledgerYearFigures,
  monthRange,
  monthsBetween,
  namedRefs,
  type PresentFigure,
  percentilesOf,
  presentFigures,
  ratesOf,
  shanghaiMonth,
  sumCounters,
  toQueueItem,
  YearMonth,
} from "@lianxin/core";
import * as z from "zod/mini";
import type { Deps } from "../../deps.js";
import type { StaffAuth } from "../accounts/session.js";
import { currentDirectory } from "../directory/current-directory.js";
import { parseInput } from "../parse.js";
import { MAX_PERIOD_MONTHS, readCountersOfScopes } from "./counter-reads.js";
import { overviewFigures } from "./dashboard-overview.js";
import { peopleRows, scopeCounterRows, scopeOpenWork, scopePeopleRows } from "./dashboard-reads.js";
import { dashboardPeriod, resolveDashboardScope } from "./dashboard-scope-input.js";
import { closeOutsOf, publicTrend } from "./public-figures.js";
import { byResponse, rateRow } from "./rate-rows.js";

const DashboardQuery = z.object({
  scope: z.optional(z.string().check(z.maxLength(2000))),
  from: z.optional(YearMonth),
  to: z.optional(YearMonth),
});

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

export function trendOf(rows: Array<{ month: string; counters: Counters }>, months: string[]) {
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
  const { from, to } = dashboardPeriod(q, now);
  const months = monthsBetween(from, to, MAX_PERIOD_MONTHS);
  const index = await currentDirectory(deps);
  const { scope, view } = await resolveDashboardScope(deps, auth, q.scope, index, locale);
  const period = { from, to };
  const comparison = comparisonPeriods(period);

  const [rows, people, open] = await Promise.all([
    scopeCounterRows(deps, scope, index, [
      ...new Set([
        ...monthsBetween(comparison.yearAgo.from, comparison.yearAgo.to, MAX_PERIOD_MONTHS),
        ...monthsBetween(comparison.previous.from, comparison.previous.to, MAX_PERIOD_MONTHS),
        ...months,
      ]),
    ]),
    scopePeopleRows(deps, scope, from, to),
    scopeOpenWork(deps, auth, scope, index),
  ]);
  const within = (p: { from: string; to: string }) =>
    sumCounters(rows.filter((r) => r.month >= p.from && r.month <= p.to).map((r) => r.counters));
  const totals = within(period);
  const present = presentFigures(auth.user, scope, open, now);
  const item = (c: Concern) => toQueueItem(c, index, locale, now);
  const byUrgency = (a: Concern, b: Concern) =>
    a.deadlines.answerBy < b.deadlines.answerBy ? -1 : 1;

  return {
    scope: view,
    period,
    totals,
    rates: ratesOf(totals),
    times: { firstResponse: percentilesOf(totals, "rt"), close: percentilesOf(totals, "ct") },
    trend: trendOf(rows, months),
    backlog: { total: present.backlog.length, byAge: backlogByAge(present.backlog, now) },
    overdue: [...present.overdueNow].sort(byUrgency).slice(0, 50).map(item),
    supervised: [...present.supervised].sort(byUrgency).slice(0, 50).map(item),
    comparison,
    overview: overviewFigures({
      user: auth.user,
      scope,
      period,
      current: totals,
      previous: within(comparison.previous),
      yearAgo: within(comparison.yearAgo),
      present: Object.fromEntries(Object.entries(present).map(([k, v]) => [k, v.length])) as Record<
        PresentFigure,
        number
      >,
    }),
    people: await peopleRows(deps, index, people, locale),
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
