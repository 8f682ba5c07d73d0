import type { Open311ApiKeyRecord } from "@lianxin/core";
import { queryPartition, type StoreContext, stripKeys, transact } from "./context.js";
import { keys } from "./keys.js";
import { GetCommand } from "./sdk.js";
import { type AuditEntry, auditPut } from "./settings.js";

/**
 * Open311 api_keys, issued and revoked by admin. One item per key in the `OPEN311_KEYS`
 * partition, sorted by the key's SHA-256: checking a key is one GetItem, listing them one
 * Query. The secret is never stored. Nothing is deleted: revoking sets `revokedAt`.
 */

/**
 * AP-K1: a new key, with its audit entry, in one transaction; conditional on no item with
 * that hash. False if one exists (160 random bits: in practice never).
 */
export async function putOpen311Key(
  ctx: StoreContext,
  record: Open311ApiKeyRecord,
  audit: AuditEntry,
): Promise<boolean> {
  return transact(ctx, [
    {
      Put: {
        TableName: ctx.tableName,
        Item: { ...keys.open311Key(record.hash), entity: "open311_key", ...record },
        ConditionExpression: "attribute_not_exists(pk)",
      },
    },
    auditPut(ctx, audit),
  ]);
}

/** AP-K2: every key, revoked ones included (Query, consistent, the one partition). */
export async function listOpen311Keys(ctx: StoreContext): Promise<Open311ApiKeyRecord[]> {
  return (await queryPartition(ctx, keys.open311KeysPartition, { consistent: true })).map((i) =>
    stripKeys<Open311ApiKeyRecord>(i),
  );
}

/**
 * AP-K3: the key with this SHA-256 (GetItem, consistent, so that a revocation counts at
 * once); null if none. The Open311 POST's one read for its api_key.
 */
export async function getOpen311KeyByHash(
  ctx: StoreContext,
  hash: string,
): Promise<Open311ApiKeyRecord | null> {
  const result = await ctx.client.send(
    new GetCommand({
      TableName: ctx.tableName,
      Key: keys.open311Key(hash),
      ConsistentRead: true,
    }),
  );
  return result.Item ? stripKeys<Open311ApiKeyRecord>(result.Item) : null;
}

/**
 * AP-K4: revoke a key (UpdateItem: `revokedAt`, `revokedBy`, `revokeReason`), with its
 * audit entry, in one transaction; conditional on the item being that key and not yet
 * revoked. False if it was revoked meanwhile (or is gone).
 */
export async function revokeOpen311Key(
  ctx: StoreContext,
  revoked: Open311ApiKeyRecord & { revokedAt: string },
  audit: AuditEntry,
): Promise<boolean> {
  return transact(ctx, [
    {
      Update: {
        TableName: ctx.tableName,
        Key: keys.open311Key(revoked.hash),
        UpdateExpression: "SET revokedAt = :at, revokedBy = :by, revokeReason = :reason",
        ConditionExpression:
          "attribute_exists(pk) AND #id = :id AND attribute_not_exists(revokedAt)",
        ExpressionAttributeNames: { "#id": "id" },
        ExpressionAttributeValues: {
          ":at": revoked.revokedAt,
          ":by": revoked.revokedBy ?? null,
          ":reason": revoked.revokeReason ?? null,
          ":id": revoked.id,
        },
      },
    },
    auditPut(ctx, audit),
  ]);
}
