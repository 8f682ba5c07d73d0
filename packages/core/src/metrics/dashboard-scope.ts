import { may } from "../access/capabilities.js";
import { readsEverything } from "../access/policy.js";
import type { Concern } from "../concern/concern.js";
import type { StaffUser } from "../staff/schema.js";
import { BACKLOG_AGE_BUCKETS, type BacklogAgeBucket } from "../vocabulary.js";

export { BACKLOG_AGE_BUCKETS, type BacklogAgeBucket };

/** What a dashboard is about: the whole town, one village, one department or one person. */
export type DashboardScope =
  | { kind: "town" }
  | { kind: "village" | "department" | "person"; id: string };

/**
 * Who may look at which dashboard: inspectors and admin everything; a leader their contact
 * villages; a department head or cadre their own department (not a leader, whose department
 * field is not a handling unit); everyone their own figures.
 */
export function mayViewDashboard(user: StaffUser, scope: DashboardScope): boolean {
  if (scope.kind === "town") return readsEverything(user);
  if (scope.kind === "village") return may(user, "dashboard.read", { villageId: scope.id });
  if (scope.kind === "department") return may(user, "dashboard.read", { departmentId: scope.id });
  return may(user, "dashboard.read", { personId: scope.id });
}

/** The dashboard a user lands on: the widest one they may see. */
export function defaultDashboardScope(user: StaffUser): DashboardScope {
  if (readsEverything(user)) return { kind: "town" };
  if (user.role === "leader" && user.villageIds[0])
    return { kind: "village", id: user.villageIds[0] };
  if (user.departmentId) return { kind: "department", id: user.departmentId };
  return { kind: "person", id: user.id };
}

/** The open concerns counted by age bucket at `now`; every concern falls in exactly one. */
export function backlogByAge(
  open: readonly Pick<Concern, "createdAt">[],
  now: Date,
): Array<{ bucket: BacklogAgeBucket; count: number }> {
  const counts = BACKLOG_AGE_BUCKETS.map((b) => ({ bucket: b.bucket, count: 0 }));
  for (const concern of open) {
    const days = (now.getTime() - Date.parse(concern.createdAt)) / 86_400_000;
    const i = BACKLOG_AGE_BUCKETS.findIndex((b) => days < b.maxDays);
    const slot = counts[i === -1 ? counts.length - 1 : i];
    if (slot) slot.count++;
  }
  return counts;
}
