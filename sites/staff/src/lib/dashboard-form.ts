// The dashboard's GET form: the scope (town / village / department / person) a role may choose,
// and the month range (default: the last 6 months, Asia/Shanghai). Read loosely from the
// address; a bad value is reported and replaced by the default. Pure.
import type { PublicDirectory, Ref, StaffUser } from "@lianxin/contract";
import { addMonths, monthIndex } from "@lianxin/core/months";

export const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** The longest range the form asks for (the API reads one item per scope and month). */
export const MAX_MONTHS = 24;
export const DEFAULT_MONTHS = 6;

/** "2026-08" in Asia/Shanghai (UTC+8, no daylight saving) for an instant. */
export function monthOf(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
}

/** Months from `from` to `to`, both included (0 or less when reversed; 0 when not YYYY-MM). */
export function monthSpan(from: string, to: string): number {
  if (!MONTH.test(from) || !MONTH.test(to)) return 0;
  return monthIndex(to) - monthIndex(from) + 1;
}

export type PeriodProblem = "badMonth" | "reversed" | "tooLong";

export interface Period {
  from: string;
  to: string;
  /** What was wrong with the address's values (they were replaced by the default). */
  problem: PeriodProblem | null;
}

export function defaultPeriod(now: Date): { from: string; to: string } {
  const to = monthOf(now);
  return { from: addMonths(to, -(DEFAULT_MONTHS - 1)), to };
}

/**
 * `from`/`to` from the address. Both missing → the default. One given → the other from the
 * default window. Not YYYY-MM, reversed or longer than MAX_MONTHS → the default, with a problem.
 */
export function readPeriod(params: URLSearchParams, now: Date): Period {
  const def = defaultPeriod(now);
  const rawFrom = params.get("from")?.trim() ?? "";
  const rawTo = params.get("to")?.trim() ?? "";
  if (!rawFrom && !rawTo) return { ...def, problem: null };
  if ((rawFrom && !MONTH.test(rawFrom)) || (rawTo && !MONTH.test(rawTo))) {
    return { ...def, problem: "badMonth" };
  }
  // Only a start given: up to this month, or to the start itself when it lies ahead.
  const to = rawTo || (rawFrom.localeCompare(def.to) > 0 ? rawFrom : def.to);
  const from = rawFrom || addMonths(to, -(DEFAULT_MONTHS - 1));
  const span = monthSpan(from, to);
  if (span < 1) return { ...def, problem: "reversed" };
  if (span > MAX_MONTHS) return { ...def, problem: "tooLong" };
  return { from, to, problem: null };
}

const SCOPE =
  /^(town|(village|department|person):[A-Za-z0-9_.:-]{1,64}|villages:(mine|[a-z0-9-]{1,64}(,[a-z0-9-]{1,64}){0,29}))$/;

/**
 * A well-formed scope ("town", "village:meijing", "villages:mine", "villages:a,b", …) or ""
 * (the API's default for the role).
 */
export function readScope(params: URLSearchParams): string {
  const v = params.get("scope")?.trim() ?? "";
  return SCOPE.test(v) ? v : "";
}

export interface ScopeOption {
  value: string;
  label: string;
  group: "town" | "villages" | "village" | "department" | "person";
}

/**
 * What the scope select offers a role (the API enforces the same rules): a leader their
 * villages, together first when there are several (the API's default for them); a department
 * head or cadre their department; inspector and admin the town, every village and every
 * department. Names come from the directory and the department list; what has no name there
 * is not offered (an id is never shown).
 */
export function scopeOptions(
  user: Pick<StaffUser, "role" | "villageIds" | "departmentId"> | null,
  directory: {
    villages: readonly Pick<PublicDirectory["villages"][number], "id" | "name">[];
  } | null,
  departments: readonly Ref[] | null,
  townLabel: string,
  mineLabel: (names: string) => string = (names) => names,
): ScopeOption[] {
  if (!user) return [];
  const villageName = (id: string) => directory?.villages.find((v) => v.id === id)?.name;
  const departmentName = (id: string) => departments?.find((d) => d.id === id)?.name;
  const named = (o: { value: string; label: string | undefined; group: ScopeOption["group"] }) =>
    o.label ? [o as ScopeOption] : [];
  const village = (id: string) =>
    named({ value: `village:${id}`, label: villageName(id), group: "village" });
  const department = (id: string) =>
    named({ value: `department:${id}`, label: departmentName(id), group: "department" });
  switch (user.role) {
    case "leader": {
      const each = user.villageIds.flatMap(village);
      if (each.length < 2) return each;
      // The API's default for them, in the directory's order as the API names it.
      const order = (directory?.villages ?? []).map((v) => v.id);
      const ids = [...user.villageIds].sort((a, b) => order.indexOf(a) - order.indexOf(b));
      const names = ids.map((id) => villageName(id) ?? "").filter(Boolean);
      return [
        {
          value: `villages:${user.villageIds.join(",")}`,
          label: mineLabel(names.join("、")),
          group: "villages",
        },
        ...each,
      ];
    }
    case "dept_head":
    case "cadre":
      return user.departmentId ? department(user.departmentId) : [];
    case "admin":
    case "inspector":
      return [
        { value: "town", label: townLabel, group: "town" },
        ...(directory?.villages ?? []).flatMap((v) => village(v.id)),
        ...(departments ?? []).flatMap((d) => department(d.id)),
      ];
    default:
      return [];
  }
}

/** /dashboard?scope=…&from=…&to=… */
export function dashboardHref(scope: string, from: string, to: string): string {
  const p = new URLSearchParams();
  if (scope) p.set("scope", scope);
  p.set("from", from);
  p.set("to", to);
  return `/dashboard?${p.toString()}`;
}
