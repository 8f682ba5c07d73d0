import {
  type Counters,
  type DashboardScope,
  DomainError,
  defaultDashboardScope,
  hotTopics as hotTopicsOf,
  type Locale,
  mayViewDashboard,
  monthsBetween,
  namedRefs,
  parseDashboardScope,
  previousPeriod,
  scopeVillageIds,
  shanghaiMonth,
  YearMonth,
} from "@lianxin/core";
import * as z from "zod/mini";
import type { Deps } from "../../deps.js";
import type { StaffAuth } from "../accounts/session.js";
import { currentDirectory } from "../directory/current-directory.js";
import { parseInput } from "../parse.js";
import { MAX_PERIOD_MONTHS, readCountersOfScopes } from "./counter-reads.js";

const HotTopicsQuery = z.object({
  // Read by core's parseDashboardScope (a malformed one is a 400 there).
  scope: z.optional(z.string().check(z.maxLength(2000))),
  from: z.optional(YearMonth),
  to: z.optional(YearMonth),
});

type HotTopicsScope =
  | { kind: "town" }
  | { kind: "village" | "department"; id: string }
  | { kind: "villages"; ids: string[] };

/** The units whose counters a hot-topics scope sums: villages, or one department. */
type Units = { kind: "village" | "department"; ids: string[] };

/**
 * A scope, its units and whether the user may see it: the dashboard's rules, a list of
 * villages (`villages:a,b`, `villages:mine`) being each village's own.
 */
function unitsOf(
  auth: StaffAuth,
  scope: string | undefined,
  villageIds: string[],
): { units: Units; scope: HotTopicsScope } {
  const parsed: DashboardScope | null = scope
    ? parseDashboardScope(scope, auth.user)
    : defaultDashboardScope(auth.user);
  if (!parsed) {
    throw new DomainError("validation_failed", {
      fields: {
        scope: { kind: "invalid", message: { "zh-CN": "范围无效", en: "Invalid scope" } },
      },
    });
  }
  // A person's counters have no categories.
  if (parsed.kind === "person" || !mayViewDashboard(auth.user, parsed)) {
    throw new DomainError("forbidden");
  }
  if (parsed.kind === "department") {
    return {
      units: { kind: "department", ids: [parsed.id] },
      scope: { ...parsed, kind: "department" },
    };
  }
  const ids = scopeVillageIds(parsed, villageIds);
  return { units: { kind: "village", ids }, scope: parsed as HotTopicsScope };
}

/**
 * 热点 (`GET /api/staff/dashboard/hot-topics`): categories by volume and growth, the village ×
 * category table and the headline, from the village (or department) counters of the period
 * and of the previous period of the same length, read by key (constant in the history).
 */
export async function hotTopics(
  deps: Deps,
  auth: StaffAuth,
  query: Record<string, string>,
  locale: Locale,
) {
  const q = parseInput(HotTopicsQuery, query);
  const currentMonth = shanghaiMonth(deps.now());
  const to = q.to ?? currentMonth;
  const from = q.from ?? to;
  if (from > to || monthsBetween(from, to).length > MAX_PERIOD_MONTHS / 2) {
    throw new DomainError("validation_failed", {
      fields: {
        from: {
          kind: "invalid",
          message:
            from > to
              ? { "zh-CN": "起始月份晚于结束月份", en: "from is after to" }
              : { "zh-CN": "期间最长 30 个月", en: "The period is at most 30 months" },
        },
      },
    });
  }
  const index = await currentDirectory(deps);
  const { units, scope } = unitsOf(
    auth,
    q.scope,
    index.directory.villages.map((v) => v.id),
  );
  for (const id of units.ids) {
    if (!(units.kind === "village" ? index.village(id) : index.department(id)))
      throw new DomainError("not_found");
  }
  const previous = previousPeriod({ from, to });
  const read = await readCountersOfScopes(
    deps,
    units.ids.map((id) => ({ kind: units.kind, id })),
    monthsBetween(previous.from, to),
  );
  const refs = namedRefs(index, locale);
  const result = hotTopicsOf({
    period: { from, to },
    villages: read.map(({ scope: s, rows }) => ({
      id: s.id,
      rows: rows as Array<{ month: string; counters: Counters }>,
    })),
    refs: {
      category: refs.category,
      village: units.kind === "village" ? refs.village : (id) => refs.department(id),
    },
    unitKind: units.kind,
    locale,
    currentMonth,
  });
  const name =
    scope.kind === "town"
      ? locale === "en"
        ? "Whole town"
        : "全镇"
      : scope.kind === "villages"
        ? scope.ids.map((id) => refs.village(id).name).join(locale === "en" ? ", " : "、")
        : scope.kind === "village"
          ? refs.village(scope.id).name
          : refs.department(scope.id).name;
  return {
    scope: {
      kind: scope.kind,
      id:
        scope.kind === "town" ? "town" : scope.kind === "villages" ? scope.ids.join(",") : scope.id,
      name,
      unitKind: units.kind,
    },
    ...result,
  };
}
