export { type App, createApp } from "./app.js";
export { type ApiConfig, readConfig } from "./config.js";
export { createDeps, type Deps } from "./deps.js";
export { withInProcessExports } from "./export/in-process-worker.js";
export type {
  FileBody,
  FileDisposition,
  FileStore,
  PresignedUpload,
  UploadPolicy,
} from "./files/file-store.js";
export {
  LocalFileStore,
  type UploadListener,
  type UploadOutcome,
} from "./files/local-file-store.js";
export { withInProcessSms } from "./notifications/in-process-sender.js";
export { localSmsSink } from "./notifications/local-sms-sink.js";
export type { SmsProvider, SmsRequest, SmsResult } from "./notifications/sms-provider.js";
export { API_FUNCTION_TIMEOUT_SECONDS, REQUEST_DEADLINE_MS } from "./request-deadline.js";
export { apiGatewayPath, type Route, routes } from "./routes.js";
export { ensureStaffAccount } from "./use-cases/accounts/accounts.js";
/** The inspectors' watch lists (issue 17): the kept lists' backfill, the job's repeat check. */
export { watchRepeatResidents } from "./use-cases/inspection/repeat-residents.js";
export { backfillWatchLists } from "./use-cases/inspection/watch-backfill.js";
export { runLedgerExportJob } from "./use-cases/ledger/ledger-export.js";
export { auditLedgerNumbers } from "./use-cases/ledger/number-audit.js";
export {
  runSmsSender,
  type SenderSummary,
  type SmsSenderSettings,
  smsLink,
} from "./use-cases/messaging/sms-sender.js";
export { runEscalationJob } from "./use-cases/monitoring/escalation-job.js";
/** 热点: the rebuild of sealed months' category fields and period index (issue 17). */
export {
  type RebuildSummary,
  rebuildSealedMonths,
  SEALED_MONTHS_REBUILD_VERSION,
} from "./use-cases/monitoring/rebuild-sealed-months.js";
/** The word index (issue 16): the job's indexer, and a concern's terms on the spot. */
export { maskedConcernTerms } from "./use-cases/search/concern-terms.js";
export {
  runTermIndexer,
  TERM_INDEX_OVERLAP_MS,
  type TermIndexSummary,
} from "./use-cases/search/term-indexer.js";
