export { type App, createApp } from "./app.js";
export { type ApiConfig, readConfig } from "./config.js";
export { createDeps, type Deps } from "./deps.js";
export type { FileBody, FileStore } from "./files/file-store.js";
export { LocalFileStore } from "./files/local-file-store.js";
export { apiGatewayPath, type Route, routes } from "./routes.js";
export { runEscalationJob } from "./use-cases/escalation-job.js";
export { ensureStaffAccount } from "./use-cases/staff/accounts.js";
export { runLedgerExportJob } from "./use-cases/staff/ledger-export.js";
