// 批量办理's server work: the choices the action's fields need, and the one API call.
// Server-only; the page renders the result.
import { type BulkAction, ROLES, type Role } from "@lianxin/contract";
import type { Api } from "@lianxin/site-kit/api.server";
import { type Locale, type MessageKey, t } from "../i18n/messages";
import type { ActionFields } from "./actions";
import type { SelectedItem } from "./bulk";
import { loadDepartments } from "./queue.server";

export interface Choice {
  value: string;
  label: string;
}

const roleKey = (role: string): MessageKey =>
  (ROLES as readonly string[]).includes(role) ? (`role.${role as Role}` as const) : "role.cadre";

/**
 * The choices of the action's selects: every department for a dispatch; for an assignment,
 * the staff of the user's own department (a head assigns within it). Null when unreadable.
 */
export async function bulkChoices(
  api: Api,
  locale: Locale,
  type: BulkAction,
  departmentId: string | null | undefined,
): Promise<Partial<Record<string, Choice[] | null>>> {
  if (type === "dispatch") {
    const departments = await loadDepartments(api, locale);
    return { departmentId: departments?.map((d) => ({ value: d.id, label: d.name })) ?? null };
  }
  if (type === "assign") {
    if (!departmentId) return { assigneeId: [] };
    const res = await api.get("/api/staff/departments/:id/staff", { params: { id: departmentId } });
    return {
      assigneeId:
        res.ok && Array.isArray(res.data?.items)
          ? res.data.items.map((s) => ({
              value: s.id,
              label: t(locale, "header.user", { name: s.name, role: t(locale, roleKey(s.role)) }),
            }))
          : null,
    };
  }
  return {};
}

/** `POST /api/staff/bulk-actions`: each item at the version the queue showed. */
export function postBulk(api: Api, type: BulkAction, items: SelectedItem[], fields: ActionFields) {
  return api.post("/api/staff/bulk-actions", { body: { ...fields, type, items } });
}
