import {
  arrivedAtDepartment,
  type Concern,
  type ConcernEvent,
  type DirectoryIndex,
  residentMessagesFor,
  type SmsMessage,
  urgentAlertsFor,
} from "@lianxin/core";
import type { Deps } from "../../deps.js";
import { currentDirectory } from "../directory/current-directory.js";
import { type WatchedChange, watchItemsOf } from "../inspection/watch-items.js";

type Changed = { concern: Concern; events: ConcernEvent[] };

/** The messages core makes of each change, as outbox items for the change's own transaction. */
function smsItems(
  deps: Deps,
  changes: ReadonlyArray<Changed>,
  messagesOf: (change: Changed, ctx: { now: Date; newId: () => string }) => SmsMessage[],
): Record<string, unknown>[] {
  const ctx = { now: deps.now(), newId: deps.newId };
  return changes.flatMap((change) => messagesOf(change, ctx).map((m) => deps.store.items.sms(m)));
}

/**
 * The SMS a change sends its resident (core's residentMessagesFor, from its events), as
 * outbox items for the change's own transaction: a change without its message, or a message
 * without its change, cannot happen.
 */
export function residentSmsItems(
  deps: Deps,
  changes: ReadonlyArray<Changed>,
  accessCode?: string,
): Record<string, unknown>[] {
  return smsItems(deps, changes, (change, ctx) =>
    residentMessagesFor(change.concern, change.events, {
      ...ctx,
      ...(accessCode ? { accessCode } : {}),
    }),
  );
}

/**
 * The urgent alerts a change sends (core's urgentAlertsFor: a concern of an urgent category
 * arrived at a department), as outbox items for the change's own transaction. Reads nothing:
 * the category comes from the directory the caller holds; the sender finds the head's phone.
 */
export function urgentAlertItems(
  deps: Deps,
  changes: ReadonlyArray<Changed>,
  index: DirectoryIndex,
): Record<string, unknown>[] {
  return smsItems(deps, changes, (change, ctx) =>
    urgentAlertsFor(
      change.concern,
      change.events,
      index.category(change.concern.categoryCode),
      ctx,
    ),
  );
}

/**
 * AP-C3 with the SMS the changes send (residents' messages and urgent alerts): commits the
 * changes, their messages and `extra` in one transaction, then starts the sender if it wrote
 * any (without waiting for it). False when a concern's version had changed (nothing written).
 * A change that moves a concern to another department (dispatch, return) takes its category
 * from the cached directory, which the action has just used: no request.
 */
export async function commitConcernChanges(
  deps: Deps,
  changes: WatchedChange[],
  extra: Record<string, unknown>[] = [],
): Promise<boolean> {
  const moved = changes.some((c) => arrivedAtDepartment(c.events));
  const sms = [
    ...residentSmsItems(deps, changes),
    ...(moved ? urgentAlertItems(deps, changes, await currentDirectory(deps)) : []),
  ];
  // The inspectors' watch lists a change puts its concern on (AP-W0), in its transaction.
  const watch = watchItemsOf(deps, changes);
  const committed = await deps.store.commitConcernChanges(changes, [...extra, ...sms, ...watch]);
  if (committed && sms.length) await deps.smsSender.kick();
  return committed;
}
