import { readJobConfig } from "./config.js";
import { createDeps, type Deps } from "./deps.js";
import type { ExportWorkerEvent } from "./export/worker-port.js";
import { runLedgerExportJob } from "./use-cases/ledger/ledger-export.js";

/**
 * AWS Lambda entry of the export worker, invoked asynchronously by the API for each
 * background ledger export (`POST /api/staff/ledger/exports`). Like the job, it signs no
 * sessions and binds no secret.
 */
let deps: Deps | undefined;

export async function handler(event: ExportWorkerEvent): Promise<void> {
  deps ??= createDeps(readJobConfig());
  await runLedgerExportJob(deps, event.jobId);
}
