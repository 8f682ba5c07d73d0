import type { StaffUser } from "../staff/schema.js";

/**
 * A ledger export made in the background (后台生成台账): too large to build within an API
 * request, so the API records the request and a worker builds the file. Whom it may show is
 * decided when it is asked for (the requester's role and scope then), so the worker applies
 * the user as they were; only the requester (or admin) may fetch the result.
 */
export type ExportJobState = "queued" | "running" | "done" | "failed";

export interface LedgerExportJob {
  id: string;
  state: ExportJobState;
  /** The requester as they were when they asked: the worker exports what they could see. */
  requestedBy: StaffUser;
  /** The validated filters (from, to, village, department, status, format). */
  params: Record<string, string>;
  locale: "zh-CN" | "en";
  createdAt: string;
  updatedAt: string;
  /** While running: the rows written so far (long work shows its progress). */
  progressRows?: number;
  /** When done: where the file is, its name for the browser, its rows. */
  file?: { key: string; fileName: string; contentType: string; rows: number };
  /** When failed: what went wrong, in words for staff. */
  error?: string;
}

/** How long a job (and its file, which the bucket expires after 2 days) is kept. */
export const EXPORT_JOB_DAYS = 2;

/** Who may see a job: its requester, and admin. */
export function mayReadExportJob(user: StaffUser, job: LedgerExportJob): boolean {
  return user.role === "admin" || user.id === job.requestedBy.id;
}
