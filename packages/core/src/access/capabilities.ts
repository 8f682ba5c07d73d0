import type { Role, StaffUser } from "../staff/schema.js";

/**
 * What a staff member may do outside a concern's actions (those are `mayPerform`'s), by
 * name: the API checks `may()` before each use case, the staff site asks it what to show.
 * Pure and loaded without zod (types only from the schema), so the site imports it as
 * `@lianxin/core/access`.
 *
 * A closed list: adding a capability means giving it a rule below.
 */
export const CAPABILITIES = [
  // Concerns and queues
  "concern.register",
  "concern.dispatch",
  "concern.publish_description",
  /** 检索: by ledger number, a resident's mobile (see `maySearchByPhone`) or words. */
  "concern.search",
  "queue.all",
  "notice.read",
  "notice.publish",
  "access_log.read",
  "inbox.read",
  "commission_inbox.read",
  /** SMS that failed, went unanswered (状态未知) or were dropped, and sending paused at a cap. */
  "sms_delivery.read",
  /** 回访: the call-back list, and recording a rating taken by phone. */
  "call_back.record",
  // Figures
  "dashboard.read",
  "department_figures.read",
  "ledger.export",
  // Field work and the grid
  "field_log.create",
  "field_log.read",
  "compliance.read",
  "quarterly_report.read",
  "member_report.read",
  "annual_assessment.read",
  "service_day.schedule",
  "service_day.manage_all",
  "rotation.read",
  "rotation.plan",
  "party_member.read",
  "party_member.manage",
  // The directory, accounts and settings
  "directory.read",
  "directory.edit",
  "audit.read",
  "account.read",
  "account.manage",
  "staff_phone.read",
  "department_staff.read",
  "password.reset",
  "calendar.read",
  "calendar.edit",
  "category.edit",
  "open311_key.manage",
  /** 纪委监督清单: the inspectors' watch lists (issue 17). */
  "inspection.read",
  // Reply templates (答复模板, issue 16)
  "reply_template.manage",
  "reply_template.read",
  // 季度工作报告's written sections (issue 17)
  "quarterly_draft.write",
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/**
 * Narrows a check to one village, one department or one person: "may this user read that
 * village's field logs?". Exactly one of the three.
 */
export type CapabilityScope =
  | { villageId: string; departmentId?: never; personId?: never }
  | { departmentId: string; villageId?: never; personId?: never }
  | { personId: string; villageId?: never; departmentId?: never };

/** As much of the user as the rules read (the API's `StaffUser`, the site's alike). */
export type CapabilityUser = Pick<StaffUser, "id" | "role" | "departmentId" | "villageIds">;

/** Where a scoped grant reaches, per kind of scope; a kind left out reaches nothing. */
interface Reach {
  village?: (user: CapabilityUser, villageId: string) => boolean;
  department?: (user: CapabilityUser, departmentId: string) => boolean;
  person?: (user: CapabilityUser, personId: string) => boolean;
}

interface Rule {
  /** The roles granted the capability (unscoped, the answer is whether the role is here). */
  roles: readonly Role[];
  /**
   * For capabilities that narrow by place: how far a role that does not read everything
   * reaches (admin and inspectors reach every village, department and person). Without it,
   * a granted role reaches everywhere.
   */
  reach?: Reach;
}

const EVERYONE: readonly Role[] = ["admin", "leader", "dept_head", "cadre", "inspector"];
const ADMIN: readonly Role[] = ["admin"];
/** Admin (the town office) and inspectors (the discipline commission): they read everything. */
const READERS: readonly Role[] = ["admin", "inspector"];

const readsEverywhere = (user: CapabilityUser) =>
  user.role === "admin" || user.role === "inspector";
/** A leader's contact villages (联系点). */
const contactVillage = (user: CapabilityUser, villageId: string) =>
  user.role === "leader" && user.villageIds.includes(villageId);
/** The user's own department; a leader's department field is not a handling unit. */
const ownDepartment = (user: CapabilityUser, departmentId: string) =>
  user.role !== "leader" && user.departmentId === departmentId;
const self = (user: CapabilityUser, personId: string) => user.id === personId;

const RULES: Record<Capability, Rule> = {
  /** Registering what residents bring in person: every role (inspectors conduct complaints). */
  "concern.register": { roles: EVERYONE },
  /** Triage (分派): the town office. Per concern, `mayPerform(…, "dispatch", …)` decides. */
  "concern.dispatch": { roles: ADMIN },
  /**
   * Making a concern's description public before its notice (Open311 serves it), through the
   * same review as every public text: the town office only, as it approves the notices.
   */
  "concern.publish_description": { roles: ADMIN },
  /** 检索 (issue 16): every role; each result is checked per concern (`canView`). */
  "concern.search": { roles: EVERYONE },
  /** The town's whole queue and triage's (read only for inspectors). */
  "queue.all": { roles: READERS },
  /** Draft and published notices (公示) in the back office. */
  "notice.read": { roles: READERS },
  /** Editing a notice's masked draft and approving it for the public. */
  "notice.publish": { roles: ADMIN },
  /** Who saw residents' personal data. */
  "access_log.read": { roles: READERS },
  /** One's own messages (消息). */
  "inbox.read": { roles: EVERYONE },
  /** The discipline commission's shared inbox, beside one's own. */
  "commission_inbox.read": { roles: ["inspector"] },
  "sms_delivery.read": { roles: ADMIN },
  /**
   * 回访 is the handlers' work (and the town office's): not the discipline commission's, which
   * checks ratings and must not record them.
   */
  "call_back.record": { roles: ["admin", "leader", "dept_head", "cadre"] },

  /** 统计分析: the town's, a contact village's, one's department's, one's own. */
  "dashboard.read": {
    roles: EVERYONE,
    reach: { village: contactVillage, department: ownDepartment, person: self },
  },
  /**
   * A department's figures (its dashboard, its quarterly report, the ledger's department
   * filter): any for admin and inspectors, their own for heads and cadres. Leaders follow
   * villages, not departments.
   */
  "department_figures.read": {
    roles: ["admin", "inspector", "dept_head", "cadre"],
    reach: { department: ownDepartment },
  },
  /** 台账导出: leaders their contact villages, heads and cadres their department. */
  "ledger.export": {
    roles: EVERYONE,
    reach: {
      village: (user, villageId) => user.role !== "leader" || contactVillage(user, villageId),
      department: (user, departmentId) =>
        (user.role !== "dept_head" && user.role !== "cadre") || user.departmentId === departmentId,
    },
  },

  /** 蹲点日志: everyone logs their own field visits. */
  "field_log.create": { roles: EVERYONE },
  /** Field logs: one's own; a contact village's (its leader); a department's (its head). */
  "field_log.read": {
    roles: EVERYONE,
    reach: {
      village: contactVillage,
      department: (user, departmentId) =>
        user.role === "dept_head" && user.departmentId === departmentId,
      person: self,
    },
  },
  /** 月度达标: leaders' and heads' monthly presence (their own row; all for readers). */
  "compliance.read": { roles: ["admin", "inspector", "leader", "dept_head"] },
  /** 季度工作报告: one's own (a department's is `department_figures.read`). */
  "quarterly_report.read": { roles: EVERYONE },
  /** Another person's quarterly report: readers, or the head of that person's department. */
  "member_report.read": {
    roles: ["admin", "inspector", "dept_head"],
    reach: {
      department: (user, departmentId) =>
        user.role === "dept_head" && user.departmentId === departmentId,
    },
  },
  /** 年度考核: the departments ranked. */
  "annual_assessment.read": { roles: ["admin", "inspector", "leader"] },
  /** 一线服务日: leaders and heads schedule their own. */
  "service_day.schedule": { roles: ["admin", "leader", "dept_head"] },
  /** Scheduling, retiring and recording service days for anyone, not only oneself. */
  "service_day.manage_all": { roles: ADMIN },
  /** 包干轮换: any staff member reads a village's rotation. */
  "rotation.read": { roles: EVERYONE },
  "rotation.plan": { roles: ADMIN },
  /** 入户: the party members registered at a village. */
  "party_member.read": { roles: READERS },
  "party_member.manage": { roles: ADMIN },

  /** The whole directory (retired entries too), and its workbook. */
  "directory.read": { roles: READERS },
  /** Villages, departments, leaders, categories: create, replace, retire, import. */
  "directory.edit": { roles: ADMIN },
  /** Who changed a directory entry, an account, a key or the calendar. */
  "audit.read": { roles: READERS },
  "account.read": { roles: READERS },
  "account.manage": { roles: ADMIN },
  /** Staff phones are personal data: only the town office sees them. */
  "staff_phone.read": { roles: ADMIN },
  /** A department's staff, for assigning: its own heads and cadres, or admin. */
  "department_staff.read": {
    roles: ["admin", "dept_head", "cadre"],
    reach: { department: (user, departmentId) => user.departmentId === departmentId },
  },
  "password.reset": { roles: ADMIN },
  /** The working calendar's override and which years lack the official arrangement. */
  "calendar.read": { roles: READERS },
  "calendar.edit": { roles: ADMIN },
  /** A category's time limits. */
  "category.edit": { roles: ADMIN },
  /** Open311 api_keys: issue, list, revoke. */
  "open311_key.manage": { roles: ADMIN },
  /** The watch lists: the discipline commission's work, and the town office's. */
  "inspection.read": { roles: READERS },
  /** 答复模板: admin writes, edits and retires them, and lists them all (retired ones too). */
  "reply_template.manage": { roles: ADMIN },
  /**
   * Reading a concern's templates, filled: those who may answer, respond or defer (per
   * concern `mayPerform` decides); leaders watch concerns and answer none.
   */
  "reply_template.read": { roles: ["admin", "dept_head", "cadre", "inspector"] },
  /** 季度工作报告's 存在问题 / 下步打算 of a department: its own head, and admin (the town office). */
  "quarterly_draft.write": {
    roles: ["admin", "dept_head"],
    reach: { department: (user, departmentId) => user.departmentId === departmentId },
  },
};

/**
 * Whether the user may use the capability: unscoped, whether their role grants it at all
 * (somewhere); with a scope, whether the grant reaches that village, department or person.
 * A scope never widens: `may(u, c, s)` implies `may(u, c)`.
 */
export function may(
  user: CapabilityUser,
  capability: Capability,
  scope?: CapabilityScope,
): boolean {
  const rule = RULES[capability];
  if (!rule.roles.includes(user.role)) return false;
  if (!scope || !rule.reach || readsEverywhere(user)) return true;
  const { reach } = rule;
  if (scope.villageId !== undefined) return reach.village?.(user, scope.villageId) ?? false;
  if (scope.departmentId !== undefined) {
    return reach.department?.(user, scope.departmentId) ?? false;
  }
  return reach.person?.(user, scope.personId) ?? false;
}
