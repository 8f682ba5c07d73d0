import type { SubmissionReceipt, UploadRecord } from "@lianxin/core";
import { batchGetAll, type StoreContext } from "./context.js";
import { keys } from "./keys.js";
import {
  type RateLimitRule,
  type RateLimitState,
  rateLimitKey,
  rateLimitState,
} from "./rate-limits.js";
import { GetCommand } from "./sdk.js";
import { uploadRecordOf } from "./uploads.js";

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

type StoredRecord = Omit<IdempotencyRecord, "receipt"> & { receiptJson: string };

/** A stored record as the caller sees it; expired ones (TTL not yet swept) are none. */
function recordOf(item: Record<string, unknown> | undefined, now: Date): IdempotencyRecord | null {
  const stored = item as StoredRecord | undefined;
  if (!stored || stored.expiresAt * 1000 <= now.getTime()) return null;
  return {
    key: stored.key,
    fingerprint: stored.fingerprint,
    receipt: JSON.parse(stored.receiptJson) as SubmissionReceipt,
    createdAt: stored.createdAt,
    expiresAt: stored.expiresAt,
  };
}

/** AP-I1: the record of an earlier submission under this key (GetItem, consistent). */
export async function getIdempotencyRecord(
  ctx: StoreContext,
  key: string,
  now: Date,
): Promise<IdempotencyRecord | null> {
  const result = await ctx.client.send(
    new GetCommand({ TableName: ctx.tableName, Key: keys.idempotency(key), ConsistentRead: true }),
  );
  return recordOf(result.Item, now);
}

/**
 * AP-I2: what a submission must know before it reserves a number, in one BatchGetItem
 * (consistent): the record of an earlier request with its key (a replay never consumes a
 * number) and, for the open internet, the submitter's rate window (a full window is refused
 * before a number is reserved, so a flood cannot fill the ledger with voids).
 */
export async function readSubmissionGate(
  ctx: StoreContext,
  args: {
    key: string;
    now: Date;
    rate?: { rule: RateLimitRule; subject: string };
    /** Photos the form names (issue 15): checked before a number is reserved. */
    uploads?: readonly string[];
  },
): Promise<{
  record: IdempotencyRecord | null;
  rate: RateLimitState | null;
  uploads: (UploadRecord | null)[];
}> {
  const recordKey = keys.idempotency(args.key);
  const windowKey = args.rate ? rateLimitKey(args.rate.rule, args.rate.subject, args.now) : null;
  const uploadKeys = (args.uploads ?? []).map((id) => keys.upload(id));
  const items = await batchGetAll(
    ctx,
    [recordKey, ...(windowKey ? [windowKey] : []), ...uploadKeys],
    { consistent: true },
  );
  const find = (k: { pk: string; sk: string }) => items.find((i) => i.pk === k.pk && i.sk === k.sk);
  return {
    uploads: uploadKeys.map((k) => {
      const item = find(k);
      return item ? uploadRecordOf(item) : null;
    }),
    record: recordOf(find(recordKey), args.now),
    rate:
      args.rate && windowKey
        ? rateLimitState(args.rate.rule, Number(find(windowKey)?.count ?? 0), args.now)
        : null,
  };
}
