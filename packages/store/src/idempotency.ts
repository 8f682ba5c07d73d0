import type { SubmissionReceipt } from "@lianxin/core";
import type { StoreContext } from "./context.js";
import { keys } from "./keys.js";
import { GetCommand } from "./sdk.js";

/** How long a retried submission gets the same answer. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

export interface IdempotencyRecord {
  key: string;
  fingerprint: string;
  receipt: SubmissionReceipt;
  createdAt: string;
  /** Epoch seconds: DynamoDB's TTL removes the record (and so the kept code) after 24 h. */
  expiresAt: number;
}

/**
 * AP-I1: the record of an earlier submission under this key. Expired records may linger
 * until DynamoDB's TTL sweeps them, so they are filtered here.
 */
export async function getIdempotencyRecord(
  ctx: StoreContext,
  key: string,
  now: Date,
): Promise<IdempotencyRecord | null> {
  const result = await ctx.client.send(
    new GetCommand({ TableName: ctx.tableName, Key: keys.idempotency(key), ConsistentRead: true }),
  );
  const item = result.Item as
    | (Omit<IdempotencyRecord, "receipt"> & { receiptJson: string })
    | undefined;
  if (!item || item.expiresAt * 1000 <= now.getTime()) return null;
  return {
    key: item.key,
    fingerprint: item.fingerprint,
    receipt: JSON.parse(item.receiptJson) as SubmissionReceipt,
    createdAt: item.createdAt,
    expiresAt: item.expiresAt,
  };
}
