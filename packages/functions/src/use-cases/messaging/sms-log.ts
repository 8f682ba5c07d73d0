import type { SmsLogEntry } from "@lianxin/contract";
import { DomainError, maskedMobile, shanghaiMonth } from "@lianxin/core";
import type { Deps } from "../../deps.js";

/**
 * The local stack's SMS sink as a page (`/dev/sms`): this month's messages, newest first, as
 * the sink took them. Only with DynamoDB Local: a deployed stage answers 404, whoever asks.
 */
export async function localSmsLog(deps: Deps): Promise<{ items: SmsLogEntry[] }> {
  if (!deps.localStack) throw new DomainError("not_found");
  const items = await deps.store.listSmsLog(shanghaiMonth(deps.now()), 200);
  return {
    items: items.map((m) => ({
      id: m.id,
      createdAt: m.createdAt,
      sentAt: m.sentAt,
      kind: m.kind,
      state: m.state,
      ledgerNo: m.ledgerNo,
      to: maskedMobile(m.to),
      text: m.text,
    })),
  };
}
