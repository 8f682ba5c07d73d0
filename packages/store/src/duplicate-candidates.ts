import { type Concern, upgradeConcern } from "@lianxin/core";
import { type StoreContext, stripKeys } from "./context.js";
import { keys, type Lane } from "./keys.js";
import { QueryCommand } from "./sdk.js";
import { TABLE_KEYS } from "./table.js";

/**
 * At most this many candidates are read for one concern: a village's open work plus 90 days
 * of closings is far below it; past it the newest closings are dropped first (DONE is read
 * last), so a request's cost stays bounded whatever happens in one village.
 */
export const DUPLICATE_CANDIDATES_MAX = 600;

/**
 * AP-DC1: the concerns of one village that may duplicate another: every open and answered one
 * (lanes OPEN and ANSWERED, the village's current work) and those closed since `closedSinceIso`
 * (lane DONE, whose sort time is the closing: a key condition, so history is never read).
 * Merged ones are filtered out by DynamoDB (they sit in DONE too). Queries only, paged.
 */
export async function listDuplicateCandidates(
  ctx: StoreContext,
  villageId: string,
  closedSinceIso: string,
): Promise<Concern[]> {
  const index = TABLE_KEYS.indexes.gsi2;
  const ranges: Array<[lane: Lane, from: string]> = [
    ["OPEN", "OPEN#"],
    ["ANSWERED", "ANSWERED#"],
    ["DONE", `DONE#${closedSinceIso}`],
  ];
  const found: Concern[] = [];
  for (const [lane, from] of ranges) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await ctx.client.send(
        new QueryCommand({
          TableName: ctx.tableName,
          IndexName: index.name,
          KeyConditionExpression: "#pk = :pk AND #sk BETWEEN :from AND :to",
          FilterExpression: "#status <> :merged",
          ExpressionAttributeNames: {
            "#pk": index.partitionKey,
            "#sk": index.sortKey,
            "#status": "status",
          },
          ExpressionAttributeValues: {
            ":pk": keys.villageQueue(villageId),
            ":from": from,
            ":to": `${lane}#\uffff`,
            ":merged": "merged",
          },
          // Newest closings first, so the cap drops the oldest.
          ScanIndexForward: lane !== "DONE",
          Limit: DUPLICATE_CANDIDATES_MAX - found.length,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) found.push(upgradeConcern(stripKeys<Concern>(item)));
      startKey = found.length < DUPLICATE_CANDIDATES_MAX ? page.LastEvaluatedKey : undefined;
    } while (startKey);
    if (found.length >= DUPLICATE_CANDIDATES_MAX) break;
  }
  return found;
}
