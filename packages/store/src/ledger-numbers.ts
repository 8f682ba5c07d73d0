import { type LedgerAudit, type LedgerVoid, parseLedgerNo, TOWN_PREFIX } from "@lianxin/core";
import {
  batchGetAll,
  queryAll,
  type StoreContext,
  stripKeys,
  type TransactItem,
} from "./context.js";
import { keys } from "./keys.js";
import { TransactWriteCommand, UpdateCommand } from "./sdk.js";

/**
 * Ledger numbers (台账编号): reserved by an atomic ADD on the year's counter, then each one
 * holds its concern or a void record (作废), never both: the concern's write and the void's
 * are each conditional on the other item's absence, so whichever lands first wins, even when
 * a timed-out submission's transaction lands late. See the README, "Ledger numbers".
 */

/** AP-L1: the next number of the year: one UpdateItem ADD with UPDATED_NEW, no read. */
export async function reserveLedgerNumber(
  ctx: StoreContext,
  args: { year: number; now: Date },
): Promise<number> {
  const result = await ctx.client.send(
    new UpdateCommand({
      TableName: ctx.tableName,
      Key: keys.ledgerCounter(TOWN_PREFIX, args.year),
      UpdateExpression: "ADD lastSequence :one SET updatedAt = :now",
      ExpressionAttributeValues: { ":one": 1, ":now": args.now.toISOString() },
      ReturnValues: "UPDATED_NEW",
    }),
  );
  return Number(result.Attributes?.lastSequence);
}

/** The condition a concern's write carries: its number has not been voided. */
export function notVoided(ctx: StoreContext, ledgerNo: string): TransactItem {
  return {
    ConditionCheck: {
      TableName: ctx.tableName,
      Key: keys.ledgerVoid(ledgerNo),
      ConditionExpression: "attribute_not_exists(pk)",
    },
  };
}

/**
 * AP-L2: void a number that holds no concern (TransactWriteItems: the void put, conditional
 * on no void yet, and a check that no concern is there). False when either exists: the
 * number is accounted for already.
 */
export async function voidLedgerNumber(ctx: StoreContext, entry: LedgerVoid): Promise<boolean> {
  const parsed = parseLedgerNo(entry.ledgerNo);
  if (!parsed) throw new RangeError(`not a ledger number: ${entry.ledgerNo}`);
  try {
    await ctx.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: ctx.tableName,
              Item: {
                ...keys.ledgerVoid(entry.ledgerNo),
                gsi4pk: keys.ledgerVoidsOfYear(parsed.prefix, parsed.year),
                gsi4sk: entry.ledgerNo,
                entity: "ledger_void",
                ...entry,
              },
              ConditionExpression: "attribute_not_exists(pk)",
            },
          },
          {
            ConditionCheck: {
              TableName: ctx.tableName,
              Key: keys.concern(entry.ledgerNo),
              ConditionExpression: "attribute_not_exists(pk)",
            },
          },
        ],
      }),
    );
    return true;
  } catch (error) {
    const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> })
      .CancellationReasons;
    if (reasons?.some((r) => r.Code === "ConditionalCheckFailed")) return false;
    throw error;
  }
}

/** AP-L3: a year's void records, in number order (Query on index gsi4). */
export async function listLedgerVoids(ctx: StoreContext, year: number): Promise<LedgerVoid[]> {
  const items = await queryAll(ctx, {
    IndexName: "gsi4",
    KeyConditionExpression: "gsi4pk = :pk",
    ExpressionAttributeValues: { ":pk": keys.ledgerVoidsOfYear(TOWN_PREFIX, year) },
  });
  return items.map((item) => stripKeys<LedgerVoid>(item));
}

/** AP-L4: the year's counter and the job's audit of it (one BatchGetItem, consistent). */
export async function readLedgerAudit(
  ctx: StoreContext,
  year: number,
): Promise<{ lastSequence: number; audit: LedgerAudit }> {
  const counterKey = keys.ledgerCounter(TOWN_PREFIX, year);
  const auditKey = keys.ledgerAudit(TOWN_PREFIX, year);
  const items = await batchGetAll(ctx, [counterKey, auditKey], { consistent: true });
  const counter = items.find((i) => i.sk === counterKey.sk);
  const audit = items.find((i) => i.sk === auditKey.sk);
  return {
    lastSequence: Number(counter?.lastSequence ?? 0),
    audit: {
      accountedThrough: Number(audit?.accountedThrough ?? 0),
      sightings: (audit?.sightings ?? []) as LedgerAudit["sightings"],
    },
  };
}

/** AP-L5: of these numbers, those holding a concern or a void (BatchGetItem, keys only). */
export async function accountedLedgerNumbers(
  ctx: StoreContext,
  ledgerNos: string[],
): Promise<Set<string>> {
  const items = await batchGetAll(
    ctx,
    ledgerNos.flatMap((no) => [keys.concern(no), keys.ledgerVoid(no)]),
    { consistent: true, projection: "pk" },
  );
  return new Set(items.map((i) => String(i.pk).slice("CONCERN#".length)));
}

/**
 * AP-L6: the job's audit after a run (UpdateItem). Never moves the watermark back: of two
 * runs at once, the one that saw less is dropped (it would only make the next run re-read).
 */
export async function saveLedgerAudit(
  ctx: StoreContext,
  year: number,
  audit: LedgerAudit,
  now: Date,
): Promise<void> {
  try {
    await ctx.client.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: keys.ledgerAudit(TOWN_PREFIX, year),
        UpdateExpression:
          "SET accountedThrough = :through, sightings = :sightings, updatedAt = :now",
        ConditionExpression:
          "attribute_not_exists(accountedThrough) OR accountedThrough <= :through",
        ExpressionAttributeValues: {
          ":through": audit.accountedThrough,
          ":sightings": audit.sightings,
          ":now": now.toISOString(),
        },
      }),
    );
  } catch (error) {
    if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
  }
}
