import {
  type DynamoDBDocumentClient,
  QueryCommand,
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

/** Every item of one partition, following pagination. */
export async function queryPartition(
  ctx: StoreContext,
  pk: string,
  options: { consistent?: boolean } = {},
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await ctx.client.send(
      new QueryCommand({
        TableName: ctx.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": pk },
        ConsistentRead: options.consistent ?? false,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
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
