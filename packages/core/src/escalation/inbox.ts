import { type CapabilityUser, may } from "../access/capabilities.js";
import type { InboxKind } from "../vocabulary.js";

/** The shared inboxes of a role: the discipline commission's, admin's. */
export const INSPECTORS_INBOX = "role:inspector";
export const ADMINS_INBOX = "role:admin";
/**
 * A department's shared inbox, read by its head and cadres: one item per new concern, however
 * many members it has, so the submission's transaction does not grow (or read) with them.
 */
export const departmentInbox = (departmentId: string) => `department:${departmentId}`;

/** 新诉求: a concern arrived at its department (at registration, or dispatched to it). */
export function arrivalNotice(
  concern: { ledgerNo: string; title: string | null; routing: { department: { id: string } } },
  recipient: string,
  ctx: { at: string; newId: () => string },
): Notification {
  return {
    id: ctx.newId(),
    recipient,
    kind: "new_concern",
    ledgerNo: concern.ledgerNo,
    at: ctx.at,
    data: { title: concern.title },
  };
}

/** A message for a staff member's inbox. */
export interface Notification {
  id: string;
  /** A staff id, or a role's shared inbox (INSPECTORS_INBOX, ADMINS_INBOX). */
  recipient: string;
  kind: InboxKind;
  ledgerNo: string;
  at: string;
  data: {
    stage?: string;
    dueAt?: string;
    title?: string | null;
    /** 催办: what the urging staff member wrote, and their name. */
    note?: string;
    by?: string;
  };
}

/**
 * Whose inboxes a user reads: their own; a department's head and cadres its shared list (new
 * concerns), admin the triage office's and the SMS sender's (sending paused at the town's
 * hourly cap); inspectors the commission's. A shared item is read once for all its readers:
 * someone of the department has seen the new concern, and the queue holds the work.
 */
export function inboxesOf(user: CapabilityUser, triageOfficeId: string): string[] {
  const admin = may(user, "sms_delivery.read");
  const department = admin
    ? triageOfficeId
    : user.role === "dept_head" || user.role === "cadre"
      ? user.departmentId
      : null;
  return [
    user.id,
    ...(department ? [departmentInbox(department)] : []),
    ...(may(user, "commission_inbox.read") ? [INSPECTORS_INBOX] : []),
    ...(admin ? [ADMINS_INBOX] : []),
  ];
}
