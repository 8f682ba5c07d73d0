import { type Concern, upgradeConcern } from "@lianxin/core";
import { type StoreContext, stripKeys } from "./context.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { keys } from "./keys.js";
import { QueryCommand } from "./sdk.js";
import { TABLE_KEYS } from "./table.js";

export interface MonthRange {
  /** First instant included (UTC ISO string). */
  fromIso: string;
  /** First instant NOT included (UTC ISO string): the range is half-open, [fromIso, toIso). */
  toIso: string;
  cursor?: string | undefined;
  /** Items per page (DynamoDB also stops a page at 1 MB). */
  limit?: number;
  /** Newest first (Open311 request lists); oldest first by default. */
  descending?: boolean;
  /**
   * Conditions DynamoDB applies before it answers (a FilterExpression). The items it leaves
   * out still count against `limit` and the read capacity, but are not sent, unmarshalled
   * or looked at here. Each list holds at most 100 values (DynamoDB's limit for IN).
   */
  where?: {
    status?: { in: readonly string[] } | { notIn: readonly string[] };
    categoryCodes?: readonly string[];
    /** Leaves out the concerns of this routing visibility. */
    notVisibility?: string;
  };
}

/** The FilterExpression of `where`, with its names and values. */
function filterOf(where: MonthRange["where"]) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const parts: string[] = [];
  const list = (prefix: string, items: readonly string[]) =>
    items
      .map((item, i) => {
        values[`:${prefix}${i}`] = item;
        return `:${prefix}${i}`;
      })
      .join(", ");
  if (where?.status) {
    names["#status"] = "status";
    parts.push(
      "in" in where.status
        ? `#status IN (${list("st", where.status.in)})`
        : `NOT (#status IN (${list("st", where.status.notIn)}))`,
    );
  }
  if (where?.categoryCodes) {
    names["#category"] = "categoryCode";
    parts.push(`#category IN (${list("cat", where.categoryCodes)})`);
  }
  if (where?.notVisibility) {
    names["#routing"] = "routing";
    names["#visibility"] = "visibility";
    values[":visibility"] = where.notVisibility;
    parts.push(
      "(attribute_not_exists(#routing.#visibility) OR #routing.#visibility <> :visibility)",
    );
  }
  return parts.length ? { expression: parts.join(" AND "), names, values } : null;
}

/**
 * AP-E1: one page of the concerns registered in one month (Asia/Shanghai `YYYY-MM`), oldest
 * first, restricted to `[fromIso, toIso)` by the sort key, so a range reads only its own
 * items, never the history around it. The ledger export pages through the months of its range.
 *
 * The sort key is `<createdAt>#<ledgerNo>`: `BETWEEN fromIso AND toIso` includes every
 * `createdAt` from `fromIso` on, and leaves out `createdAt = toIso` (`toIso#…` sorts after
 * `toIso`), which is exactly the half-open range.
 */
export async function queryConcernsByMonth(
  ctx: StoreContext,
  month: string,
  range: MonthRange,
): Promise<{ items: Concern[]; nextCursor: string | null }> {
  const index = TABLE_KEYS.indexes.gsi4;
  const filter = filterOf(range.where);
  const page = await ctx.client.send(
    new QueryCommand({
      TableName: ctx.tableName,
      IndexName: index.name,
      KeyConditionExpression: "#pk = :pk AND #sk BETWEEN :from AND :to",
      ExpressionAttributeNames: {
        "#pk": index.partitionKey,
        "#sk": index.sortKey,
        ...filter?.names,
      },
      ExpressionAttributeValues: {
        ":pk": keys.concernMonth(month),
        ":from": range.fromIso,
        ":to": range.toIso,
        ...filter?.values,
      },
      ...(filter ? { FilterExpression: filter.expression } : {}),
      ScanIndexForward: !range.descending,
      Limit: range.limit ?? 500,
      ExclusiveStartKey: decodeCursor(
        range.cursor,
        { [index.partitionKey]: keys.concernMonth(month) },
        { name: index.sortKey, from: range.fromIso, to: range.toIso },
      ),
    }),
  );
  return {
    items: (page.Items ?? []).map((i) => upgradeConcern(stripKeys<Concern>(i))),
    nextCursor: encodeCursor(page.LastEvaluatedKey),
  };
}
