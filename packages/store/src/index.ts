import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import {
  appendConcernEvent,
  getConcernWithEvents,
  registerConcernWithNextLedgerNumber,
} from "./concerns.js";
import type { StoreContext } from "./context.js";
import { hasDirectory, loadDirectory, putDirectory } from "./directory.js";
import { pingStore } from "./health.js";
import { getIdempotencyRecord } from "./idempotency.js";
import { consumeRateLimit, peekRateLimit } from "./rate-limits.js";

export { createDynamoClient } from "./client.js";
export type { NewConcern, RegisterOutcome } from "./concerns.js";
export type { StoreContext } from "./context.js";
export type { IdempotencyRecord } from "./idempotency.js";
export { IDEMPOTENCY_TTL_SECONDS } from "./idempotency.js";
export { keys } from "./keys.js";
export type { RateLimitRule, RateLimitState } from "./rate-limits.js";
export { ensureTable, TABLE_KEYS } from "./table.js";

const bind =
  <A extends unknown[], R>(ctx: StoreContext, f: (ctx: StoreContext, ...args: A) => R) =>
  (...args: A) =>
    f(ctx, ...args);

/** The store: one method per access pattern (see README.md), bound to one table. */
export function createStore(client: DynamoDBDocumentClient, tableName: string) {
  const ctx: StoreContext = { client, tableName };
  return {
    tableName,
    ping: bind(ctx, pingStore),
    loadDirectory: bind(ctx, loadDirectory),
    hasDirectory: bind(ctx, hasDirectory),
    putDirectory: bind(ctx, putDirectory),
    registerConcernWithNextLedgerNumber: bind(ctx, registerConcernWithNextLedgerNumber),
    getConcernWithEvents: bind(ctx, getConcernWithEvents),
    appendConcernEvent: bind(ctx, appendConcernEvent),
    getIdempotencyRecord: bind(ctx, getIdempotencyRecord),
    peekRateLimit: bind(ctx, peekRateLimit),
    consumeRateLimit: bind(ctx, consumeRateLimit),
  };
}
export type Store = ReturnType<typeof createStore>;
