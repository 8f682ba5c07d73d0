// The shapes of the monitoring API's JSON (packages/functions/README.md, "Monitoring"):
// the dashboard, the inbox, the ledger export's link and its background exports. Types only:
// safe for islands.
import type { QueueItem } from "./api-types";

/** 0..1, or null where the denominator is zero. */
export type Rate = number | null;

export interface RateRow {
  id: string;
  name: string;
  received: number;
  answered: number;
  overdue: number;
  response: Rate;
  resolution: Rate;
  satisfaction: Rate;
  onTimeClosure: Rate;
}

export type ScopeKind = "town" | "village" | "department" | "person";

export const BACKLOG_BUCKETS = ["lt1d", "1to3d", "3to7d", "7to15d", "gt15d"] as const;
export type BacklogBucket = (typeof BACKLOG_BUCKETS)[number];

export interface Percentiles {
  medianHours: number;
  p90Hours: number;
}

export interface DashboardTotals {
  received: number;
  dueForResponse: number;
  respondedInTime: number;
  answered: number;
  closed: number;
  closedResolved: number;
  closedExplained: number;
  closedAssisted: number;
  closedOnTime: number;
  ratedSatisfied: number;
  ratedBasically: number;
  ratedDissatisfied: number;
  returned: number;
  reopened: number;
  overdue: number;
}

export interface DashboardRates {
  response: Rate;
  resolution: Rate;
  satisfaction: Rate;
  onTimeClosure: Rate;
  returnRate: Rate;
  redoRate: Rate;
}

export interface TrendPoint {
  month: string;
  received: number;
  answered: number;
  response: Rate;
  resolution: Rate;
  satisfaction: Rate;
}

export interface Dashboard {
  scope: { kind: ScopeKind; id: string | null; name: string };
  period: { from: string; to: string };
  totals: DashboardTotals;
  rates: DashboardRates;
  times: { firstResponse: Percentiles | null; close: Percentiles | null };
  trend: TrendPoint[];
  backlog: { total: number; byAge: { bucket: BacklogBucket; count: number }[] };
  overdue: QueueItem[];
  supervised: QueueItem[];
  rankings: { departments: RateRow[]; villages: RateRow[] };
  people: RateRow[];
}

export const INBOX_KINDS = [
  "reminder",
  "overdue",
  "escalated",
  "struck_off_no_rating",
  "verification_needed",
] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

export interface InboxItem {
  id: string;
  at: string;
  kind: InboxKind | (string & {});
  ledgerNo: string | null;
  text: string;
  readAt: string | null;
}

export interface InboxPage {
  items: InboxItem[];
  unread: number;
  nextCursor: string | null;
}

/** 201 from the ledger export when the file is too large to hand back directly. */
export interface LedgerLink {
  url: string;
  expiresAt: string;
  rows: number;
}

/** Where a background ledger export is (`GET /api/staff/ledger/exports/{id}`). */
export const LEDGER_EXPORT_STATES = ["queued", "running", "done", "failed"] as const;
export type LedgerExportState = (typeof LEDGER_EXPORT_STATES)[number];

/** The body of `POST /api/staff/ledger/exports`: the filters of `GET /api/staff/ledger`. */
export interface LedgerExportRequest {
  from: string;
  to: string;
  village?: string;
  department?: string;
  status?: string;
  format?: "xlsx" | "csv";
}

/** 202 from `POST /api/staff/ledger/exports`: the worker will build the file. */
export interface LedgerExportStarted {
  id: string;
  state: "queued";
}

/**
 * 200 from `GET /api/staff/ledger/exports/{id}`. `url` (with `rows`, `fileName`, `expiresAt`)
 * once done: a pre-signed https link, or locally an API path like `/api/staff/exports/<name>?…`
 * that needs the bearer token; `error` once failed.
 */
export interface LedgerExportStatus {
  id: string;
  state: LedgerExportState;
  rows?: number;
  fileName?: string;
  url?: string;
  expiresAt?: string;
  error?: string;
}
