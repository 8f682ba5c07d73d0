import {
  ASSESSMENT_WEIGHTS,
  type Concern,
  complianceKeys,
  DEFAULT_RANKING_RULES,
  DomainError,
  isOverdue,
  type Locale,
  monthRange,
  monthsBetween,
  namedRefs,
  type RankingRules,
  rankUnits,
  shanghaiMonth,
  slowestUnits,
  sumCounters,
  type UnitFigures,
  unitCompliance,
  YearMonth,
} from "@lianxin/core";
import * as z from "zod/mini";
import type { Deps } from "../../deps.js";
import { authorize } from "../accounts/authorize.js";
import type { StaffAuth } from "../accounts/session.js";
import { currentDirectory } from "../directory/current-directory.js";
import { holdingsOf } from "../field-work/field-work.js";
import { parseInput } from "../parse.js";
import { MAX_PERIOD_MONTHS, readCountersOfScopes } from "./counter-reads.js";

const RankingsQuery = z.object({
  from: z.optional(YearMonth),
  to: z.optional(YearMonth),
  /** The minimum of concerns received to be ranked: 1 to 99. */
  min: z.optional(z.string().check(z.regex(/^[1-9]\d?$/))),
});

function badPeriod(): never {
  throw new DomainError("validation_failed", {
    fields: {
      from: {
        kind: "invalid",
        message: {
          "zh-CN": `起始月份应不晚于结束月份，且不超过 ${MAX_PERIOD_MONTHS} 个月`,
          en: `from must not be after to, at most ${MAX_PERIOD_MONTHS} months`,
        },
      },
    },
  });
}

/** Items past a staff deadline now, per village and department (conduct complaints left out). */
async function overdueNow(deps: Deps, now: Date) {
  const byVillage = new Map<string, number>();
  const byDepartment = new Map<string, number>();
  const add = (m: Map<string, number>, id: string) => m.set(id, (m.get(id) ?? 0) + 1);
  let cursor: string | undefined;
  do {
    // The open lane up to now: bounded by the backlog that is late, never by the history.
    const page = await deps.store.queryQueue({
      source: { kind: "town" },
      lane: "OPEN",
      overdueAt: now.toISOString(),
      excludeRestricted: true,
      limit: 200,
      cursor,
    });
    for (const c of page.items as Concern[]) {
      if (!isOverdue(c, now)) continue;
      add(byVillage, c.villageId);
      add(byDepartment, c.routing.department.id);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { byVillage, byDepartment };
}

/**
 * 红黑榜 and the slowest units: every village and department over a period, scored as the
 * annual assessment scores a department (the weights returned with it), compliance read from
 * the field-work counters by key. Requests: the units' counters (BatchGetItem, sealed months
 * cached), the duty-holders' member items (BatchGetItem), the rotation plans and the late
 * open work: units × months and the backlog, never the history.
 */
export async function rankings(
  deps: Deps,
  auth: StaffAuth,
  query: Record<string, string>,
  locale: Locale,
) {
  authorize(auth, "dashboard.read");
  const q = parseInput(RankingsQuery, query);
  const now = deps.now();
  const currentMonth = shanghaiMonth(now);
  const to = q.to ?? currentMonth;
  const from = q.from ?? (monthRange(to, 6)[0] as string);
  if (from > to || monthsBetween(from, to).length > MAX_PERIOD_MONTHS) badPeriod();
  const months = monthsBetween(from, to);
  const rules: RankingRules = {
    ...DEFAULT_RANKING_RULES,
    minReceived: q.min ? Number(q.min) : DEFAULT_RANKING_RULES.minReceived,
  };

  const index = await currentDirectory(deps);
  const refs = namedRefs(index, locale);
  const villages = index.directory.villages.filter((v) => !v.retiredAt);
  const departments = index.directory.departments.filter((d) => !d.retiredAt);
  const holdings = await holdingsOf(deps, index);
  const wanted = complianceKeys(index, months, holdings);
  const [villageCounters, departmentCounters, presence, late] = await Promise.all([
    readCountersOfScopes(
      deps,
      villages.map((v) => ({ kind: "village", id: v.id })),
      months,
    ),
    readCountersOfScopes(
      deps,
      departments.map((d) => ({ kind: "department", id: d.id })),
      months,
    ),
    deps.store.readMemberCounters(
      wanted.map((k) => ({
        kind: "fieldwork_village",
        id: k.villageId,
        member: k.personId,
        month: k.month,
      })),
    ),
    overdueNow(deps, now),
  ]);
  const present = new Set(
    presence.filter((r) => (r.counters.logs ?? 0) > 0).map((r) => `${r.id}|${r.month}#${r.member}`),
  );
  const compliance = unitCompliance({
    index,
    months,
    currentMonth,
    holdings,
    present: (k) => present.has(`${k.villageId}|${k.month}#${k.personId}`),
  });

  const figures = (
    rows: Awaited<ReturnType<typeof readCountersOfScopes>>,
    name: (id: string) => string,
    rate: Map<string, number | null>,
    late: Map<string, number>,
  ): UnitFigures[] =>
    rows.map(({ scope, rows }) => ({
      id: scope.id,
      name: name(scope.id),
      counters: sumCounters(rows.map((r) => r.counters)),
      compliance: rate.get(scope.id) ?? null,
      overdueNow: late.get(scope.id) ?? 0,
    }));
  const villageUnits = figures(
    villageCounters,
    (id) => refs.village(id).name,
    compliance.villages,
    late.byVillage,
  );
  const departmentUnits = figures(
    departmentCounters,
    (id) => refs.department(id).name,
    compliance.departments,
    late.byDepartment,
  );
  return {
    period: { from, to },
    currentMonth,
    rules: { ...rules, weights: ASSESSMENT_WEIGHTS },
    departments: rankUnits(departmentUnits, rules),
    villages: rankUnits(villageUnits, rules),
    slowest: {
      departments: slowestUnits(departmentUnits, rules.minReceived),
      villages: slowestUnits(villageUnits, rules.minReceived),
    },
  };
}
