import type { PeriodFact, PeriodIndexEntry } from "@lianxin/core";
import type { StoreContext, TransactItem } from "./context.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { keys } from "./keys.js";
import { QueryCommand } from "./sdk.js";

/**
 * The period index (README, "Period index"): what a period figure of the dashboard counts
 * (closed, rated dissatisfied, returned, reopened), one item per counted event, kept on
 * write in the transaction that adds to the counter, so the list behind a figure has
 * exactly the figure's events and is read without a scan.
 */
export function periodIndexItem(entry: PeriodIndexEntry): Record<string, unknown> {
  const { scope, month, fact, at, ledgerNo, seq, n } = entry;
  return {
    ...keys.periodIndex(scope.kind, scope.id, month, fact, at, ledgerNo, seq, n),
    entity: "period_index",
    kind: scope.kind,
    id: scope.id,
    month,
    fact,
    at,
    ledgerNo,
  };
}

/** AP-PI0: the index items of a change, to go in its transaction (AP-C3). */
export function periodIndexPuts(
  ctx: StoreContext,
  entries: readonly PeriodIndexEntry[],
): TransactItem[] {
  return entries.map((e) => ({ Put: { TableName: ctx.tableName, Item: periodIndexItem(e) } }));
}

export interface PeriodIndexPage {
  items: Array<{ ledgerNo: string; at: string }>;
  nextCursor: string | null;
}

/**
 * AP-PI1: one unit's events of one fact in one month, oldest first, `limit` a page (at most
 * 200): a Query on the unit-month partition, `begins_with(sk, <fact>#)`.
 */
export async function readPeriodIndex(
  ctx: StoreContext,
  args: {
    scope: { kind: "village" | "department"; id: string };
    month: string;
    fact: PeriodFact;
    limit?: number;
    cursor?: string | undefined;
  },
): Promise<PeriodIndexPage> {
  const limit = Math.min(Math.max(args.limit ?? 100, 1), 200);
  const pk = keys.periodIndexPartition(args.scope.kind, args.scope.id, args.month);
  const prefix = `${args.fact}#`;
  const page = await ctx.client.send(
    new QueryCommand({
      TableName: ctx.tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :fact)",
      ExpressionAttributeValues: {
        ":pk": pk,
        ":fact": prefix,
      },
      ProjectionExpression: "ledgerNo, #at",
      ExpressionAttributeNames: { "#at": "at" },
      Limit: limit,
      ExclusiveStartKey: decodeCursor(args.cursor, { pk }, { name: "sk", prefix }),
    }),
  );
  return {
    items: (page.Items ?? []).map((i) => ({ ledgerNo: String(i.ledgerNo), at: String(i.at) })),
    nextCursor: page.LastEvaluatedKey ? encodeCursor(page.LastEvaluatedKey) : null,
  };
}
