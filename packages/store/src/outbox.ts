import type { Notification } from "@lianxin/core";
import { type StoreContext, unlessConditionFails } from "./context.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { keys } from "./keys.js";
import { PutCommand, QueryCommand, UpdateCommand } from "./sdk.js";
import { TABLE_KEYS } from "./table.js";

export interface InboxItem extends Notification {
  readAt: string | null;
}

/** The outbox item of a notification, to go in the change's transaction. */
export function outboxItem(n: Notification) {
  const key = keys.outbox(n.recipient, n.at, n.id);
  // No readAt until read: `if_not_exists` then keeps the first reading time. Until then the
  // item is also on gsi1 under `UNREAD#<recipient>` (AP-O4 counts it); reading it removes that.
  return {
    ...key,
    gsi1pk: keys.unreadOf(n.recipient),
    gsi1sk: key.sk,
    entity: "outbox",
    ...n,
  };
}

/** AP-O1: a recipient's inbox, newest first. */
export async function listInbox(
  ctx: StoreContext,
  recipient: string,
  options: { limit: number; cursor?: string | undefined },
): Promise<{ items: InboxItem[]; nextCursor: string | null }> {
  const page = await ctx.client.send(
    new QueryCommand({
      TableName: ctx.tableName,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": keys.outboxPartition(recipient) },
      ScanIndexForward: false,
      Limit: options.limit,
      ExclusiveStartKey: decodeCursor(options.cursor, { pk: keys.outboxPartition(recipient) }),
    }),
  );
  return {
    items: (page.Items ?? []).map((i) => ({
      id: String(i.id),
      recipient: String(i.recipient),
      kind: i.kind as Notification["kind"],
      ledgerNo: String(i.ledgerNo),
      at: String(i.at),
      data: (i.data as Notification["data"]) ?? {},
      readAt: (i.readAt as string | null) ?? null,
    })),
    nextCursor: encodeCursor(page.LastEvaluatedKey),
  };
}

/** AP-O2: mark one inbox item read (it stays; nothing is deleted). */
export async function markInboxRead(
  ctx: StoreContext,
  recipient: string,
  at: string,
  id: string,
  readAt: string,
): Promise<boolean> {
  try {
    await ctx.client.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: keys.outbox(recipient, at, id),
        // Off the unread index (AP-O4) at the first reading; a second reading changes nothing.
        UpdateExpression: "SET readAt = if_not_exists(readAt, :now) REMOVE gsi1pk, gsi1sk",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeValues: { ":now": readAt },
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === "ConditionalCheckFailedException") return false;
    throw error;
  }
}

/**
 * AP-O4: how many unread notifications a recipient has, counting at most `cap`: a Query with
 * `Select: COUNT` on the sparse index gsi1 `UNREAD#<recipient>` (no item is returned; the
 * index is eventually consistent, so a notification written or read a moment ago may not
 * count yet). Items written before the index existed carry no key there and are not counted.
 */
export async function countUnread(
  ctx: StoreContext,
  recipient: string,
  cap: number,
): Promise<number> {
  if (!(cap >= 1)) return 0;
  const index = TABLE_KEYS.indexes.gsi1;
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await ctx.client.send(
      new QueryCommand({
        TableName: ctx.tableName,
        IndexName: index.name,
        KeyConditionExpression: "#pk = :pk",
        ExpressionAttributeNames: { "#pk": index.partitionKey },
        ExpressionAttributeValues: { ":pk": keys.unreadOf(recipient) },
        Select: "COUNT",
        Limit: cap - count,
        ExclusiveStartKey: startKey,
      }),
    );
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey && count < cap);
  return Math.min(count, cap);
}

/**
 * AP-O3: writes a notification unless one with its time and id is there (read or not): a
 * notice that may be raised many times stays one item (the SMS sender's pause, once an hour).
 */
export async function putOutboxOnce(ctx: StoreContext, n: Notification): Promise<void> {
  await unlessConditionFails(
    ctx.client.send(
      new PutCommand({
        TableName: ctx.tableName,
        Item: outboxItem(n),
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    ),
  );
}
