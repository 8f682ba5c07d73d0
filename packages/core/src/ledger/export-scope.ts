import { canView } from "../access/policy.js";
import type { Concern } from "../concern/concern.js";
import type { DirectoryIndex } from "../directory/lookup.js";
import { DomainError } from "../errors.js";
import type { StaffUser } from "../staff/schema.js";

/** Which concerns the user may export with these filters (the dashboard's role rules). */
export interface LedgerScope {
  villages: Set<string> | null;
  department: string | null;
  status: string | null;
  /** Complaints about cadres' conduct: admin and inspectors only. */
  includeDiscipline: boolean;
}

const unknown = (field: string) =>
  new DomainError("validation_failed", {
    fields: { [field]: { kind: "invalid", message: { "zh-CN": "不存在", en: "Unknown" } } },
  });

/** The ledger's filters that narrow whom it covers (the range and format aside). */
export interface LedgerFilters {
  village?: string | undefined;
  department?: string | undefined;
  status?: string | undefined;
}

/**
 * The scope of a ledger export: the filters, within what the user may see. Unknown ids are
 * 400, a village or department outside the user's own 403.
 */
export function ledgerScope(
  user: StaffUser,
  params: LedgerFilters,
  index: DirectoryIndex,
): LedgerScope {
  if (params.village && !index.village(params.village)) throw unknown("village");
  if (params.department && !index.department(params.department)) throw unknown("department");
  const status = params.status ?? null;
  switch (user.role) {
    case "admin":
    case "inspector":
      return {
        villages: params.village ? new Set([params.village]) : null,
        department: params.department ?? null,
        status,
        includeDiscipline: true,
      };
    case "leader": {
      if (params.village && !user.villageIds.includes(params.village))
        throw new DomainError("forbidden");
      return {
        villages: new Set(params.village ? [params.village] : user.villageIds),
        department: params.department ?? null,
        status,
        includeDiscipline: false,
      };
    }
    case "dept_head":
    case "cadre": {
      if (!user.departmentId) throw new DomainError("forbidden");
      if (params.department && params.department !== user.departmentId)
        throw new DomainError("forbidden");
      return {
        villages: params.village ? new Set([params.village]) : null,
        department: user.departmentId,
        status,
        includeDiscipline: false,
      };
    }
  }
}

/** Whether a concern belongs in the export of this scope for this user. */
export function inScope(scope: LedgerScope, user: StaffUser, c: Concern): boolean {
  if (c.routing.visibility === "discipline" && !scope.includeDiscipline) return false;
  if (scope.villages && !scope.villages.has(c.villageId)) return false;
  if (scope.department && c.routing.department.id !== scope.department) return false;
  if (scope.status && c.status !== scope.status) return false;
  return canView(user, c);
}

/**
 * Whether the export covers the whole ledger: every village, department and status, conduct
 * complaints included (admin and inspectors without a filter). Only such an export lists the
 * void numbers (作废): a void belongs to no village or department and has no concern status,
 * so any narrower export would show it where it does not belong.
 */
export function seesWholeLedger(scope: LedgerScope): boolean {
  return (
    scope.villages === null &&
    scope.department === null &&
    scope.status === null &&
    scope.includeDiscipline
  );
}
