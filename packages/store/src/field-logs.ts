import {
  type Concern,
  type FieldLog,
  fieldWorkDeltas,
  type PresenceDay,
  presenceOf,
  upgradeConcern,
} from "@lianxin/core";
import { cancellationReasons } from "./concerns.js";
import { batchGetAll, type StoreContext, stripKeys } from "./context.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { keys } from "./keys.js";
import { counterUpdates } from "./metrics.js";
import { GetCommand, QueryCommand, TransactWriteCommand } from "./sdk.js";
import { TABLE_KEYS } from "./table.js";

/** The stored field log: its author's partition, and its village's and department's lists. */
export function fieldLogItem(log: FieldLog, author: { departmentId: string | null }) {
  const sort = keys.fieldLogIndexSort(log.date, log.id);
  return {
    ...keys.fieldLog(log.authorId, log.date, log.id),
    gsi2pk: keys.fieldLogsOfVillage(log.villageId),
    gsi2sk: sort,
    ...(author.departmentId
      ? { gsi1pk: keys.fieldLogsOfDepartment(author.departmentId), gsi1sk: sort }
      : {}),
    entity: "field_log",
    authorDepartmentId: author.departmentId,
    ...log,
  };
}

/** The presence item of a log's day (the same for every log of that person, place and day). */
export function presenceItem(day: PresenceDay) {
  return {
    ...keys.presence(day.personId, day.date, day.villageId, day.groupId),
    entity: "presence",
    ...day,
  };
}

/**
 * AP-F1: write a field log, in one transaction with its presence day and its field-work
 * counters (author, author's department, village, and the author within the village).
 * Conditional on the log not existing: a retried log (same id) writes nothing twice and
 * gets the stored log back with `created: false`.
 */
export async function putFieldLog(
  ctx: StoreContext,
  log: FieldLog,
  author: { departmentId: string | null },
): Promise<{ created: boolean; log: FieldLog }> {
  try {
    await ctx.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: ctx.tableName,
              Item: fieldLogItem(log, author),
              ConditionExpression: "attribute_not_exists(pk)",
            },
          },
          { Put: { TableName: ctx.tableName, Item: presenceItem(presenceOf(log)) } },
          ...counterUpdates(ctx, fieldWorkDeltas(log, author)),
        ],
      }),
    );
    return { created: true, log };
  } catch (error) {
    if (cancellationReasons(error)?.[0] !== "ConditionalCheckFailed") throw error;
    const existing = await getFieldLog(ctx, log.authorId, log.date, log.id);
    if (!existing) throw error;
    return { created: false, log: existing };
  }
}

/** AP-F2: one log by its key. */
export async function getFieldLog(
  ctx: StoreContext,
  authorId: string,
  date: string,
  id: string,
): Promise<FieldLog | null> {
  const res = await ctx.client.send(
    new GetCommand({
      TableName: ctx.tableName,
      Key: keys.fieldLog(authorId, date, id),
      ConsistentRead: true,
    }),
  );
  return res.Item ? toFieldLog(res.Item) : null;
}

function toFieldLog(item: Record<string, unknown>): FieldLog {
  const { authorDepartmentId: _d, ...log } = stripKeys<FieldLog & { authorDepartmentId?: unknown }>(
    item,
  );
  return log;
}

export type FieldLogOwner =
  | { kind: "author"; id: string }
  | { kind: "village"; id: string }
  | { kind: "department"; id: string };

/**
 * AP-F3: one page of field logs of an author (their partition), a village (gsi2) or a
 * department (gsi1), dated within [fromDate, toDate], newest first.
 */
export async function listFieldLogs(
  ctx: StoreContext,
  owner: FieldLogOwner,
  range: { fromDate: string; toDate: string; cursor?: string | undefined; limit?: number },
): Promise<{ items: FieldLog[]; nextCursor: string | null }> {
  const spec =
    owner.kind === "author"
      ? { index: undefined, pk: "pk", sk: "sk", value: keys.fieldLogPartition(owner.id) }
      : owner.kind === "village"
        ? {
            index: TABLE_KEYS.indexes.gsi2.name,
            pk: TABLE_KEYS.indexes.gsi2.partitionKey,
            sk: TABLE_KEYS.indexes.gsi2.sortKey,
            value: keys.fieldLogsOfVillage(owner.id),
          }
        : {
            index: TABLE_KEYS.indexes.gsi1.name,
            pk: TABLE_KEYS.indexes.gsi1.partitionKey,
            sk: TABLE_KEYS.indexes.gsi1.sortKey,
            value: keys.fieldLogsOfDepartment(owner.id),
          };
  // "~" sorts after "#": the last day's logs are included.
  const to = `${range.toDate}~`;
  const page = await ctx.client.send(
    new QueryCommand({
      TableName: ctx.tableName,
      IndexName: spec.index,
      KeyConditionExpression: "#pk = :pk AND #sk BETWEEN :from AND :to",
      ExpressionAttributeNames: { "#pk": spec.pk, "#sk": spec.sk },
      ExpressionAttributeValues: { ":pk": spec.value, ":from": range.fromDate, ":to": to },
      ScanIndexForward: false,
      Limit: range.limit ?? 100,
      ExclusiveStartKey: decodeCursor(
        range.cursor,
        { [spec.pk]: spec.value },
        { name: spec.sk, from: range.fromDate, to },
      ),
    }),
  );
  return {
    items: (page.Items ?? []).map(toFieldLog),
    nextCursor: encodeCursor(page.LastEvaluatedKey),
  };
}

/** AP-F4: a person's presence days within [fromDate, toDate] (a Query on their partition). */
export async function listPresence(
  ctx: StoreContext,
  personId: string,
  fromDate: string,
  toDate: string,
): Promise<PresenceDay[]> {
  const days: PresenceDay[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await ctx.client.send(
      new QueryCommand({
        TableName: ctx.tableName,
        KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
        ExpressionAttributeValues: {
          ":pk": keys.presencePartition(personId),
          ":from": fromDate,
          ":to": `${toDate}~`,
        },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) days.push(stripKeys<PresenceDay>(item));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return days;
}

/**
 * AP-F5: the concerns of some ledger numbers (BatchGetItem, 100 at a time, unprocessed
 * keys retried): what became of the concerns raised on field visits.
 */
export async function getConcernsByLedgerNos(
  ctx: StoreContext,
  ledgerNos: string[],
): Promise<Concern[]> {
  const items = await batchGetAll(
    ctx,
    [...new Set(ledgerNos)].map((no) => keys.concern(no)),
  );
  return items.map((item) => upgradeConcern(stripKeys<Concern>(item)));
}
