import { DirectoryId, DomainError, type Locale, parseLedgerNo } from "@lianxin/core";
import type { Deps } from "../../deps.js";
import { authorize } from "../accounts/authorize.js";
import type { StaffAuth } from "../accounts/session.js";
import { currentDirectory } from "./current-directory.js";

/** Departments, for dispatching from triage. */
export async function listDepartments(deps: Deps, locale: Locale) {
  const index = await currentDirectory(deps);
  return {
    items: index.directory.departments.map((d) => ({
      id: d.id,
      name: locale === "en" ? d.nameEn : d.name,
      kind: d.kind,
    })),
  };
}

/** A department's staff, for assigning: its own head, or admin. */
export async function listStaffOfDepartment(deps: Deps, auth: StaffAuth, departmentId: string) {
  if (!DirectoryId.safeParse(departmentId).success) throw new DomainError("not_found");
  authorize(auth, "department_staff.read", { departmentId });
  const staff = await deps.store.listDepartmentStaff(departmentId);
  return {
    items: staff.filter((s) => s.active).map((s) => ({ id: s.id, name: s.name, role: s.role })),
  };
}

/** Who saw personal data: inspectors and admin. */
export async function accessLog(deps: Deps, auth: StaffAuth, query: Record<string, string>) {
  authorize(auth, "access_log.read");
  const ledgerNo = query.ledgerNo?.trim().toUpperCase() || undefined;
  if (ledgerNo && !parseLedgerNo(ledgerNo)) {
    throw new DomainError("validation_failed", {
      fields: {
        ledgerNo: {
          kind: "invalid",
          message: { "zh-CN": "台账编号格式不对", en: "Not a ledger number" },
        },
      },
    });
  }
  return deps.store.listAccessLog({ ledgerNo, limit: 50, cursor: query.cursor || undefined });
}
