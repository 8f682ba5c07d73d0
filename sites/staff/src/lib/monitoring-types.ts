// The shapes of the monitoring API's JSON (packages/functions/README.md, "Monitoring"):
// the dashboard, the inbox and the ledger export's link. Types only: safe for islands.
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
