import type { StoreContext } from "./context.js";
import { keys } from "./keys.js";
import { GetCommand, UpdateCommand } from "./sdk.js";

/** A fixed-window counter: `limit` hits per `windowSeconds` for one subject. */
export interface RateLimitRule {
  scope: string;
  limit: number;
  windowSeconds: number;
}

export interface RateLimitState {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

function windowOf(rule: RateLimitRule, now: Date) {
  const windowMs = rule.windowSeconds * 1000;
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  const retryAfterSeconds = Math.max(1, Math.ceil((start + windowMs - now.getTime()) / 1000));
  return { start, expiresAt: Math.ceil((start + windowMs) / 1000) + 60, retryAfterSeconds };
}

/** The state of a window that has seen `count` hits. */
export function rateLimitState(rule: RateLimitRule, count: number, now: Date): RateLimitState {
  return {
    allowed: count < rule.limit,
    count,
    retryAfterSeconds: windowOf(rule, now).retryAfterSeconds,
  };
}

/** The window item's key for `now`. */
export function rateLimitKey(rule: RateLimitRule, subject: string, now: Date) {
  return keys.rateLimit(rule.scope, subject, windowOf(rule, now).start);
}

/** AP-R1: how many hits this window has seen (a GetItem). */
export async function peekRateLimit(
  ctx: StoreContext,
  rule: RateLimitRule,
  subject: string,
  now: Date,
): Promise<RateLimitState> {
  const result = await ctx.client.send(
    new GetCommand({ TableName: ctx.tableName, Key: rateLimitKey(rule, subject, now) }),
  );
  return rateLimitState(rule, Number(result.Item?.count ?? 0), now);
}

/**
 * One hit on the window, unless it is full: an UpdateItem on its own (AP-R2) or an item of a
 * transaction (a submission counts its hit with its concern, AP-C1). A full window is not
 * incremented further, so a flood cannot push the counter on.
 */
export function rateLimitHit(
  ctx: StoreContext,
  rule: RateLimitRule,
  subject: string,
  now: Date,
  hits = 1,
) {
  return {
    TableName: ctx.tableName,
    Key: rateLimitKey(rule, subject, now),
    UpdateExpression: "ADD #count :hits SET expiresAt = :expiresAt",
    ConditionExpression: "attribute_not_exists(#count) OR #count <= :room",
    ExpressionAttributeNames: { "#count": "count" },
    ExpressionAttributeValues: {
      ":hits": hits,
      ":room": rule.limit - hits,
      ":expiresAt": windowOf(rule, now).expiresAt,
    },
  };
}

/**
 * AP-R2: count `hits` (one unless said), atomically, unless the window has no room for them
 * all; then nothing is counted.
 */
export async function consumeRateLimit(
  ctx: StoreContext,
  rule: RateLimitRule,
  subject: string,
  now: Date,
  hits = 1,
): Promise<RateLimitState> {
  if (hits > rule.limit) return rateLimitState(rule, rule.limit, now);
  try {
    const result = await ctx.client.send(
      new UpdateCommand({
        ...rateLimitHit(ctx, rule, subject, now, hits),
        ReturnValues: "UPDATED_NEW",
      }),
    );
    return { ...rateLimitState(rule, Number(result.Attributes?.count ?? 1), now), allowed: true };
  } catch (error) {
    if ((error as Error).name === "ConditionalCheckFailedException") {
      return rateLimitState(rule, rule.limit, now);
    }
    throw error;
  }
}

/** Failed sign-ins kept per username: more than any lockout rule counts. */
const FAILURES_KEPT = 20;

/**
 * AP-R3: records one failed sign-in for a username and answers how many fell within the
 * last `windowSeconds`, this one included: a true sliding window, so that failures on both
 * sides of a clock boundary count together (fixed windows would let up to twice the limit
 * through). One UpdateItem appends the time atomically; the list is cut back to its newest
 * entries now and then, and the item expires a window after the last failure.
 */
export async function recordLoginFailure(
  ctx: StoreContext,
  username: string,
  now: Date,
  windowSeconds: number,
): Promise<number> {
  const key = keys.loginFailures(username);
  const result = await ctx.client.send(
    new UpdateCommand({
      TableName: ctx.tableName,
      Key: key,
      UpdateExpression:
        "SET #times = list_append(if_not_exists(#times, :none), :now), expiresAt = :expiresAt",
      ExpressionAttributeNames: { "#times": "times" },
      ExpressionAttributeValues: {
        ":none": [],
        ":now": [now.getTime()],
        ":expiresAt": Math.ceil(now.getTime() / 1000) + windowSeconds + 60,
      },
      ReturnValues: "ALL_NEW",
    }),
  );
  const times = (result.Attributes?.times ?? []) as number[];
  if (times.length > FAILURES_KEPT) {
    // New times are appended at the end, so dropping from the front never loses one.
    const excess = times.length - FAILURES_KEPT;
    await ctx.client.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: key,
        UpdateExpression: `REMOVE ${Array.from({ length: excess }, (_, i) => `#times[${i}]`).join(", ")}`,
        ExpressionAttributeNames: { "#times": "times" },
      }),
    );
  }
  const since = now.getTime() - windowSeconds * 1000;
  return times.filter((t) => Number(t) > since).length;
}

/**
 * AP-R4: the recent failed sign-ins of a username (GetItem; none when there are none), so
 * that a username without an account is refused exactly as a locked account is.
 */
export async function loginFailureTimes(ctx: StoreContext, username: string): Promise<number[]> {
  const result = await ctx.client.send(
    new GetCommand({ TableName: ctx.tableName, Key: keys.loginFailures(username) }),
  );
  return ((result.Item?.times ?? []) as unknown[]).map(Number).filter(Number.isFinite);
}
