import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { listAccessLog, putAccessLog } from "./access-log.js";
import {
  commitConcernChanges,
  getConcernWithEvents,
  registerConcernWithNextLedgerNumber,
} from "./concerns.js";
import type { StoreContext } from "./context.js";
import { hasDirectory, loadDirectory, putDirectory } from "./directory.js";
import { pingStore } from "./health.js";
import { getIdempotencyRecord } from "./idempotency.js";
import { queryConcernsByMonth } from "./ledger.js";
import { readCounters } from "./metrics.js";
import { getNotice, listNotices, noticeItem, replaceNotice } from "./notices.js";
import { listInbox, markInboxRead, outboxItem, putOutbox } from "./outbox.js";
import { countQueue, queryQueue } from "./queues.js";
import { consumeRateLimit, peekRateLimit } from "./rate-limits.js";
import { getSession, putSession, revokeSession } from "./sessions.js";
import { getCalendarOverride, putCalendarOverride, putCategory } from "./settings.js";
import {
  createStaffAccount,
  findStaffByUsername,
  getStaffAccount,
  listDepartmentStaff,
  lockStaffAccount,
  setStaffPassword,
} from "./staff.js";

export type { AccessLogEntry } from "./access-log.js";
export { createDynamoClient } from "./client.js";
export type { ConcernChange, NewConcern, RegisterOutcome } from "./concerns.js";
/** The stored concern item (keys included): for seeding with BatchWriteItem. */
export { concernItem } from "./concerns.js";
export type { StoreContext } from "./context.js";
export type { IdempotencyRecord } from "./idempotency.js";
export { IDEMPOTENCY_TTL_SECONDS } from "./idempotency.js";
export { keys, type Lane } from "./keys.js";
export type { MonthRange } from "./ledger.js";
export type { NoticeFilter } from "./notices.js";
export type { InboxItem } from "./outbox.js";
export type { QueueQuery, QueueSource } from "./queues.js";
export type { RateLimitRule, RateLimitState } from "./rate-limits.js";
export type { SessionRecord } from "./sessions.js";
export type { AuditEntry } from "./settings.js";
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
    commitConcernChanges: bind(ctx, commitConcernChanges),
    queryQueue: bind(ctx, queryQueue),
    countQueue: bind(ctx, countQueue),
    queryConcernsByMonth: bind(ctx, queryConcernsByMonth),
    getIdempotencyRecord: bind(ctx, getIdempotencyRecord),
    peekRateLimit: bind(ctx, peekRateLimit),
    consumeRateLimit: bind(ctx, consumeRateLimit),
    createStaffAccount: bind(ctx, createStaffAccount),
    getStaffAccount: bind(ctx, getStaffAccount),
    findStaffByUsername: bind(ctx, findStaffByUsername),
    listDepartmentStaff: bind(ctx, listDepartmentStaff),
    setStaffPassword: bind(ctx, setStaffPassword),
    lockStaffAccount: bind(ctx, lockStaffAccount),
    putSession: bind(ctx, putSession),
    getSession: bind(ctx, getSession),
    revokeSession: bind(ctx, revokeSession),
    getNotice: bind(ctx, getNotice),
    listNotices: bind(ctx, listNotices),
    replaceNotice: bind(ctx, replaceNotice),
    putAccessLog: bind(ctx, putAccessLog),
    listAccessLog: bind(ctx, listAccessLog),
    getCalendarOverride: bind(ctx, getCalendarOverride),
    putCalendarOverride: bind(ctx, putCalendarOverride),
    putCategory: bind(ctx, putCategory),
    readCounters: bind(ctx, readCounters),
    listInbox: bind(ctx, listInbox),
    markInboxRead: bind(ctx, markInboxRead),
    putOutbox: bind(ctx, putOutbox),
    /** Items to add to a concern change's transaction. */
    items: { notice: noticeItem, outbox: outboxItem },
  };
}
export type Store = ReturnType<typeof createStore>;
