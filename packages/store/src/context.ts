import { pauseBeforeRetry } from "./deadline.js";
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from "./sdk.js";

/** What every access-pattern function needs: the client and the one table's name. */
export interface StoreContext {
  client: DynamoDBDocumentClient;
  tableName: string;
}

/** Fields that belong to the table, not the domain object stored in the item. */
const KEY_FIELDS = new Set([
  "pk",
  "sk",
  "gsi1pk",
  "gsi1sk",
  "gsi2pk",
  "gsi2sk",
  "gsi3pk",
  "gsi3sk",
  "gsi4pk",
  "gsi4sk",
  "expiresAt",
  "entity",
]);

export function stripKeys<T>(item: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (!KEY_FIELDS.has(k)) out[k] = v;
  return out as T;
}

/** Every item a Query matches, following pagination. */
export async function queryAll(
  ctx: StoreContext,
  input: Omit<QueryCommandInput, "TableName" | "ExclusiveStartKey">,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await ctx.client.send(
      new QueryCommand({ ...input, TableName: ctx.tableName, ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** Every item of one partition, following pagination. */
export function queryPartition(
  ctx: StoreContext,
  pk: string,
  options: { consistent?: boolean } = {},
): Promise<Record<string, unknown>[]> {
  return queryAll(ctx, {
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": pk },
    ConsistentRead: options.consistent ?? false,
  });
}

export type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/**
 * One TransactWriteItems call: true when written, false when a condition cancelled it (the
 * callers' "already exists" / "changed meanwhile"); any other failure is thrown.
 */
export async function transact(ctx: StoreContext, items: TransactItem[]): Promise<boolean> {
  try {
    await ctx.client.send(new TransactWriteCommand({ TransactItems: items }));
    return true;
  } catch (error) {
    if ((error as Error).name === "TransactionCanceledException") return false;
    throw error;
  }
}

/**
 * The items at `itemKeys` that exist, 100 keys a BatchGetItem, keys left unprocessed (the
 * service's answer to throttling) sent again with backoff, at most 8 times, never past the
 * request's deadline. Order is not kept.
 */
export async function batchGetAll(
  ctx: StoreContext,
  itemKeys: Array<{ pk: string; sk: string }>,
  options: { consistent?: boolean; projection?: string } = {},
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < itemKeys.length; i += 100) {
    let pending: Record<string, unknown>[] = itemKeys.slice(i, i + 100);
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt >= 8) throw new Error("batch reads left unprocessed after 8 attempts");
      if (attempt) await pauseBeforeRetry(25 * 2 ** attempt);
      const result = await ctx.client.send(
        new BatchGetCommand({
          RequestItems: {
            [ctx.tableName]: {
              Keys: pending,
              ConsistentRead: options.consistent ?? false,
              ...(options.projection ? { ProjectionExpression: options.projection } : {}),
            },
          },
        }),
      );
      out.push(...(result.Responses?.[ctx.tableName] ?? []));
      pending = (result.UnprocessedKeys?.[ctx.tableName]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return out;
}

/**
 * A conditional write's outcome: what it returned, or null when its condition failed (the
 * caller's "not in the expected state"); any other error propagates.
 */
export async function unlessConditionFails<T>(write: Promise<T>): Promise<T | null> {
  try {
    return await write;
  } catch (error) {
    if ((error as Error).name === "ConditionalCheckFailedException") return null;
    throw error;
  }
}
