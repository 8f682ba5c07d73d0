import { type Concern, type ConcernEvent, residentMessagesFor } from "@lianxin/core";
import type { ConcernChange } from "@lianxin/store";
import type { Deps } from "../../deps.js";

/**
 * The SMS a change sends its resident (core's residentMessagesFor, from its events), as
 * outbox items for the change's own transaction: a change without its message, or a message
 * without its change, cannot happen.
 */
export function residentSmsItems(
  deps: Deps,
  changes: ReadonlyArray<{ concern: Concern; events: ConcernEvent[] }>,
  accessCode?: string,
): Record<string, unknown>[] {
  const now = deps.now();
  return changes.flatMap((change) =>
    residentMessagesFor(change.concern, change.events, {
      now,
      newId: deps.newId,
      ...(accessCode ? { accessCode } : {}),
    }).map((message) => deps.store.items.sms(message)),
  );
}

/**
 * AP-C3 with the residents' SMS: commits the changes, their messages and `extra` in one
 * transaction, then starts the sender if it wrote any (without waiting for it). False when a
 * concern's version had changed (nothing written).
 */
export async function commitConcernChanges(
  deps: Deps,
  changes: ConcernChange[],
  extra: Record<string, unknown>[] = [],
): Promise<boolean> {
  const sms = residentSmsItems(deps, changes);
  const committed = await deps.store.commitConcernChanges(changes, [...extra, ...sms]);
  if (committed && sms.length) await deps.smsSender.kick();
  return committed;
}
