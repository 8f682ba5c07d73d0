import type {
  BacklogAgeBucket,
  CounterField,
  LedgerYearFigures,
  Notification,
  QueueItem,
} from "@lianxin/core";
import type { Page, Rate } from "./common.js";

/** One village's, department's or person's figures for the period. */
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

/** Hours to first response or to close (null where no bucket has a count). */
export interface Percentiles {
  medianHours: number | null;
  p90Hours: number | null;
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

/** `GET /api/staff/dashboard`: a scope's figures over a period, and what needs attention. */
export interface Dashboard {
  scope: { kind: "town" | "village" | "department" | "person"; id: string; name: string };
  period: { from: string; to: string };
  /** The counters summed over the period (absent fields are zero). */
  totals: Partial<Record<CounterField, number>>;
  rates: DashboardRates;
  times: { firstResponse: Percentiles | null; close: Percentiles | null };
  trend: TrendPoint[];
  backlog: { total: number; byAge: { bucket: BacklogAgeBucket; count: number }[] };
  overdue: QueueItem[];
  supervised: QueueItem[];
  rankings: { departments: RateRow[]; villages: RateRow[] };
  people: RateRow[];
}

/** What a rate is counted on: `count` of `base` (a rate without a base is null). */
export interface RateBase {
  count: number;
  base: number;
}

/**
 * A public month: its rates with what each is counted on (a month with nothing received can
 * still have responses due from the month before), and its close-outs: closed, and of them
 * the close-out notices published (公示) for that month.
 */
export interface PublicTrendPoint extends TrendPoint {
  closed: number;
  published: number;
  bases: { response: RateBase; resolution: RateBase; satisfaction: RateBase };
}

/** `GET /api/statistics`: the public figures of the last 12 months, and the ledger year's. */
export interface Statistics {
  from: string;
  to: string;
  villages: RateRow[];
  departments: RateRow[];
  trend: PublicTrendPoint[];
  /** 办结 N 件，其中公示 M 件: the period's close-outs and the notices published of them. */
  closeOuts: { closed: number; published: number };
  /**
   * The current ledger year's numbers (台账编号): issued, registered, void (作废) by reason.
   * `issued` can exceed `registered + voided` for a few minutes (numbers being written, or
   * awaiting the escalation job's audit).
   */
  ledger: LedgerYearFigures;
}

/** A notification as its recipient reads it: what happened to which concern, and its data. */
export type InboxItem = Omit<Notification, "recipient"> & { readAt: string | null };

/** `GET /api/staff/inbox`. */
export interface InboxPage extends Page<InboxItem> {
  unread: number;
}

/** 201 from `GET /api/staff/ledger` when the file is too large to hand back directly. */
export interface LedgerLink {
  url: string;
  expiresAt: string;
  rows: number;
}

/** The body of `POST /api/staff/ledger/exports`: the filters of `GET /api/staff/ledger`. */
export interface LedgerExportRequest {
  from: string;
  to: string;
  village?: string;
  department?: string;
  status?: string;
  format?: "xlsx" | "csv";
}

/** Where a background ledger export is. */
export const LEDGER_EXPORT_STATES = ["queued", "running", "done", "failed"] as const;
export type LedgerExportState = (typeof LEDGER_EXPORT_STATES)[number];

/**
 * `GET /api/staff/ledger/exports/:id` (and 202 from the POST, `queued`). Once done: `url`
 * (a pre-signed link, or locally an API path that needs the session), `rows`, `fileName`,
 * `expiresAt`; once failed: `error`.
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

/** `GET /api/staff/calendar`: admin's holiday override and the years still estimated. */
export interface CalendarSettings {
  override: { holidays: Record<string, string>; workdays: Record<string, string> };
  fallbackYears: number[];
}
