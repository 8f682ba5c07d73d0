import { may } from "../access/capabilities.js";
import { readsEverything } from "../access/policy.js";
import type { Concern } from "../concern/concern.js";
import type { StaffUser } from "../staff/schema.js";
import { BACKLOG_AGE_BUCKETS, type BacklogAgeBucket } from "../vocabulary.js";

export { BACKLOG_AGE_BUCKETS, type BacklogAgeBucket };

/**
 * What a dashboard is about: the whole town, one village, several villages seen together (a
 * leader's contact villages), one department or one person.
 */
export type DashboardScope =
  | { kind: "town" }
  | { kind: "villages"; ids: string[] }
  | { kind: "village" | "department" | "person"; id: string };

/** At most this many villages in one `villages:a,b` scope (the town has 25). */
export const MAX_SCOPE_VILLAGES = 30;

const SCOPE_ID = /^[a-z0-9-]{1,64}$/;

/**
 * A scope as the address writes it: `town`, `village:x`, `villages:mine`, `villages:a,b`,
 * `department:x`, `person:x`; null when malformed. `mine` is the user's contact villages;
 * a list of one village is that village.
 */
export function parseDashboardScope(
  raw: string,
  user: Pick<StaffUser, "villageIds">,
): DashboardScope | null {
  if (raw === "town") return { kind: "town" };
  const colon = raw.indexOf(":");
  if (colon < 0) return null;
  const kind = raw.slice(0, colon);
  const rest = raw.slice(colon + 1);
  if (kind === "villages") {
    const ids = rest === "mine" ? [...user.villageIds] : rest.split(",");
    if (ids.length === 0 || ids.length > MAX_SCOPE_VILLAGES) return null;
    if (new Set(ids).size !== ids.length || !ids.every((id) => SCOPE_ID.test(id))) return null;
    return ids.length === 1 ? { kind: "village", id: ids[0] as string } : { kind: "villages", ids };
  }
  if (kind !== "village" && kind !== "department" && kind !== "person") return null;
  return SCOPE_ID.test(rest) ? { kind, id: rest } : null;
}

/** The address's form of a scope (`villages:a,b` in the order given). */
export function dashboardScopeValue(scope: DashboardScope): string {
  if (scope.kind === "town") return "town";
  if (scope.kind === "villages") return `villages:${scope.ids.join(",")}`;
  return `${scope.kind}:${scope.id}`;
}

/**
 * Who may look at which dashboard: inspectors and admin everything; a leader their contact
 * villages (one or several together); a department head or cadre their own department (not
 * a leader, whose department field is not a handling unit); everyone their own figures.
 */
export function mayViewDashboard(user: StaffUser, scope: DashboardScope): boolean {
  if (scope.kind === "town") return readsEverything(user);
  if (scope.kind === "villages")
    return (
      scope.ids.length > 0 &&
      scope.ids.every((id) => may(user, "dashboard.read", { villageId: id }))
    );
  if (scope.kind === "village") return may(user, "dashboard.read", { villageId: scope.id });
  if (scope.kind === "department") return may(user, "dashboard.read", { departmentId: scope.id });
  return may(user, "dashboard.read", { personId: scope.id });
}

/**
 * The dashboard a user lands on: the widest one they may see; a leader with several contact
 * villages sees them together.
 */
export function defaultDashboardScope(user: StaffUser): DashboardScope {
  if (readsEverything(user)) return { kind: "town" };
  if (user.role === "leader" && user.villageIds.length > 1)
    return { kind: "villages", ids: [...user.villageIds] };
  if (user.role === "leader" && user.villageIds[0])
    return { kind: "village", id: user.villageIds[0] };
  if (user.departmentId) return { kind: "department", id: user.departmentId };
  return { kind: "person", id: user.id };
}

/** The villages a scope is made of (none for a department or a person; every one for the town). */
export function scopeVillageIds(scope: DashboardScope, allVillageIds: readonly string[]): string[] {
  if (scope.kind === "town") return [...allVillageIds];
  if (scope.kind === "villages") return [...scope.ids];
  if (scope.kind === "village") return [scope.id];
  return [];
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
