import {
  type Concern,
  type ConcernEvent,
  formatLedgerNo,
  type MetricDelta,
  queuePosition,
  type SubmissionReceipt,
  shanghaiMonth,
  TOWN_PREFIX,
  upgradeConcern,
} from "@lianxin/core";
import { queryPartition, type StoreContext, stripKeys, type TransactItem } from "./context.js";
import { pauseBeforeRetry } from "./deadline.js";
import { IDEMPOTENCY_TTL_SECONDS } from "./idempotency.js";
import { keys } from "./keys.js";
import { counterUpdates } from "./metrics.js";
import { GetCommand, TransactWriteCommand } from "./sdk.js";

/** The concern item with its three queue positions (department, village, town) and its month. */
export function concernItem(concern: Concern) {
  const { lane, sortAt } = queuePosition(concern);
  const sort = keys.queueSort(lane, sortAt, concern.ledgerNo);
  return {
    ...keys.concern(concern.ledgerNo),
    gsi1pk: keys.departmentQueue(concern.routing.department.id),
    gsi1sk: sort,
    gsi2pk: keys.villageQueue(concern.villageId),
    gsi2sk: sort,
    gsi3pk: keys.townQueue,
    gsi3sk: sort,
    gsi4pk: keys.concernMonth(shanghaiMonth(new Date(concern.createdAt))),
    gsi4sk: keys.concernMonthSort(concern.createdAt, concern.ledgerNo),
    entity: "concern",
    ...concern,
  };
}

export function eventPut(ctx: StoreContext, event: ConcernEvent): TransactItem {
  return {
    Put: {
      TableName: ctx.tableName,
      Item: { ...keys.concernEvent(event.ledgerNo, event.seq), entity: "event", ...event },
      ConditionExpression: "attribute_not_exists(pk)",
    },
  };
}

export interface NewConcern {
  concern: Concern;
  events: ConcernEvent[];
  receipt: SubmissionReceipt;
  counters?: MetricDelta[];
}

export type RegisterOutcome =
  | { kind: "created"; result: NewConcern }
  /** Another request with the same idempotency key won: read its record. */
  | { kind: "idempotency_taken" };

/** Why a transaction was cancelled, by item position (names like ConditionalCheckFailed). */
export function cancellationReasons(error: unknown): string[] | null {
  if ((error as Error)?.name !== "TransactionCanceledException") return null;
  const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons;
  return (reasons ?? []).map((r) => r.Code ?? "None");
}

/**
 * AP-C1: register a concern under the next ledger number of its year, in one transaction
 * with its first events and the idempotency record.
 *
 * Gap-free numbering by optimistic concurrency: read the counter, build the concern for
 * counter + 1, and commit only if the counter still holds what was read. A number is
 * therefore consumed exactly when its concern is written; a loser of the race rebuilds
 * with the next number and tries again. `build` is pure, so rebuilding is safe. No retry
 * starts past the request's deadline (deadline.ts): the caller answers 503, and a retry of
 * the request with its Idempotency-Key finds the concern if the last attempt did commit.
 */
export async function registerConcernWithNextLedgerNumber(
  ctx: StoreContext,
  args: {
    year: number;
    idempotency: { key: string; fingerprint: string };
    now: Date;
    build: (ledgerNo: string) => NewConcern;
    maxAttempts?: number;
  },
): Promise<RegisterOutcome> {
  const counterKey = keys.ledgerCounter(TOWN_PREFIX, args.year);
  const maxAttempts = args.maxAttempts ?? 400;
  for (let attempt = 1; ; attempt++) {
    const counter = await ctx.client.send(
      new GetCommand({ TableName: ctx.tableName, Key: counterKey, ConsistentRead: true }),
    );
    const current = Number(counter.Item?.lastSequence ?? 0);
    const next = current + 1;
    const result = args.build(formatLedgerNo(args.year, next));
    const { concern, events, receipt } = result;
    const transactItems: TransactItem[] = [
      {
        Update: {
          TableName: ctx.tableName,
          Key: counterKey,
          UpdateExpression: "SET lastSequence = :next, updatedAt = :now",
          ConditionExpression:
            current === 0 ? "attribute_not_exists(lastSequence)" : "lastSequence = :current",
          ExpressionAttributeValues: {
            ":next": next,
            ":now": args.now.toISOString(),
            ...(current === 0 ? {} : { ":current": current }),
          },
        },
      },
      {
        Put: {
          TableName: ctx.tableName,
          Item: concernItem(concern),
          ConditionExpression: "attribute_not_exists(pk)",
        },
      },
      ...events.map((e) => eventPut(ctx, e)),
      ...counterUpdates(ctx, result.counters ?? []),
      {
        Put: {
          TableName: ctx.tableName,
          Item: {
            ...keys.idempotency(args.idempotency.key),
            entity: "idempotency",
            key: args.idempotency.key,
            fingerprint: args.idempotency.fingerprint,
            // Kept as the exact JSON text, so a replay answers byte for byte the same.
            receiptJson: JSON.stringify(receipt),
            createdAt: args.now.toISOString(),
            expiresAt: Math.floor(args.now.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS,
          },
          // An expired record that TTL has not yet swept may be replaced.
          ConditionExpression: "attribute_not_exists(pk) OR expiresAt < :nowEpoch",
          ExpressionAttributeValues: { ":nowEpoch": Math.floor(args.now.getTime() / 1000) },
        },
      },
    ];
    try {
      await ctx.client.send(new TransactWriteCommand({ TransactItems: transactItems }));
      return { kind: "created", result };
    } catch (error) {
      const reasons = cancellationReasons(error);
      const retryable =
        reasons !== null || (error as Error)?.name === "TransactionConflictException";
      if (!retryable) throw error;
      if (reasons?.at(-1) === "ConditionalCheckFailed") return { kind: "idempotency_taken" };
      if (attempt >= maxAttempts) throw new Error(`ledger counter contention: ${attempt} attempts`);
      // Jittered backoff keeps a burst of submissions from colliding in lockstep.
      await pauseBeforeRetry(Math.random() * Math.min(200, 5 * attempt));
    }
  }
}

/** AP-C2: a concern and its whole history, one Query on its partition. */
export async function getConcernWithEvents(
  ctx: StoreContext,
  ledgerNo: string,
): Promise<{ concern: Concern; events: ConcernEvent[] } | null> {
  let concern: Concern | undefined;
  const events: ConcernEvent[] = [];
  const items = await queryPartition(ctx, keys.concernPartition(ledgerNo), { consistent: true });
  for (const item of items) {
    if (item.sk === "CONCERN") concern = upgradeConcern(stripKeys<Concern>(item));
    else if (String(item.sk).startsWith(keys.eventPrefix))
      events.push(stripKeys<ConcernEvent>(item));
  }
  return concern ? { concern, events } : null;
}

/** One concern's change: the new state, the version it replaces, the events recording it. */
export interface ConcernChange {
  concern: Concern;
  expectedVersion: number;
  events: ConcernEvent[];
  /** Counter deltas of the change (core's metricDeltas), written in the same transaction. */
  counters: MetricDelta[];
}

/**
 * AP-C3: commit changes to one or more concerns (two for a merge) with their events and
 * any further items (a notice draft, a revoked code) in one transaction. Each concern is
 * replaced only if it still has the version the change was built on; returns false if
 * anyone changed one first (the caller re-reads and answers 409).
 *
 * Real DynamoDB also cancels a transaction that touches an item another transaction is
 * writing (TransactionConflict at that item), and every change adds to shared counter items
 * (a department's month): such a cancellation says nothing about the concern, so the change
 * is sent again (bounded, jittered, never past the request's deadline) rather than answered
 * as a conflict. Only a failed version condition is the caller's conflict. DynamoDB Local
 * never raises it; the conflict simulator (./simulator) does.
 */
export async function commitConcernChanges(
  ctx: StoreContext,
  changes: ConcernChange[],
  extraPuts: Record<string, unknown>[] = [],
): Promise<boolean> {
  const items: TransactItem[] = [];
  /** Where each concern's version condition sits in the transaction. */
  const versionChecks: number[] = [];
  for (const change of changes) {
    versionChecks.push(items.length);
    items.push({
      Put: {
        TableName: ctx.tableName,
        Item: concernItem(change.concern),
        ConditionExpression: "#version = :expected",
        ExpressionAttributeNames: { "#version": "version" },
        ExpressionAttributeValues: { ":expected": change.expectedVersion },
      },
    });
    for (const event of change.events) items.push(eventPut(ctx, event));
  }
  items.push(
    ...counterUpdates(
      ctx,
      changes.flatMap((c) => c.counters),
    ),
  );
  for (const Item of extraPuts) items.push({ Put: { TableName: ctx.tableName, Item } });
  for (let attempt = 1; ; attempt++) {
    try {
      await ctx.client.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (error) {
      const reasons = cancellationReasons(error);
      const conflict = (error as Error)?.name === "TransactionConflictException";
      if (reasons === null && !conflict) throw error;
      if (reasons && versionChecks.some((i) => reasons[i] === "ConditionalCheckFailed")) {
        return false;
      }
      if (attempt >= COMMIT_ATTEMPTS) throw new ContentionExhausted(attempt);
      await pauseBeforeRetry(Math.random() * Math.min(200, 10 * 2 ** attempt));
    }
  }
}

/** Sends of one change while other transactions hold its shared items, at most. */
const COMMIT_ATTEMPTS = 8;

/**
 * A change that other transactions kept cancelling until its attempts ran out: the caller
 * answers 503 with Retry-After (functions' http/errors.ts), never 409.
 */
export class ContentionExhausted extends Error {
  constructor(attempts: number) {
    super(`transaction cancelled by other writers ${attempts} times`);
    this.name = "ContentionExhausted";
  }
}
