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
 * AP-QU1: one page of a queue, most urgent first (open lane) or newest first (closed).
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

/** Items one Query returns at most, so that no page runs past the 1 MB DynamoDB returns anyway. */
const PAGE_ITEMS = 250;

function restrictedFilter(excludeRestricted: boolean): {
  FilterExpression: string | undefined;
  names: Record<string, string>;
  values: Record<string, unknown>;
} {
  return excludeRestricted
    ? {
        FilterExpression: "#routing.#visibility <> :restricted",
        names: { "#routing": "routing", "#visibility": "visibility" },
        values: { ":restricted": "discipline" },
      }
    : { FilterExpression: undefined, names: {}, values: {} };
}

/**
 * AP-QU2: a pile's open work whole: its OPEN and ANSWERED lanes, every page (two Queries in
 * parallel, then one per further MB). Bounded by the open work and the answers awaiting a
 * rating, never by the pile's history: closed items are in the DONE lane, not read here.
 */
export async function readOpenWork(
  ctx: StoreContext,
  source: QueueSource,
  excludeRestricted = false,
): Promise<Concern[]> {
  const { index, pk } = indexFor(source);
  const f = restrictedFilter(excludeRestricted);
  const lanes = await Promise.all(
    (["OPEN", "ANSWERED"] as const).map(async (lane) => {
      const out: Concern[] = [];
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
              ...f.names,
            },
            ExpressionAttributeValues: {
              ":pk": pk,
              ":from": `${lane}#`,
              ":to": `${lane}#\uffff`,
              ...f.values,
            },
            ...(f.FilterExpression ? { FilterExpression: f.FilterExpression } : {}),
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) out.push(upgradeConcern(stripKeys<Concern>(item)));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return out;
    }),
  );
  return lanes.flat();
}

/**
 * AP-QU3: closed items of a pile, newest first, from the DONE lane (sorted by closing
 * time): one Query per stretch given (a month each, newest first), paged, until `budget`
 * items have been read. `complete` is false when the budget ran out first; `readFrom` is
 * the oldest closing time read through then.
 */
export async function readClosedSlices(
  ctx: StoreContext,
  q: {
    source: QueueSource;
    /** Closing-time stretches `[from, to)`, newest first (core `closedReadSlices`). */
    slices: ReadonlyArray<{ from: string; to: string }>;
    budget: number;
    excludeRestricted?: boolean;
  },
): Promise<{ items: Concern[]; complete: boolean; readFrom: string | null }> {
  const { index, pk } = indexFor(q.source);
  const f = restrictedFilter(q.excludeRestricted ?? false);
  const items: Concern[] = [];
  let read = 0;
  for (const slice of q.slices) {
    let startKey: Record<string, unknown> | undefined;
    do {
      if (read >= q.budget) {
        const last = items.at(-1);
        return {
          items,
          complete: false,
          readFrom: last ? (last.closedAt ?? last.updatedAt) : slice.to,
        };
      }
      const page = await ctx.client.send(
        new QueryCommand({
          TableName: ctx.tableName,
          IndexName: index.name,
          // `DONE#<to>` sorts before every key of an item closed at `to` (`DONE#<to>#<no>`):
          // the stretches do not overlap.
          KeyConditionExpression: "#pk = :pk AND #sk BETWEEN :from AND :to",
          ExpressionAttributeNames: { "#pk": index.partitionKey, "#sk": index.sortKey, ...f.names },
          ExpressionAttributeValues: {
            ":pk": pk,
            ":from": `DONE#${slice.from}`,
            ":to": `DONE#${slice.to}`,
            ...f.values,
          },
          ...(f.FilterExpression ? { FilterExpression: f.FilterExpression } : {}),
          ScanIndexForward: false,
          Limit: Math.min(PAGE_ITEMS, q.budget - read),
          ExclusiveStartKey: startKey,
        }),
      );
      read += page.ScannedCount ?? page.Items?.length ?? 0;
      for (const item of page.Items ?? []) items.push(upgradeConcern(stripKeys<Concern>(item)));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
  return { items, complete: true, readFrom: q.slices.at(-1)?.from ?? null };
}
