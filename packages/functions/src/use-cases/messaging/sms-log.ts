import type { SmsLogEntry } from "@lianxin/contract";
import {
  DomainError,
  departmentOfAddress,
  maskedMobile,
  may,
  type StoredSms,
  shanghaiMonth,
} from "@lianxin/core";
import type { Deps } from "../../deps.js";
import type { StaffAuth } from "../accounts/session.js";

/**
 * The local stack's SMS sink as a page (`/dev/sms`): this month's messages, newest first, as
 * the sink took them. Only with DynamoDB Local: a deployed stage answers 404, whoever asks.
 */
export async function localSmsLog(deps: Deps): Promise<{ items: SmsLogEntry[] }> {
  if (!deps.localStack) throw new DomainError("not_found");
  const items = await deps.store.listSmsLog(shanghaiMonth(deps.now()), 200);
  return { items: items.map(entryOf) };
}

const entryOf = (m: StoredSms): SmsLogEntry => ({
  id: m.id,
  createdAt: m.createdAt,
  sentAt: m.sentAt,
  kind: m.kind,
  state: m.state,
  ledgerNo: m.ledgerNo,
  // An urgent alert names its department until the sender finds the head's phone.
  to: departmentOfAddress(m.to) && !m.sentTo ? "" : maskedMobile(m.sentTo ?? m.to),
  departmentHead: m.audience === "staff" ? (m.params.department ?? "") : null,
  text: m.text,
  attempts: m.attempts,
  lastError: m.lastError,
});

/**
 * Admin's list of messages that need a person: failed after five refusals (with the
 * provider's last error), 状态未知 (claimed, no answer: never resent automatically) and
 * dropped at a phone's daily cap; newest first.
 */
export async function smsNeedingAttention(
  deps: Deps,
  auth: StaffAuth,
): Promise<{ items: SmsLogEntry[] }> {
  if (!may(auth.user, "sms_delivery.read")) throw new DomainError("forbidden");
  return { items: (await deps.store.listSmsNeedingAttention(200)).map(entryOf) };
}
