import type { DirectoryIndex } from "../directory/lookup.js";
import { DomainError } from "../errors.js";
import type { StaffUser } from "../staff/schema.js";
import { readsEverything } from "./policy.js";

/** The queues (待办) a staff member may pick in the staff site. */
export const QUEUE_SCOPES = ["mine", "triage", "all", "groups"] as const;
export type QueueScope = (typeof QUEUE_SCOPES)[number];

/** A pile of open work: a department's, a village's, or the whole town's. */
export type WorkPile =
  | { kind: "department"; id: string }
  | { kind: "village"; id: string }
  | { kind: "town" };

/**
 * Which piles a queue is made of, for this user: "all" and "triage" are for those who read
 * everything; "groups" for a department head, the villages of the groups they hold; "mine"
 * is the user's own work (a leader's contact villages, admin's triage office, inspectors'
 * commission, everyone else their department). Forbidden when the user may not pick it.
 */
export function workPilesFor(
  user: StaffUser,
  scope: QueueScope,
  index: DirectoryIndex,
): WorkPile[] {
  const wide = readsEverything(user);
  switch (scope) {
    case "all":
      if (!wide) throw new DomainError("forbidden");
      return [{ kind: "town" }];
    case "triage":
      if (!wide) throw new DomainError("forbidden");
      return [{ kind: "department", id: index.triageOffice().id }];
    case "groups": {
      if (user.role !== "dept_head") throw new DomainError("forbidden");
      const villages = index.directory.villages.filter((v) =>
        v.groups.some((g) => g.holderId === user.id),
      );
      return villages.map((v) => ({ kind: "village", id: v.id }));
    }
    default:
      if (user.role === "leader") return user.villageIds.map((id) => ({ kind: "village", id }));
      if (user.role === "admin") return [{ kind: "department", id: index.triageOffice().id }];
      if (user.role === "inspector")
        return [{ kind: "department", id: index.disciplineCommission().id }];
      return user.departmentId ? [{ kind: "department", id: user.departmentId }] : [];
  }
}
