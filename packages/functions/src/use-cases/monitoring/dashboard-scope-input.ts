import {
  type DashboardScope,
  type DirectoryIndex,
  DomainError,
  dashboardScopeValue,
  defaultDashboardScope,
  findDepartmentHead,
  type Locale,
  mayViewDashboard,
  monthRange,
  namedRefs,
  parseDashboardScope,
  shanghaiMonth,
} from "@lianxin/core";
import type { Deps } from "../../deps.js";
import type { StaffAuth } from "../accounts/session.js";

/** A person's name: their account's, else the directory's (leaders, heads); never an id. */
export function directoryPersonName(index: DirectoryIndex, id: string): string | undefined {
  return index.leader(id)?.name ?? findDepartmentHead(index, id)?.name;
}

export const unknownPerson = (locale: Locale) => (locale === "en" ? "Unknown person" : "未知人员");

/** A scope in words: 全镇, a village's or department's name, villages' names together. */
async function scopeName(
  deps: Deps,
  index: DirectoryIndex,
  scope: DashboardScope,
  locale: Locale,
): Promise<string> {
  const refs = namedRefs(index, locale);
  switch (scope.kind) {
    case "town":
      return locale === "en" ? "Whole town" : "全镇";
    case "villages": {
      // In the directory's order, however the address lists them.
      const order = index.directory.villages.map((v) => v.id);
      return [...scope.ids]
        .sort((a, b) => order.indexOf(a) - order.indexOf(b))
        .map((id) => refs.village(id).name)
        .join(locale === "en" ? ", " : "、");
    }
    case "village":
      return refs.village(scope.id).name;
    case "department":
      return refs.department(scope.id).name;
    case "person": {
      const names = await deps.store.getStaffNames([scope.id]);
      return names.get(scope.id) ?? directoryPersonName(index, scope.id) ?? unknownPerson(locale);
    }
  }
}

/**
 * The scope a dashboard request asks for (the role's default when none), checked: malformed
 * → 400, an unknown village or department → 404, one the user may not see → 403 with the
 * scope's name (never a raw word such as "town").
 */
export async function resolveDashboardScope(
  deps: Deps,
  auth: StaffAuth,
  raw: string | undefined,
  index: DirectoryIndex,
  locale: Locale,
) {
  const scope = raw ? parseDashboardScope(raw, auth.user) : defaultDashboardScope(auth.user);
  if (!scope) {
    throw new DomainError("validation_failed", {
      fields: {
        scope: {
          kind: "invalid",
          message: {
            "zh-CN": "统计范围无效，例如 town、village:meijing、villages:mine",
            en: "Unknown scope, e.g. town, village:meijing, villages:mine",
          },
        },
      },
    });
  }
  const villageIds =
    scope.kind === "villages" ? scope.ids : scope.kind === "village" ? [scope.id] : [];
  if (villageIds.some((id) => !index.village(id))) throw new DomainError("not_found");
  if (scope.kind === "department" && !index.department(scope.id))
    throw new DomainError("not_found");
  const name = await scopeName(deps, index, scope, locale);
  if (!mayViewDashboard(auth.user, scope)) {
    throw new DomainError("forbidden", {
      details: {
        message:
          locale === "en" ? `You may not view the figures of ${name}` : `您无权查看${name}的统计`,
      },
    });
  }
  const value = dashboardScopeValue(scope);
  const view = {
    kind: scope.kind,
    id: scope.kind === "town" ? "town" : scope.kind === "villages" ? scope.ids.join(",") : scope.id,
    value,
    name,
  };
  return { scope, view };
}

/** A dashboard's months: up to this month and the 6 months before it unless given; 400 if reversed. */
export function dashboardPeriod(
  q: { from?: string | undefined; to?: string | undefined },
  now: Date,
) {
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
  return { from, to };
}
