import { type StoredNotice, shanghaiMonth } from "@lianxin/core";
import { type StoreContext, stripKeys } from "./context.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { keys } from "./keys.js";
import { GetCommand, PutCommand, QueryCommand } from "./sdk.js";
import { TABLE_KEYS } from "./table.js";

const noticeSort = (n: StoredNotice) =>
  `${shanghaiMonth(new Date(n.closedAt))}#${n.closedAt}#${n.id}`;

/** The notice item, listed under its state by closing month (for the month filter). */
export function noticeItem(notice: StoredNotice) {
  return {
    ...keys.notice(notice.id),
    gsi1pk: keys.noticesByState(notice.state),
    gsi1sk: noticeSort(notice),
    entity: "notice",
    ...notice,
  };
}

/** AP-N1: one notice (GetItem). */
export async function getNotice(ctx: StoreContext, id: string): Promise<StoredNotice | null> {
  const result = await ctx.client.send(
    new GetCommand({ TableName: ctx.tableName, Key: keys.notice(id) }),
  );
  return result.Item ? stripKeys<StoredNotice>(result.Item) : null;
}

export interface NoticeFilter {
  state: "draft" | "published";
  villageId?: string | undefined;
  outcome?: string | undefined;
  /** YYYY-MM (Asia/Shanghai): a key condition on the closing month. */
  month?: string | undefined;
  /** Lower-cased words that must appear in the notice. */
  q?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/**
 * AP-N2: notices of one state, newest first, one page. The month narrows the key range;
 * village, outcome and words are filters within the state's partition.
 */
export async function listNotices(
  ctx: StoreContext,
  f: NoticeFilter,
): Promise<{ items: StoredNotice[]; nextCursor: string | null }> {
  const index = TABLE_KEYS.indexes.gsi1;
  const names: Record<string, string> = { "#pk": index.partitionKey };
  const values: Record<string, unknown> = { ":pk": keys.noticesByState(f.state) };
  let keyCondition = "#pk = :pk";
  if (f.month) {
    keyCondition += " AND begins_with(#sk, :month)";
    names["#sk"] = index.sortKey;
    values[":month"] = `${f.month}#`;
  }
  const filters: string[] = [];
  if (f.villageId) {
    filters.push("villageId = :village");
    values[":village"] = f.villageId;
  }
  if (f.outcome) {
    filters.push("outcome = :outcome");
    values[":outcome"] = f.outcome;
  }
  if (f.q) {
    filters.push("contains(searchText, :q)");
    values[":q"] = f.q;
  }
  const page = await ctx.client.send(
    new QueryCommand({
      TableName: ctx.tableName,
      IndexName: index.name,
      KeyConditionExpression: keyCondition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ScanIndexForward: false,
      Limit: f.limit,
      ExclusiveStartKey: decodeCursor(
        f.cursor,
        { [index.partitionKey]: keys.noticesByState(f.state) },
        f.month ? { name: index.sortKey, prefix: `${f.month}#` } : undefined,
      ),
      ...(filters.length ? { FilterExpression: filters.join(" AND ") } : {}),
    }),
  );
  return {
    items: (page.Items ?? []).map((i) => stripKeys<StoredNotice>(i)),
    nextCursor: encodeCursor(page.LastEvaluatedKey),
  };
}

/**
 * AP-N3: replace a notice that is still in the state the caller read (edit a draft,
 * publish it); false if it changed meanwhile.
 */
export async function replaceNotice(
  ctx: StoreContext,
  notice: StoredNotice,
  expectedState: StoredNotice["state"],
): Promise<boolean> {
  try {
    await ctx.client.send(
      new PutCommand({
        TableName: ctx.tableName,
        Item: noticeItem(notice),
        ConditionExpression: "#state = :expected",
        ExpressionAttributeNames: { "#state": "state" },
        ExpressionAttributeValues: { ":expected": expectedState },
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === "ConditionalCheckFailedException") return false;
    throw error;
  }
}

/**
 * AP-N4: how many notices are published per closing month (YYYY-MM, Asia/Shanghai) from
 * `from` to `to`: a Query of the published partition's key range for those months, keys
 * only (the sort key, which starts with the month), every page. Bounded by the notices of
 * the period, never the history.
 */
export async function countPublishedNotices(
  ctx: StoreContext,
  range: { from: string; to: string },
): Promise<Map<string, number>> {
  const index = TABLE_KEYS.indexes.gsi1;
  const counts = new Map<string, number>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ctx.client.send(
      new QueryCommand({
        TableName: ctx.tableName,
        IndexName: index.name,
        KeyConditionExpression: "#pk = :pk AND #sk BETWEEN :from AND :to",
        ExpressionAttributeNames: { "#pk": index.partitionKey, "#sk": index.sortKey },
        ExpressionAttributeValues: {
          ":pk": keys.noticesByState("published"),
          ":from": `${range.from}#`,
          ":to": `${range.to}#~`,
        },
        ProjectionExpression: "#sk",
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const month = String(item[index.sortKey]).slice(0, 7);
      counts.set(month, (counts.get(month) ?? 0) + 1);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return counts;
}
