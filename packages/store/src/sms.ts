import {
  blankSecretParams,
  pendingSms,
  type SmsDropReason,
  type SmsMessage,
  type StoredSms,
  shanghaiMonth,
} from "@lianxin/core";
import { type StoreContext, stripKeys, unlessConditionFails } from "./context.js";
import { keys, type SmsLane } from "./keys.js";
import { QueryCommand, UpdateCommand } from "./sdk.js";

const lane = (l: SmsLane, at: string, id: string) => ({
  gsi1pk: keys.smsLane(l),
  gsi1sk: keys.smsLaneSort(at, id),
});

/** A new message's item, to go in the transaction of the change that causes it (AP-T0). */
export function smsItem(message: SmsMessage) {
  return {
    ...keys.sms(message.id),
    ...lane("PENDING", message.sendAfter, message.id),
    ...(message.ledgerNo
      ? {
          gsi2pk: keys.smsOfConcern(message.ledgerNo),
          gsi2sk: keys.smsLaneSort(message.createdAt, message.id),
        }
      : {}),
    gsi3pk: keys.smsLog(shanghaiMonth(new Date(message.createdAt))),
    gsi3sk: keys.smsLaneSort(message.createdAt, message.id),
    entity: "sms",
    ...pendingSms(message),
  };
}

const asSms = (item: Record<string, unknown>) => stripKeys<StoredSms>(item);

/** A page of a lane, and where the next begins (internal paging: never from a client). */
export interface SmsPage {
  items: StoredSms[];
  next: Record<string, unknown> | undefined;
}

async function queryLane(
  ctx: StoreContext,
  l: SmsLane,
  options: {
    upTo?: string;
    limit: number;
    newestFirst?: boolean;
    after?: Record<string, unknown> | undefined;
  },
): Promise<SmsPage> {
  const page = await ctx.client.send(
    new QueryCommand({
      TableName: ctx.tableName,
      IndexName: "gsi1",
      KeyConditionExpression: options.upTo ? "gsi1pk = :pk AND gsi1sk <= :upTo" : "gsi1pk = :pk",
      ExpressionAttributeValues: {
        ":pk": keys.smsLane(l),
        ...(options.upTo ? { ":upTo": `${options.upTo}~` } : {}),
      },
      ScanIndexForward: !options.newestFirst,
      Limit: options.limit,
      ...(options.after ? { ExclusiveStartKey: options.after } : {}),
    }),
  );
  return { items: (page.Items ?? []).map(asSms), next: page.LastEvaluatedKey };
}

/**
 * AP-T1: messages that may go now, the longest waiting first (Query on gsi1 `SMS_PENDING`),
 * a page at a time. The index is eventually consistent: a page may still list messages just
 * claimed, so the sender pages on (`after`) rather than asking for the first page again.
 */
export function listDueSms(
  ctx: StoreContext,
  now: Date,
  limit: number,
  after?: Record<string, unknown>,
): Promise<SmsPage> {
  return queryLane(ctx, "PENDING", { upTo: now.toISOString(), limit, after });
}

/** AP-T5: messages claimed before `before` and still `sending` (Query on gsi1 `SMS_SENDING`). */
export async function listStaleSending(
  ctx: StoreContext,
  before: Date,
  limit: number,
): Promise<StoredSms[]> {
  return (await queryLane(ctx, "SENDING", { upTo: before.toISOString(), limit })).items;
}

/** AP-T7: failed, unknown and dropped messages, newest first (Query on gsi1 `SMS_ATTENTION`). */
export async function listSmsNeedingAttention(
  ctx: StoreContext,
  limit: number,
): Promise<StoredSms[]> {
  return (await queryLane(ctx, "ATTENTION", { limit, newestFirst: true })).items;
}

/** One page of messages from an index partition, by creation time. */
async function queryIndex(
  ctx: StoreContext,
  index: "gsi2" | "gsi3",
  partition: string,
  options: { newestFirst?: boolean; limit?: number } = {},
): Promise<StoredSms[]> {
  const page = await ctx.client.send(
    new QueryCommand({
      TableName: ctx.tableName,
      IndexName: index,
      KeyConditionExpression: `${index}pk = :pk`,
      ExpressionAttributeValues: { ":pk": partition },
      ScanIndexForward: !options.newestFirst,
      ...(options.limit ? { Limit: options.limit } : {}),
    }),
  );
  return (page.Items ?? []).map(asSms);
}

/** AP-T8: the messages about one concern, oldest first (Query on gsi2 `SMS_OF#<ledgerNo>`). */
export function listSmsOfConcern(ctx: StoreContext, ledgerNo: string): Promise<StoredSms[]> {
  return queryIndex(ctx, "gsi2", keys.smsOfConcern(ledgerNo));
}

/** AP-T9: a month's messages, newest first (Query on gsi3 `SMS_LOG#<month>`): the local sink's page. */
export function listSmsLog(ctx: StoreContext, month: string, limit: number): Promise<StoredSms[]> {
  return queryIndex(ctx, "gsi3", keys.smsLog(month), { newestFirst: true, limit });
}

/** One conditional state change; false when the message was not in the expected state. */
async function transition(
  ctx: StoreContext,
  id: string,
  from: StoredSms["state"],
  update: {
    set: Record<string, unknown>;
    remove?: string[];
    condition?: string;
    values?: Record<string, unknown>;
  },
): Promise<StoredSms | null> {
  const names: Record<string, string> = { "#state": "state" };
  const values: Record<string, unknown> = { ":from": from, ...update.values };
  const sets: string[] = [];
  for (const [field, value] of Object.entries(update.set)) {
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    sets.push(`#${field} = :${field}`);
  }
  for (const field of update.remove ?? []) names[`#${field}`] = field;
  const result = await unlessConditionFails(
    ctx.client.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: keys.sms(id),
        UpdateExpression: `SET ${sets.join(", ")}${
          update.remove?.length ? ` REMOVE ${update.remove.map((f) => `#${f}`).join(", ")}` : ""
        }`,
        ConditionExpression: `#state = :from${update.condition ? ` AND ${update.condition}` : ""}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: "ALL_NEW",
      }),
    ),
  );
  return result?.Attributes ? asSms(result.Attributes) : null;
}

/**
 * AP-T2: claim a due message for sending (`pending` → `sending`, conditional): of two senders
 * only one gets it. Null when it is not pending or not yet due.
 */
export function claimSms(ctx: StoreContext, id: string, now: Date): Promise<StoredSms | null> {
  const at = now.toISOString();
  return transition(ctx, id, "pending", {
    set: { state: "sending", claimedAt: at, ...lane("SENDING", at, id) },
    condition: "sendAfter <= :now",
    values: { ":now": at },
  });
}

/** Secret parameters blanked (the access code, a one-time code) once the message is done. */
const blanked = (message: StoredSms) => blankSecretParams(message.kind, message.params);

/** The outcome of one try, as the sender settles it (AP-T3). */
export type SmsSettlement =
  | {
      kind: "sent";
      provider: string;
      providerId: string;
      text: string;
      at: Date;
      /** An urgent alert: the phone found for its department's head. */
      sentTo?: string;
    }
  | { kind: "retry"; error: string; attempts: number; nextAt: Date }
  | { kind: "failed"; error: string; attempts: number; at: Date }
  | { kind: "dropped"; reason: SmsDropReason; at: Date };

/** AP-T3: settle a claimed message (`sending` → sent, pending again, failed or dropped). */
export function settleSms(
  ctx: StoreContext,
  message: StoredSms,
  outcome: SmsSettlement,
): Promise<StoredSms | null> {
  switch (outcome.kind) {
    case "sent":
      return transition(ctx, message.id, "sending", {
        set: {
          state: "sent",
          sentAt: outcome.at.toISOString(),
          provider: outcome.provider,
          providerId: outcome.providerId,
          text: outcome.text,
          params: blanked(message),
          ...(outcome.sentTo ? { sentTo: outcome.sentTo } : {}),
        },
        remove: ["gsi1pk", "gsi1sk"],
      });
    case "retry": {
      const at = outcome.nextAt.toISOString();
      return transition(ctx, message.id, "sending", {
        set: {
          state: "pending",
          attempts: outcome.attempts,
          lastError: outcome.error,
          sendAfter: at,
          ...lane("PENDING", at, message.id),
        },
      });
    }
    case "failed":
      return transition(ctx, message.id, "sending", {
        set: {
          state: "failed",
          attempts: outcome.attempts,
          lastError: outcome.error,
          params: blanked(message),
          ...lane("ATTENTION", outcome.at.toISOString(), message.id),
        },
      });
    case "dropped":
      return transition(ctx, message.id, "sending", {
        set: {
          state: "dropped",
          droppedReason: outcome.reason,
          params: blanked(message),
          ...lane("ATTENTION", outcome.at.toISOString(), message.id),
        },
      });
  }
}

/**
 * AP-T4: give a claim back untouched (`sending` → `pending`, same time): the town's hourly
 * cap paused sending before this message was tried.
 */
export function releaseSms(ctx: StoreContext, message: StoredSms): Promise<StoredSms | null> {
  return transition(ctx, message.id, "sending", {
    set: { state: "pending", claimedAt: null, ...lane("PENDING", message.sendAfter, message.id) },
  });
}

/**
 * AP-T6: a message claimed before `before` and still `sending` becomes `unknown` (状态未知):
 * the provider may have taken it, so it is never sent again automatically.
 */
export function markSmsUnknown(
  ctx: StoreContext,
  message: StoredSms,
  before: Date,
  now: Date,
): Promise<StoredSms | null> {
  return transition(ctx, message.id, "sending", {
    set: {
      state: "unknown",
      params: blanked(message),
      ...lane("ATTENTION", now.toISOString(), message.id),
    },
    condition: "claimedAt < :before",
    values: { ":before": before.toISOString() },
  });
}
