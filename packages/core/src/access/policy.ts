import type { ActionType } from "../concern/actions.js";
import type { Concern } from "../concern/concern.js";
import type { StaffUser } from "../staff/schema.js";

/**
 * Who may see and do what. Pure and checked on the server for every request; the sites
 * only display what the API allows.
 */
function isRestricted(concern: Concern): boolean {
  return concern.routing.visibility === "discipline";
}

/** Staff who handle the concern: its department's people, or inspectors for conduct complaints. */
export function isHandler(user: StaffUser, concern: Concern): boolean {
  if (isRestricted(concern)) return user.role === "inspector";
  return (
    (user.role === "cadre" || user.role === "dept_head") &&
    user.departmentId === concern.routing.department.id
  );
}

/**
 * Leaders follow contact villages (联系点): the villages the directory names them contact
 * leader of. Other roles' `villageIds` mean nothing to the policy.
 */
export function hasContactVillages(user: Pick<StaffUser, "role">): boolean {
  return user.role === "leader";
}

export function isContactLeader(user: StaffUser, concern: Concern): boolean {
  return hasContactVillages(user) && user.villageIds.includes(concern.villageId);
}

/** A department head who holds (contracts) the concern's villager group. */
export function isGroupHolder(user: StaffUser, concern: Concern): boolean {
  return user.role === "dept_head" && concern.routing.groupHolder?.id === user.id;
}

/** Admin (the town office) and inspectors (the discipline commission) read everything. */
export function readsEverything(user: Pick<StaffUser, "role">): boolean {
  return user.role === "admin" || user.role === "inspector";
}

export function canView(user: StaffUser, concern: Concern): boolean {
  if (readsEverything(user)) return true;
  if (isRestricted(concern)) return false;
  return isHandler(user, concern) || isContactLeader(user, concern) || isGroupHolder(user, concern);
}

/** Name and phone: the handling department, the contact leader, admin and inspectors. */
export function canSeePersonalData(user: StaffUser, concern: Concern): boolean {
  if (readsEverything(user)) return true;
  return isHandler(user, concern) || isContactLeader(user, concern);
}

/**
 * 补发查询码 (a new access code after checking the resident's phone): those who handle the
 * concern (inspectors their conduct complaints only: they edit nothing else) and admin.
 */
export function mayReissueAccessCode(user: StaffUser, concern: Concern): boolean {
  return user.role === "admin" || isHandler(user, concern);
}

/** Whether the user's role and relation to the concern permit the action (not its state). */
export function mayPerform(user: StaffUser, type: ActionType, concern: Concern): boolean {
  if (!canView(user, concern)) return false;
  const admin = user.role === "admin";
  switch (type) {
    case "dispatch":
      return admin;
    case "accept":
    case "return":
    case "respond":
    case "defer":
    case "extend":
    case "answer":
    case "merge":
      return admin || isHandler(user, concern);
    case "assign":
      return (
        admin ||
        (isHandler(user, concern) && (user.role === "dept_head" || user.role === "inspector"))
      );
    case "note":
      return (
        admin ||
        isHandler(user, concern) ||
        isContactLeader(user, concern) ||
        isGroupHolder(user, concern)
      );
    case "supervise":
    // 催办: those who watch the concern press those who handle it.
    case "urge":
      return admin || user.role === "inspector" || isContactLeader(user, concern);
    case "strike_off":
    case "redo":
      return admin || isContactLeader(user, concern);
  }
}

/**
 * 按手机号查找: a resident's mobile links their concerns together, which is itself personal
 * data. Only for those the contact rule (`canSeePersonalData`) can ever show a contact to:
 * admin and inspectors, heads and cadres of a department (its concerns), leaders with
 * contact villages. Each result must still pass `canSeePersonalData` for its own concern.
 */
export function maySearchByPhone(
  user: Pick<StaffUser, "role" | "departmentId" | "villageIds">,
): boolean {
  if (readsEverything(user)) return true;
  if (user.role === "cadre" || user.role === "dept_head") return user.departmentId !== null;
  return hasContactVillages(user) && user.villageIds.length > 0;
}
