import { WATCH_LISTS, type WatchEntry, type WatchList } from "@lianxin/core";
import type { StoreContext } from "./context.js";
import { keys } from "./keys.js";
import { QueryCommand } from "./sdk.js";
import { seedItems } from "./seed.js";

/** The most items one list answers: the newest; an inspector's page, not an archive. */
export const WATCH_LIST_MAX = 200;

/**
 * AP-W0: a concern's item on a watch list (README, "Watch lists"). Goes in the transaction
 * of the change that put it there (AP-C3's further items), or is put by the job (AP-W2).
 */
export function watchItem(entry: WatchEntry): Record<string, unknown> {
  return {
    ...keys.watch(entry.list, entry.at, entry.ledgerNo),
    entity: "watch",
    list: entry.list,
    at: entry.at,
    ledgerNo: entry.ledgerNo,
    departmentId: entry.departmentId,
    villageId: entry.villageId,
    ...(entry.related?.length ? { related: entry.related } : {}),
  };
}

/**
 * AP-W1: one list's items, newest first, at most `limit` (≤ 200): one Query on the list's
 * partition, read backwards.
 */
export async function readWatchList(
  ctx: StoreContext,
  list: WatchList,
  limit: number = WATCH_LIST_MAX,
): Promise<WatchEntry[]> {
  if (!WATCH_LISTS.includes(list)) return [];
  const page = await ctx.client.send(
    new QueryCommand({
      TableName: ctx.tableName,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": keys.watchPartition(list) },
      ScanIndexForward: false,
      Limit: Math.min(Math.max(limit, 1), WATCH_LIST_MAX),
    }),
  );
  return (page.Items ?? []).map((i) => ({
    list,
    at: String(i.at),
    ledgerNo: String(i.ledgerNo),
    departmentId: String(i.departmentId),
    villageId: String(i.villageId),
    ...(Array.isArray(i.related) ? { related: i.related.map(String) } : {}),
  }));
}

/**
 * AP-W2: items the escalation job found after commit (a resident writing again): BatchWrite.
 * The key is the concern's registration time and number, so a second run writes the same
 * item again and changes nothing.
 */
export async function putWatchItems(ctx: StoreContext, entries: readonly WatchEntry[]) {
  if (entries.length) await seedItems(ctx, entries.map(watchItem));
}
