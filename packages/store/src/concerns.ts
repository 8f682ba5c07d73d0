import {
  type Concern,
  type ConcernEvent,
  type ConcernFile,
  formatLedgerNo,
  type LedgerVoidReason,
  type MetricDelta,
  periodIndexEntries,
  queuePosition,
  type SubmissionReceipt,
  shanghaiMonth,
  upgradeConcern,
} from "@lianxin/core";
import { queryPartition, type StoreContext, stripKeys, type TransactItem } from "./context.js";
import { pauseBeforeRetry } from "./deadline.js";
import { IDEMPOTENCY_TTL_SECONDS } from "./idempotency.js";
import { keys } from "./keys.js";
import { notVoided, reserveLedgerNumber, voidLedgerNumber } from "./ledger-numbers.js";
import { type CounterDelta, counterUpdates } from "./metrics.js";
import { periodIndexPuts } from "./period-index.js";
import { type RateLimitRule, rateLimitHit, rateLimitState } from "./rate-limits.js";
import { TransactWriteCommand } from "./sdk.js";
import { claimUploadItem } from "./uploads.js";

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
  /** Further items written with it (its messages: the staff inbox's, the resident's SMS). */
  extraPuts?: Record<string, unknown>[];
  /** Photos its form uploaded (issue 15), claimed in the same transaction (AP-U4). */
  claimUploads?: { uploadIds: string[]; formKeyHash: string };
}

export type RegisterOutcome =
  | { kind: "created"; result: NewConcern }
  /** Another request with the same idempotency key won: read its record. */
  | { kind: "idempotency_taken" }
  /** The submitter's window filled meanwhile (the gate read saw room). */
  | { kind: "rate_limited"; retryAfterSeconds: number }
  /** A named upload is not this form's, is refused or taken, or its POST expired unused. */
  | { kind: "upload_unavailable"; uploadId: string };

/** Why a transaction was cancelled, by item position (names like ConditionalCheckFailed). */
export function cancellationReasons(error: unknown): string[] | null {
  if ((error as Error)?.name !== "TransactionCanceledException") return null;
  const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons;
  return (reasons ?? []).map((r) => r.Code ?? "None");
}

/**
 * Cancelled only because other transactions held its items (real DynamoDB, or the
 * simulator): the same transaction may simply be sent again.
 */
function cancelledByContention(error: unknown): boolean {
  if ((error as Error)?.name === "TransactionConflictException") return true;
  const reasons = cancellationReasons(error) ?? [];
  return (
    reasons.includes("TransactionConflict") &&
    reasons.every((r) => r === "None" || r === "TransactionConflict")
  );
}

/**
 * AP-C1: register a concern under a new ledger number, in three requests counting the gate
 * read before it (AP-I2): reserve the number (AP-L1, an atomic ADD on the year's counter),
 * then one transaction with the concern, a check that its number is not voided, its first
 * events, its counter ADDs, the idempotency record and, for the open internet, the hit on the
 * submitter's rate window, conditional on room in it.
 *
 * No submission waits for another: the counter is touched by one UpdateItem, outside any
 * transaction. A number whose concern is not written gets a void record (作废) at once, with
 * the reason: the key was taken by a concurrent request, the window filled, or the write
 * failed; a request that dies before it can say is found by the escalation job's audit, which
 * voids the number after 10 minutes. So every number is a concern or a recorded void. A
 * cancellation caused only by other transactions holding shared items (TransactionConflict,
 * real DynamoDB only) sends the same transaction again with the same number (bounded,
 * jittered, never past the request's deadline).
 */
export async function registerConcernWithNextLedgerNumber(
  ctx: StoreContext,
  args: {
    year: number;
    idempotency: { key: string; fingerprint: string };
    now: Date;
    build: (ledgerNo: string) => NewConcern;
    /** The submitter's hourly allowance: its hit is counted in the same transaction. */
    rateLimit?: { rule: RateLimitRule; subject: string };
  },
): Promise<RegisterOutcome> {
  const ledgerNo = formatLedgerNo(args.year, await reserveLedgerNumber(ctx, args));
  const voidNumber = (reason: LedgerVoidReason, detail: string | null = null) =>
    voidLedgerNumber(ctx, {
      ledgerNo,
      reason,
      detail,
      voidedAt: args.now.toISOString(),
      voidedBy: "submission",
    }).catch(() => false); // Best effort: the job's audit voids it later if this fails.
  let result: NewConcern;
  try {
    result = args.build(ledgerNo);
  } catch (error) {
    await voidNumber("write_failed", (error as Error)?.name ?? null);
    throw error;
  }
  const { concern, events, receipt } = result;
  const items: TransactItem[] = [
    {
      Put: {
        TableName: ctx.tableName,
        Item: concernItem(concern),
        ConditionExpression: "attribute_not_exists(pk)",
      },
    },
    notVoided(ctx, ledgerNo),
    ...events.map((e) => eventPut(ctx, e)),
  ];
  const counters = counterSlot(ctx, items, result.counters ?? []);
  for (const Item of result.extraPuts ?? [])
    items.push({ Put: { TableName: ctx.tableName, Item } });
  const claims = result.claimUploads;
  const claimsAt = items.length;
  for (const uploadId of claims?.uploadIds ?? []) {
    items.push(
      claimUploadItem(ctx, {
        uploadId,
        formKeyHash: claims?.formKeyHash ?? "",
        ledgerNo,
        now: args.now,
      }),
    );
  }
  const idempotencyAt = items.length;
  items.push({
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
  });
  const rate = args.rateLimit;
  const rateAt = rate ? items.length : -1;
  if (rate) items.push({ Update: rateLimitHit(ctx, rate.rule, rate.subject, args.now) });

  for (let attempt = 1; ; attempt++) {
    try {
      await ctx.client.send(new TransactWriteCommand({ TransactItems: items }));
      return { kind: "created", result };
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (reasons?.[idempotencyAt] === "ConditionalCheckFailed") {
        await voidNumber("duplicate_request");
        return { kind: "idempotency_taken" };
      }
      const refusedClaim = (claims?.uploadIds ?? []).findIndex(
        (_, i) => reasons?.[claimsAt + i] === "ConditionalCheckFailed",
      );
      if (claims && refusedClaim >= 0) {
        await voidNumber("upload_unavailable");
        return { kind: "upload_unavailable", uploadId: claims.uploadIds[refusedClaim] as string };
      }
      if (rate && reasons?.[rateAt] === "ConditionalCheckFailed") {
        await voidNumber("rate_limited");
        return {
          kind: "rate_limited",
          retryAfterSeconds: rateLimitState(rate.rule, rate.rule.limit, args.now).retryAfterSeconds,
        };
      }
      const contention = cancelledByContention(error);
      if (!contention || attempt >= COMMIT_ATTEMPTS) {
        // The write may still land (a timeout): the void is conditional on its absence, and
        // the concern's write on the void's, so one of them wins.
        await voidNumber(
          "write_failed",
          contention ? "ContentionExhausted" : (error as Error)?.name,
        );
        throw contention ? new ContentionExhausted(attempt) : error;
      }
      await pauseForContention(attempt);
      counters.redraw();
    }
  }
}

/**
 * Appends a change's counter ADDs to `items` (one shard of each counter item, drawn at
 * random: store README, "Sharded counters"); `redraw()` replaces them in place with fresh
 * draws, so that a transaction cancelled on a held shard tries other shards next time
 * rather than queueing for the same one.
 */
function counterSlot(ctx: StoreContext, items: TransactItem[], deltas: CounterDelta[]) {
  const at = items.length;
  const first = counterUpdates(ctx, deltas);
  items.push(...first);
  return {
    redraw: () => {
      items.splice(at, first.length, ...counterUpdates(ctx, deltas));
    },
  };
}

/** AP-C2: a concern, its whole history and its files, one Query on its partition. */
export async function getConcernWithEvents(
  ctx: StoreContext,
  ledgerNo: string,
): Promise<{ concern: Concern; events: ConcernEvent[]; files: ConcernFile[] } | null> {
  let concern: Concern | undefined;
  const events: ConcernEvent[] = [];
  const files: ConcernFile[] = [];
  const items = await queryPartition(ctx, keys.concernPartition(ledgerNo), { consistent: true });
  for (const item of items) {
    if (item.sk === "CONCERN") concern = upgradeConcern(stripKeys<Concern>(item));
    else if (String(item.sk).startsWith(keys.eventPrefix))
      events.push(stripKeys<ConcernEvent>(item));
    else if (String(item.sk).startsWith(keys.filePrefix)) files.push(stripKeys<ConcernFile>(item));
  }
  return concern ? { concern, events, files } : null;
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
    // The period index goes with its counter ADDs: the list behind a figure is the figure's.
    items.push(
      ...periodIndexPuts(
        ctx,
        periodIndexEntries(change.counters, {
          ledgerNo: change.concern.ledgerNo,
          at: change.concern.updatedAt,
          version: change.concern.version,
          events: change.events,
        }),
      ),
    );
  }
  const counters = counterSlot(
    ctx,
    items,
    changes.flatMap((c) => c.counters),
  );
  for (const Item of extraPuts) items.push({ Put: { TableName: ctx.tableName, Item } });
  for (let attempt = 1; ; attempt++) {
    try {
      await ctx.client.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (reasons && versionChecks.some((i) => reasons[i] === "ConditionalCheckFailed")) {
        return false;
      }
      if (!cancelledByContention(error)) throw error;
      if (attempt >= COMMIT_ATTEMPTS) throw new ContentionExhausted(attempt);
      await pauseForContention(attempt);
      counters.redraw();
    }
  }
}

/**
 * Sends of one transaction while other transactions hold its shared items, at most; the
 * request's deadline (pauseBeforeRetry) ends it sooner under a long siege. A hot item (one
 * address's rate window, a counter shard) is held for one round trip at a time, so a change
 * gets through within a few tries; only a burst far beyond an incident's (64 submissions at
 * once to one village and department, under the conflict simulator) needs dozens, and a
 * resident is better served by a second's wait than by a 503.
 */
const COMMIT_ATTEMPTS = 60;

/** Full jitter, growing to at most 100 ms: contenders spread out instead of colliding again. */
function pauseForContention(attempt: number): Promise<void> {
  return pauseBeforeRetry(Math.random() * Math.min(100, 5 * 2 ** attempt));
}

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
