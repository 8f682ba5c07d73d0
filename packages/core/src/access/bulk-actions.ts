import type { StaffUser } from "../staff/schema.js";
import { BULK_ACTIONS, type BulkAction } from "../vocabulary.js";

/**
 * The bulk actions a queue offers this user: those their role can take on some concern
 * (mayPerform decides each item again on the server, with the item's own state).
 */
export function bulkActionsFor(user: Pick<StaffUser, "role">): BulkAction[] {
  const roles: Record<BulkAction, readonly StaffUser["role"][]> = {
    accept: ["admin", "dept_head", "cadre", "inspector"],
    dispatch: ["admin"],
    assign: ["admin", "dept_head", "inspector"],
    supervise: ["admin", "inspector", "leader"],
  };
  return BULK_ACTIONS.filter((action) => roles[action].includes(user.role));
}
