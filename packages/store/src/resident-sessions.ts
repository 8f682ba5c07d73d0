import type { StoreContext } from "./context.js";
import { keys } from "./keys.js";
import { GetCommand, PutCommand, UpdateCommand } from "./sdk.js";

/** A resident's session of "我的诉求", as stored under the hash of its token. */
export interface ResidentSessionRecord {
  /** SHA-256 of the token (core's residentSessionId). */
  sessionId: string;
  phoneKey: string;
  createdAt: string;
  expiresAtIso: string;
  endedAt: string | null;
}

/** AP-Q1: a new session (PutItem on a new key); TTL removes it a day after it expires. */
export async function putResidentSession(
  ctx: StoreContext,
  session: ResidentSessionRecord,
): Promise<void> {
  await ctx.client.send(
    new PutCommand({
      TableName: ctx.tableName,
      Item: {
        ...keys.residentSession(session.sessionId),
        entity: "resident_session",
        ...session,
        expiresAt: Math.floor(Date.parse(session.expiresAtIso) / 1000) + 86_400,
      },
      ConditionExpression: "attribute_not_exists(pk)",
    }),
  );
}

/** AP-Q2: a session by the hash of its token (GetItem, consistent), on each of its requests. */
export async function getResidentSession(
  ctx: StoreContext,
  sessionId: string,
): Promise<ResidentSessionRecord | null> {
  const result = await ctx.client.send(
    new GetCommand({
      TableName: ctx.tableName,
      Key: keys.residentSession(sessionId),
      ConsistentRead: true,
    }),
  );
  const item = result.Item;
  if (!item) return null;
  return {
    sessionId: String(item.sessionId),
    phoneKey: String(item.phoneKey),
    createdAt: String(item.createdAt),
    expiresAtIso: String(item.expiresAtIso),
    endedAt: (item.endedAt as string | null) ?? null,
  };
}

/** AP-Q3: sign-out ends the session on the server (kept until TTL, not deleted). */
export async function endResidentSession(
  ctx: StoreContext,
  sessionId: string,
  nowIso: string,
): Promise<void> {
  await ctx.client.send(
    new UpdateCommand({
      TableName: ctx.tableName,
      Key: keys.residentSession(sessionId),
      UpdateExpression: "SET endedAt = :now",
      ConditionExpression: "attribute_exists(pk)",
      ExpressionAttributeValues: { ":now": nowIso },
    }),
  );
}
