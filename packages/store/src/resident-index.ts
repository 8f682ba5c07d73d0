import type { Concern } from "@lianxin/core";
import type { StoreContext } from "./context.js";
import { keys } from "./keys.js";
import { QueryCommand } from "./sdk.js";
import { seedItems } from "./seed.js";

/**
 * AP-P0: the item that lists a concern in "我的诉求" under its resident's phone key: written
 * in the concern's own registration transaction (AP-C1), and by the backfill (AP-P2).
 */
export function residentConcernItem(phoneKey: string, concern: Concern) {
  return {
    ...keys.residentConcern(phoneKey, concern.createdAt, concern.ledgerNo),
    entity: "resident_concern",
    ledgerNo: concern.ledgerNo,
    createdAt: concern.createdAt,
  };
}

/**
 * AP-P1: the ledger numbers listed under a phone key since a time, newest first (Query on the
 * phone's own partition; `limit` 1 answers "has this phone any concern?").
 */
export async function listResidentConcerns(
  ctx: StoreContext,
  phoneKey: string,
  sinceIso: string,
  limit: number,
): Promise<string[]> {
  const result = await ctx.client.send(
    new QueryCommand({
      TableName: ctx.tableName,
      KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
      ExpressionAttributeValues: {
        ":pk": keys.residentPartition(phoneKey),
        ":from": keys.residentConcernSort(sinceIso),
        ":to": keys.residentConcernSort("~"),
      },
      ProjectionExpression: "ledgerNo",
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (result.Items ?? []).map((item) => String(item.ledgerNo));
}

/**
 * AP-P2: list existing concerns (the backfill, never a request path): BatchWriteItem of
 * AP-P0 items. A put of the same key and content again changes nothing, so it may run at
 * every start and deployment.
 */
export async function putResidentConcernItems(
  ctx: StoreContext,
  items: ReturnType<typeof residentConcernItem>[],
  onProgress?: (written: number, total: number) => void,
): Promise<void> {
  await seedItems(ctx, items, { concurrency: 4, ...(onProgress ? { onProgress } : {}) });
}
