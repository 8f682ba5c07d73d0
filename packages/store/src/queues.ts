import { type Concern, upgradeConcern } from "@lianxin/core";
import { type StoreContext, stripKeys } from "./context.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { keys, type Lane } from "./keys.js";
import { QueryCommand, type QueryCommandInput } from "./sdk.js";
import { TABLE_KEYS } from "./table.js";

/** Which queue partition to read: a department's, a village's, or the whole town's. */
export type QueueSource =
  | { kind: "department"; id: string }
  | { kind: "village"; id: string }
  | { kind: "town" };

export interface QueueQuery {
  source: QueueSource;
  lane: Lane;
  /** Only items whose deadline has passed (open lane): a key condition, not a filter. */
  overdueAt?: string | undefined;
  status?: string | undefined;
  villageId?: string | undefined;
  categoryCode?: string | undefined;
  /** Leave out complaints about cadres' conduct (for everyone but inspectors and admin). */
  excludeRestricted?: boolean;
  limit: number;
  cursor?: string | undefined;
}

function indexFor(source: QueueSource) {
  switch (source.kind) {
    case "department":
      return { index: TABLE_KEYS.indexes.gsi1, pk: keys.departmentQueue(source.id) };
    case "village":
      return { index: TABLE_KEYS.indexes.gsi2, pk: keys.villageQueue(source.id) };
    case "town":
      return { index: TABLE_KEYS.indexes.gsi3, pk: keys.townQueue };
  }
}

/**
 * AP-Q1: one page of a queue, most urgent first (open lane) or newest first (closed).
 * Filters on status, village and category are applied by DynamoDB within the partition.
 */
export async function queryQueue(
  ctx: StoreContext,
  q: QueueQuery,
): Promise<{ items: Concern[]; nextCursor: string | null }> {
  const { index, pk } = indexFor(q.source);
  const names: Record<string, string> = { "#pk": index.partitionKey, "#sk": index.sortKey };
  const values: Record<string, unknown> = { ":pk": pk };
  let keyCondition: string;
  if (q.overdueAt) {
    keyCondition = "#pk = :pk AND #sk BETWEEN :from AND :to";
    values[":from"] = `${q.lane}#`;
    values[":to"] = `${q.lane}#${q.overdueAt}`;
  } else {
    // BETWEEN rather than begins_with: same items, and DynamoDB Local answers it without
    // walking the whole partition (the benchmark showed begins_with slowing with history).
    keyCondition = "#pk = :pk AND #sk BETWEEN :from AND :to";
    values[":from"] = `${q.lane}#`;
    values[":to"] = `${q.lane}#\uffff`;
  }
  const filters: string[] = [];
  if (q.status) {
    filters.push("#status = :status");
    names["#status"] = "status";
    values[":status"] = q.status;
  }
  if (q.villageId) {
    filters.push("villageId = :villageId");
    values[":villageId"] = q.villageId;
  }
  if (q.categoryCode) {
    filters.push("categoryCode = :categoryCode");
    values[":categoryCode"] = q.categoryCode;
  }
  if (q.excludeRestricted) {
    filters.push("#routing.#visibility <> :restricted");
    names["#routing"] = "routing";
    names["#visibility"] = "visibility";
    values[":restricted"] = "discipline";
  }
  const input: QueryCommandInput = {
    TableName: ctx.tableName,
    IndexName: index.name,
    KeyConditionExpression: keyCondition,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ScanIndexForward: q.lane !== "DONE",
    Limit: q.limit,
    ExclusiveStartKey: decodeCursor(
      q.cursor,
      { [index.partitionKey]: pk },
      { name: index.sortKey, from: values[":from"] as string, to: values[":to"] as string },
    ),
    ...(filters.length ? { FilterExpression: filters.join(" AND ") } : {}),
  };
  const page = await ctx.client.send(new QueryCommand(input));
  return {
    items: (page.Items ?? []).map((i) => upgradeConcern(stripKeys<Concern>(i))),
    nextCursor: encodeCursor(page.LastEvaluatedKey),
  };
}

/**
 * AP-Q2: counts of one queue's open and answered items by status and overdue, reading
 * only keys and status (bounded by the partition's open work, never its history).
 */
export async function countQueue(
  ctx: StoreContext,
  source: QueueSource,
  nowIso: string,
  excludeRestricted = false,
): Promise<{ total: number; overdue: number; byStatus: Record<string, number> }> {
  const { index, pk } = indexFor(source);
  const counts = { total: 0, overdue: 0, byStatus: {} as Record<string, number> };
  for (const lane of ["OPEN", "ANSWERED"] as const) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await ctx.client.send(
        new QueryCommand({
          TableName: ctx.tableName,
          IndexName: index.name,
          KeyConditionExpression: "#pk = :pk AND #sk BETWEEN :from AND :to",
          ExpressionAttributeNames: {
            "#pk": index.partitionKey,
            "#sk": index.sortKey,
            "#status": "status",
            "#routing": "routing",
            "#visibility": "visibility",
          },
          ExpressionAttributeValues: {
            ":pk": pk,
            ":from": `${lane}#`,
            ":to": `${lane}#\uffff`,
            ...(excludeRestricted ? { ":restricted": "discipline" } : {}),
          },
          ProjectionExpression: "#sk, #status, #routing.#visibility",
          ...(excludeRestricted ? { FilterExpression: "#routing.#visibility <> :restricted" } : {}),
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const status = String(item.status);
        counts.total++;
        counts.byStatus[status] = (counts.byStatus[status] ?? 0) + 1;
        if (lane === "OPEN" && String(item[index.sortKey]) < `OPEN#${nowIso}`) counts.overdue++;
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
  return counts;
}
