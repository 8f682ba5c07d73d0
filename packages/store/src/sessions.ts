import type { StoreContext } from "./context.js";
import { keys } from "./keys.js";
import { GetCommand, PutCommand, UpdateCommand } from "./sdk.js";

export interface SessionRecord {
  sessionId: string;
  staffId: string;
  createdAt: string;
  expiresAtIso: string;
  revokedAt: string | null;
}

/** AP-T1: record a new session; DynamoDB's TTL removes it a day after it expires. */
export async function putSession(ctx: StoreContext, session: SessionRecord): Promise<void> {
  await ctx.client.send(
    new PutCommand({
      TableName: ctx.tableName,
      Item: {
        ...keys.session(session.sessionId),
        entity: "session",
        ...session,
        expiresAt: Math.floor(Date.parse(session.expiresAtIso) / 1000) + 86_400,
      },
      ConditionExpression: "attribute_not_exists(pk)",
    }),
  );
}

/** AP-T2: a session by id (GetItem), checked on every staff request. */
export async function getSession(
  ctx: StoreContext,
  sessionId: string,
): Promise<SessionRecord | null> {
  const result = await ctx.client.send(
    new GetCommand({
      TableName: ctx.tableName,
      Key: keys.session(sessionId),
      ConsistentRead: true,
    }),
  );
  const item = result.Item;
  if (!item) return null;
  return {
    sessionId: String(item.sessionId),
    staffId: String(item.staffId),
    createdAt: String(item.createdAt),
    expiresAtIso: String(item.expiresAtIso),
    revokedAt: (item.revokedAt as string | null) ?? null,
  };
}

/** AP-T3: revoke (logout); kept, not deleted, until TTL. */
export async function revokeSession(
  ctx: StoreContext,
  sessionId: string,
  nowIso: string,
): Promise<void> {
  await ctx.client.send(
    new UpdateCommand({
      TableName: ctx.tableName,
      Key: keys.session(sessionId),
      UpdateExpression: "SET revokedAt = :now",
      ConditionExpression: "attribute_exists(pk)",
      ExpressionAttributeValues: { ":now": nowIso },
    }),
  );
}
