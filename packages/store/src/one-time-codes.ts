import { type StoreContext, unlessConditionFails } from "./context.js";
import { keys } from "./keys.js";
import { GetCommand, TransactWriteCommand, UpdateCommand } from "./sdk.js";

/** A one-time code (验证码) as stored: only its keyed hash, its expiry and the tries spent. */
export interface StoredOneTimeCode {
  codeHash: string;
  /** Epoch seconds: TTL, and the end of its validity. */
  expiresAt: number;
  tries: number;
  usedAt: string | null;
}

/**
 * AP-V0: the item of a new one-time code, for the transaction that also writes its SMS: it
 * replaces any earlier code for the same purpose and subject (that one stops working).
 */
export function oneTimeCodeItem(
  purpose: string,
  subject: string,
  code: { codeHash: string; expiresAt: number },
) {
  return {
    ...keys.oneTimeCode(purpose, subject),
    entity: "one_time_code",
    codeHash: code.codeHash,
    expiresAt: code.expiresAt,
    tries: 0,
    usedAt: null,
  };
}

/** AP-V1: the current code for a purpose and subject (GetItem, consistent), if any. */
export async function readOneTimeCode(
  ctx: StoreContext,
  purpose: string,
  subject: string,
): Promise<StoredOneTimeCode | null> {
  const result = await ctx.client.send(
    new GetCommand({
      TableName: ctx.tableName,
      Key: keys.oneTimeCode(purpose, subject),
      ConsistentRead: true,
    }),
  );
  const item = result.Item;
  if (!item) return null;
  return {
    codeHash: String(item.codeHash),
    expiresAt: Number(item.expiresAt),
    tries: Number(item.tries ?? 0),
    usedAt: (item.usedAt as string | null) ?? null,
  };
}

/**
 * AP-V2: spend one try on a code (UpdateItem ADD, conditional on the same code, unused and
 * under `maxTries`): false when none is left, so guesses cannot outrun the limit however many
 * arrive at once.
 */
export async function spendOneTimeCodeTry(
  ctx: StoreContext,
  purpose: string,
  subject: string,
  codeHash: string,
  maxTries: number,
): Promise<boolean> {
  try {
    await ctx.client.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: keys.oneTimeCode(purpose, subject),
        UpdateExpression: "ADD tries :one",
        ConditionExpression: "codeHash = :hash AND tries < :max AND usedAt = :none",
        ExpressionAttributeValues: {
          ":one": 1,
          ":hash": codeHash,
          ":max": maxTries,
          ":none": null,
        },
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === "ConditionalCheckFailedException") return false;
    throw error;
  }
}

/**
 * AP-V3: mark the code used (UpdateItem, conditional on the same code and still unused), before
 * what it unlocks is done: of two requests with the right code, one gets true.
 */
export async function useOneTimeCode(
  ctx: StoreContext,
  purpose: string,
  subject: string,
  codeHash: string,
  at: string,
): Promise<boolean> {
  const used = await unlessConditionFails(
    ctx.client.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: keys.oneTimeCode(purpose, subject),
        UpdateExpression: "SET usedAt = :at",
        ConditionExpression: "codeHash = :hash AND usedAt = :none",
        ExpressionAttributeValues: { ":at": at, ":hash": codeHash, ":none": null },
      }),
    ),
  );
  return used !== null;
}

/** AP-V4: a new code and its SMS, written together (TransactWriteItems of two Puts). */
export async function putOneTimeCode(
  ctx: StoreContext,
  item: ReturnType<typeof oneTimeCodeItem>,
  sms: Record<string, unknown>,
): Promise<void> {
  await ctx.client.send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: ctx.tableName, Item: item } },
        { Put: { TableName: ctx.tableName, Item: sms } },
      ],
    }),
  );
}
