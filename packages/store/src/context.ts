import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

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
  "expiresAt",
  "entity",
]);

export function stripKeys<T>(item: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (!KEY_FIELDS.has(k)) out[k] = v;
  return out as T;
}
