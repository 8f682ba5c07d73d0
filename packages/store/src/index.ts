import { listAccessLog, putAccessLog } from "./access-log.js";
import {
  firstCounterMonth,
  getSealedMonthsMarker,
  putPeriodIndexEntries,
  putSealedMonthsMarker,
  replaceCategoryFields,
} from "./category-rebuild.js";
import {
  commitConcernChanges,
  getConcernWithEvents,
  registerConcernWithNextLedgerNumber,
} from "./concerns.js";
import type { StoreContext } from "./context.js";
import { hasDirectory, loadDirectory, putDirectory } from "./directory.js";
import { listAudit, writeDirectoryEntries } from "./directory-admin.js";
import { listDuplicateCandidates } from "./duplicate-candidates.js";
import {
  advanceExportJob,
  getExportJob,
  putExportJob,
  recordExportProgress,
} from "./export-jobs.js";
import {
  getConcernsByLedgerNos,
  getFieldLog,
  listFieldLogs,
  listPresence,
  putFieldLog,
} from "./field-logs.js";
import {
  getPartyMember,
  getRotationPlan,
  getServiceDay,
  listPartyMembersAt,
  listRotationPlans,
  listServiceDaysAt,
  listServiceDaysOf,
  putGridSeed,
  putPartyMember,
  putRotationPlan,
  putServiceDay,
  setGroupHolders,
} from "./grid.js";
import { pingStore } from "./health.js";
import { getIdempotencyRecord, readSubmissionGate } from "./idempotency.js";
import { queryConcernsByMonth } from "./ledger.js";
import {
  accountedLedgerNumbers,
  listLedgerVoids,
  readLedgerAudit,
  saveLedgerAudit,
  voidLedgerNumber,
} from "./ledger-numbers.js";
import { readCounters, readCountersBatch, readMemberCounters } from "./metrics.js";
import {
  countPublishedNotices,
  getNotice,
  listNotices,
  noticeItem,
  replaceNotice,
} from "./notices.js";
import {
  oneTimeCodeItem,
  putOneTimeCode,
  readOneTimeCode,
  spendOneTimeCodeTry,
  useOneTimeCode,
} from "./one-time-codes.js";
import {
  getOpen311KeyByHash,
  listOpen311Keys,
  putOpen311Key,
  revokeOpen311Key,
} from "./open311-keys.js";
import { countUnread, listInbox, markInboxRead, outboxItem, putOutboxOnce } from "./outbox.js";
import { periodIndexItem, readPeriodIndex } from "./period-index.js";
import { queryQueue, readClosedSlices, readOpenWork } from "./queues.js";
import {
  consumeRateLimit,
  loginFailureTimes,
  peekRateLimit,
  recordLoginFailure,
} from "./rate-limits.js";
import { getReplyTemplate, listReplyTemplates, putReplyTemplate } from "./reply-templates.js";
import { getQuarterlyDraft, putQuarterlyDraft } from "./report-drafts.js";
import {
  listResidentConcerns,
  putResidentConcernItems,
  residentConcernItem,
} from "./resident-index.js";
import { endResidentSession, getResidentSession, putResidentSession } from "./resident-sessions.js";
import type { DynamoDBDocumentClient } from "./sdk.js";
import { seedItems } from "./seed.js";
import { getSession, putSession, revokeSession } from "./sessions.js";
import { getCalendarOverride, putCalendarOverride } from "./settings.js";
import {
  claimSms,
  listDueSms,
  listSmsLog,
  listSmsNeedingAttention,
  listSmsOfConcern,
  listStaleSending,
  markSmsUnknown,
  releaseSms,
  settleSms,
  smsItem,
} from "./sms.js";
import {
  createStaffAccount,
  findStaffByUsername,
  getStaffAccount,
  getStaffNames,
  listDepartmentStaff,
  listStaffAccounts,
  lockStaffAccount,
  setStaffPassword,
  updateStaffAccounts,
} from "./staff.js";
import {
  getConcernTerms,
  getTermIndexWatermark,
  putConcernTerms,
  queryTermPostings,
  saveTermIndexWatermark,
} from "./term-index.js";
import {
  attachUploadedFile,
  dropExpiredUpload,
  getUpload,
  listUploadsToAttach,
  putUpload,
  recordUploadVerdict,
  refuseClaimedUpload,
} from "./uploads.js";
import { putWatchItems, readWatchList, watchItem } from "./watch-lists.js";

export type { AccessLogEntry } from "./access-log.js";
export type { SealedMonthsMarker } from "./category-rebuild.js";
export { createDynamoClient, DYNAMODB_TIMEOUTS, type DynamoTimeouts } from "./client.js";
export type { ConcernChange, NewConcern, RegisterOutcome } from "./concerns.js";
/** The stored concern item (keys included): for seeding with BatchWriteItem. */
export { concernItem } from "./concerns.js";
export type { StoreContext } from "./context.js";
/** Request deadlines and call budgets (deadline.ts). */
export {
  boundedCall,
  currentDeadline,
  type Deadline,
  DeadlineExceeded,
  deadlineIn,
  runWithDeadline,
  runWithoutDeadline,
} from "./deadline.js";
export type { DirectoryWrite } from "./directory-admin.js";
export { DUPLICATE_CANDIDATES_MAX } from "./duplicate-candidates.js";
export type { FieldLogOwner } from "./field-logs.js";
/** Field-log items (keys included): for seeding with BatchWriteItem. */
export { fieldLogItem, presenceItem } from "./field-logs.js";
export type { HolderChange, StoredRotationPlan } from "./grid.js";
export type { IdempotencyRecord } from "./idempotency.js";
export { IDEMPOTENCY_TTL_SECONDS } from "./idempotency.js";
export { COUNTER_SHARDS, keys, type Lane } from "./keys.js";
export type { MonthRange } from "./ledger.js";
/** How the counter writer merges a change's deltas and draws shards: for benchmark seeding. */
export { type CounterDelta, counterShard, sumCounterDeltas } from "./metrics.js";
export type { NoticeFilter } from "./notices.js";
export type { InboxItem } from "./outbox.js";
/** Period-index items (keys included): for seeding and the rebuild script (BatchWriteItem). */
export { type PeriodIndexPage, periodIndexItem } from "./period-index.js";
export type { QueueQuery, QueueSource } from "./queues.js";
export type { RateLimitRule, RateLimitState } from "./rate-limits.js";
export { type QuarterlyDraft, quarterlyDraftSubject } from "./report-drafts.js";
export type { ResidentSessionRecord } from "./resident-sessions.js";
export { counterItems, ledgerCounterItem } from "./seed.js";
export type { SessionRecord } from "./sessions.js";
export type { AuditEntry } from "./settings.js";
export type { SmsSettlement } from "./sms.js";
export type { StaffAccountEdit } from "./staff.js";
export { ensureTable, TABLE_KEYS } from "./table.js";
export type { IndexedConcern, TermPosting } from "./term-index.js";
/** Watch-list items (keys included): for seeding (BatchWriteItem) and change transactions. */
export { WATCH_LIST_MAX, watchItem } from "./watch-lists.js";

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
    writeDirectoryEntries: bind(ctx, writeDirectoryEntries),
    listAudit: bind(ctx, listAudit),
    registerConcernWithNextLedgerNumber: bind(ctx, registerConcernWithNextLedgerNumber),
    getConcernWithEvents: bind(ctx, getConcernWithEvents),
    commitConcernChanges: bind(ctx, commitConcernChanges),
    queryQueue: bind(ctx, queryQueue),
    listDuplicateCandidates: bind(ctx, listDuplicateCandidates),
    readOpenWork: bind(ctx, readOpenWork),
    readClosedSlices: bind(ctx, readClosedSlices),
    queryConcernsByMonth: bind(ctx, queryConcernsByMonth),
    getIdempotencyRecord: bind(ctx, getIdempotencyRecord),
    readSubmissionGate: bind(ctx, readSubmissionGate),
    voidLedgerNumber: bind(ctx, voidLedgerNumber),
    listLedgerVoids: bind(ctx, listLedgerVoids),
    readLedgerAudit: bind(ctx, readLedgerAudit),
    accountedLedgerNumbers: bind(ctx, accountedLedgerNumbers),
    saveLedgerAudit: bind(ctx, saveLedgerAudit),
    peekRateLimit: bind(ctx, peekRateLimit),
    consumeRateLimit: bind(ctx, consumeRateLimit),
    recordLoginFailure: bind(ctx, recordLoginFailure),
    loginFailureTimes: bind(ctx, loginFailureTimes),
    putExportJob: bind(ctx, putExportJob),
    getExportJob: bind(ctx, getExportJob),
    advanceExportJob: bind(ctx, advanceExportJob),
    recordExportProgress: bind(ctx, recordExportProgress),
    createStaffAccount: bind(ctx, createStaffAccount),
    getStaffAccount: bind(ctx, getStaffAccount),
    getStaffNames: bind(ctx, getStaffNames),
    findStaffByUsername: bind(ctx, findStaffByUsername),
    listDepartmentStaff: bind(ctx, listDepartmentStaff),
    listStaffAccounts: bind(ctx, listStaffAccounts),
    updateStaffAccounts: bind(ctx, updateStaffAccounts),
    setStaffPassword: bind(ctx, setStaffPassword),
    lockStaffAccount: bind(ctx, lockStaffAccount),
    putSession: bind(ctx, putSession),
    getSession: bind(ctx, getSession),
    revokeSession: bind(ctx, revokeSession),
    getNotice: bind(ctx, getNotice),
    listNotices: bind(ctx, listNotices),
    replaceNotice: bind(ctx, replaceNotice),
    countPublishedNotices: bind(ctx, countPublishedNotices),
    putAccessLog: bind(ctx, putAccessLog),
    listAccessLog: bind(ctx, listAccessLog),
    getCalendarOverride: bind(ctx, getCalendarOverride),
    putCalendarOverride: bind(ctx, putCalendarOverride),
    readCounters: bind(ctx, readCounters),
    readCountersBatch: bind(ctx, readCountersBatch),
    readMemberCounters: bind(ctx, readMemberCounters),
    readPeriodIndex: bind(ctx, readPeriodIndex),
    firstCounterMonth: bind(ctx, firstCounterMonth),
    replaceCategoryFields: bind(ctx, replaceCategoryFields),
    putPeriodIndexEntries: bind(ctx, putPeriodIndexEntries),
    getSealedMonthsMarker: bind(ctx, getSealedMonthsMarker),
    putSealedMonthsMarker: bind(ctx, putSealedMonthsMarker),
    putFieldLog: bind(ctx, putFieldLog),
    getFieldLog: bind(ctx, getFieldLog),
    listFieldLogs: bind(ctx, listFieldLogs),
    listPresence: bind(ctx, listPresence),
    getConcernsByLedgerNos: bind(ctx, getConcernsByLedgerNos),
    seedItems: bind(ctx, seedItems),
    listInbox: bind(ctx, listInbox),
    markInboxRead: bind(ctx, markInboxRead),
    countUnread: bind(ctx, countUnread),
    putOutboxOnce: bind(ctx, putOutboxOnce),
    getRotationPlan: bind(ctx, getRotationPlan),
    listRotationPlans: bind(ctx, listRotationPlans),
    putRotationPlan: bind(ctx, putRotationPlan),
    setGroupHolders: bind(ctx, setGroupHolders),
    getPartyMember: bind(ctx, getPartyMember),
    listPartyMembersAt: bind(ctx, listPartyMembersAt),
    putPartyMember: bind(ctx, putPartyMember),
    getServiceDay: bind(ctx, getServiceDay),
    listServiceDaysAt: bind(ctx, listServiceDaysAt),
    listServiceDaysOf: bind(ctx, listServiceDaysOf),
    putServiceDay: bind(ctx, putServiceDay),
    putGridSeed: bind(ctx, putGridSeed),
    putOpen311Key: bind(ctx, putOpen311Key),
    listOpen311Keys: bind(ctx, listOpen311Keys),
    getOpen311KeyByHash: bind(ctx, getOpen311KeyByHash),
    revokeOpen311Key: bind(ctx, revokeOpen311Key),
    listDueSms: bind(ctx, listDueSms),
    claimSms: bind(ctx, claimSms),
    settleSms: bind(ctx, settleSms),
    releaseSms: bind(ctx, releaseSms),
    listStaleSending: bind(ctx, listStaleSending),
    markSmsUnknown: bind(ctx, markSmsUnknown),
    listSmsNeedingAttention: bind(ctx, listSmsNeedingAttention),
    listSmsOfConcern: bind(ctx, listSmsOfConcern),
    listSmsLog: bind(ctx, listSmsLog),
    putOneTimeCode: bind(ctx, putOneTimeCode),
    readOneTimeCode: bind(ctx, readOneTimeCode),
    spendOneTimeCodeTry: bind(ctx, spendOneTimeCodeTry),
    useOneTimeCode: bind(ctx, useOneTimeCode),
    listResidentConcerns: bind(ctx, listResidentConcerns),
    putResidentConcernItems: bind(ctx, putResidentConcernItems),
    putResidentSession: bind(ctx, putResidentSession),
    getResidentSession: bind(ctx, getResidentSession),
    endResidentSession: bind(ctx, endResidentSession),
    putUpload: bind(ctx, putUpload),
    getUpload: bind(ctx, getUpload),
    recordUploadVerdict: bind(ctx, recordUploadVerdict),
    attachUploadedFile: bind(ctx, attachUploadedFile),
    refuseClaimedUpload: bind(ctx, refuseClaimedUpload),
    listUploadsToAttach: bind(ctx, listUploadsToAttach),
    dropExpiredUpload: bind(ctx, dropExpiredUpload),
    // 答复模板 (issue 16).
    listReplyTemplates: bind(ctx, listReplyTemplates),
    getReplyTemplate: bind(ctx, getReplyTemplate),
    putReplyTemplate: bind(ctx, putReplyTemplate),
    // The word index (README, "Word index").
    putConcernTerms: bind(ctx, putConcernTerms),
    getConcernTerms: bind(ctx, getConcernTerms),
    queryTermPostings: bind(ctx, queryTermPostings),
    getTermIndexWatermark: bind(ctx, getTermIndexWatermark),
    saveTermIndexWatermark: bind(ctx, saveTermIndexWatermark),
    // The inspectors' watch lists (README, "Watch lists").
    readWatchList: bind(ctx, readWatchList),
    putWatchItems: bind(ctx, putWatchItems),
    // 季度工作报告's written sections (issue 17).
    getQuarterlyDraft: bind(ctx, getQuarterlyDraft),
    putQuarterlyDraft: bind(ctx, putQuarterlyDraft),
    /** Items to add to a concern change's transaction. */
    items: {
      notice: noticeItem,
      outbox: outboxItem,
      sms: smsItem,
      oneTimeCode: oneTimeCodeItem,
      residentConcern: residentConcernItem,
      periodIndex: periodIndexItem,
      watch: watchItem,
    },
  };
}
export type Store = ReturnType<typeof createStore>;
