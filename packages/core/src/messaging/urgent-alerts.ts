import type { Concern, ConcernEvent, ConcernEventType } from "../concern/concern.js";
import type { Category, Department } from "../directory/schema.js";
import type { StaffAccount } from "../staff/schema.js";
import type { SmsMessage } from "./resident-messages.js";
import { mainlandMobile, mobileE164 } from "./resident-phone.js";
import { sendableFrom } from "./sms-policy.js";

/**
 * Urgent alerts (紧急提醒, issue 14): a concern of an urgent category (the demo's 安全隐患)
 * sends the head of the department it arrives at an SMS, at any hour. It arrives at one when
 * it is registered (routed, or to the town office's triage), dispatched from triage, or
 * returned to triage (the town office handles it then). Whatever the channel (online, staff,
 * Open311): the alert goes to staff, never to the resident.
 *
 * The message names the department, not a phone: writing it reads nothing (the submission's
 * transaction stays read-free), and the sender finds the head in the directory and the head's
 * phone on their account when it sends (`departmentHeadPhone`).
 */

const HEAD_PREFIX = "department-head:";

/** The recipient of an alert, as the message stores it: `department-head:<departmentId>`. */
export function departmentHeadAddress(departmentId: string): string {
  return `${HEAD_PREFIX}${departmentId}`;
}

/** The department of an alert's recipient, or null for a phone. */
export function departmentOfAddress(to: string): string | null {
  return to.startsWith(HEAD_PREFIX) ? to.slice(HEAD_PREFIX.length) || null : null;
}

/** The events by which a concern arrives at a department. */
const ARRIVALS: readonly ConcernEventType[] = ["routed", "triaged", "dispatched", "returned"];

/** Did these events bring the concern to a department (so that an urgent one alerts its head)? */
export function arrivedAtDepartment(events: readonly Pick<ConcernEvent, "type">[]): boolean {
  return events.some((e) => ARRIVALS.includes(e.type));
}

/**
 * The alert a change sends, from its events and the concern after them: one to the head of
 * the department it arrived at, if its category is urgent; none otherwise. `category` is the
 * concern's, from the directory (a stored category without the flag is not urgent).
 */
export function urgentAlertsFor(
  concern: Pick<Concern, "ledgerNo" | "routing">,
  events: readonly Pick<ConcernEvent, "type">[],
  category: Pick<Category, "name" | "urgent"> | undefined,
  ctx: { now: Date; newId: () => string },
): SmsMessage[] {
  if (category?.urgent !== true || !arrivedAtDepartment(events)) return [];
  const { ledgerNo } = concern;
  const { department } = concern.routing;
  return [
    {
      id: ctx.newId(),
      kind: "urgent_alert",
      to: departmentHeadAddress(department.id),
      audience: "staff",
      ledgerNo,
      params: { ledgerNo, category: category.name, department: department.name },
      link: null,
      createdAt: ctx.now.toISOString(),
      sendAfter: sendableFrom("urgent_alert", ctx.now).toISOString(),
    },
  ];
}

/** Where an alert goes, found at send time; or why it cannot go (the message then fails). */
export type AlertPhone = { ok: true; to: string } | { ok: false; error: string };

/**
 * The phone an alert to a department's head goes to: the mainland mobile on the head's staff
 * account (the head's directory id is their account's id). Anything else is an error worded
 * for admin's list of messages that need a person: a department not in the directory, a head
 * without an account, a retired account, an account without a mobile. Never retried: the
 * cause is in the directory or the roster, not the provider.
 */
export function departmentHeadPhone(
  departmentId: string,
  department: Pick<Department, "name" | "head"> | undefined,
  account: Pick<StaffAccount, "active" | "phone"> | null,
): AlertPhone {
  if (!department) {
    return {
      ok: false,
      error: `unknown_department: 目录中没有部门「${departmentId}」 / No department “${departmentId}” in the directory`,
    };
  }
  const head = `${department.name}负责人${department.head.name}（${department.head.id}）`;
  const headEn = `the head of ${department.name} (${department.head.id})`;
  if (!account) {
    return {
      ok: false,
      error: `no_head_account: ${head}没有工作人员账号 / ${headEn} has no staff account`,
    };
  }
  if (!account.active) {
    return {
      ok: false,
      error: `head_account_retired: ${head}的账号已停用 / The account of ${headEn} is retired`,
    };
  }
  const mobile = mainlandMobile(account.phone);
  if (!mobile) {
    return {
      ok: false,
      error: `no_head_mobile: ${head}的账号未登记手机号码 / The account of ${headEn} has no mobile number`,
    };
  }
  return { ok: true, to: mobileE164(mobile) };
}
