import type {
  AssessmentMeasure,
  BacklogAgeBucket,
  CounterField,
  FigureChange,
  FigureLink,
  LedgerYearFigures,
  MonthPeriod,
  Notification,
  PeriodFact,
  PresentFigure,
  QueueItem,
  RankedUnit,
  RankingRules,
  ScoredUnit,
  UnitTimes,
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

/** A dashboard's scope: `value` as the address writes it (`villages:a,b`), `name` in words. */
export interface DashboardScopeView {
  kind: "town" | "village" | "villages" | "department" | "person";
  /** The unit's id; for several villages their ids joined by commas; "town" for the town. */
  id: string;
  value: string;
  name: string;
}

export type DashboardRateKey = keyof DashboardRates;

/** A rate of the overview with what it is made of and its 环比 / 同比 (percentage points). */
export interface DashboardRateFigure {
  key: DashboardRateKey;
  value: Rate;
  numerator: number;
  denominator: number;
  previous: FigureChange;
  yearAgo: FigureChange;
}

export type DashboardCountKey =
  | "received"
  | PresentFigure
  | Exclude<PeriodFact, "ratedDissatisfied">
  | "dissatisfied";

/**
 * A count of the overview and where it leads: `present` figures (now) to the staff queue with
 * its filters, `period` ones (with 环比 / 同比 as count changes) to the list of their events.
 */
export interface DashboardCountFigure {
  key: DashboardCountKey;
  when: "present" | "period";
  value: number;
  previous: FigureChange | null;
  yearAgo: FigureChange | null;
  link: FigureLink;
}

/** `GET /api/staff/dashboard`: a scope's figures over a period, and what needs attention. */
export interface Dashboard {
  scope: DashboardScopeView;
  period: { from: string; to: string };
  /** The counters summed over the period (absent fields are zero). */
  totals: Partial<Record<CounterField, number>>;
  rates: DashboardRates;
  times: { firstResponse: Percentiles | null; close: Percentiles | null };
  trend: TrendPoint[];
  backlog: { total: number; byAge: { bucket: BacklogAgeBucket; count: number }[] };
  overdue: QueueItem[];
  supervised: QueueItem[];
  /** The periods compared with: 环比 (the one before) and 同比 (a year earlier). */
  comparison: { previous: MonthPeriod; yearAgo: MonthPeriod };
  overview: { rates: DashboardRateFigure[]; counts: DashboardCountFigure[] };
  people: RateRow[];
}

/** One counted event behind a period figure: the concern and when the event happened. */
export type DashboardEvent = QueueItem & { eventAt: string };

/**
 * `GET /api/staff/dashboard/events`: the concerns behind a period figure (closed, rated
 * dissatisfied, returned, reopened) in a scope and period, one row per counted event, read
 * from the period index. A person's scope has none (`available: false`): the index is kept
 * per village and department.
 */
export interface DashboardEvents {
  scope: DashboardScopeView;
  fact: PeriodFact;
  period: MonthPeriod;
  available: boolean;
  items: DashboardEvent[];
  /** Events on this page left out: conduct complaints, for those who do not read everything. */
  hidden: number;
  nextCursor: string | null;
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

/** 热点: one category's figures in a hot-topics answer. */
export interface HotTopicCategory {
  code: string;
  name: string;
  received: number;
  /** Received in the previous period of the same length. */
  previous: number;
  closed: number;
  /** (received − previous) / previous; null when previous is 0 or not comparable. */
  change: number | null;
  /** Enough concerns (≥ `minCount`) and a comparable previous period to be the headline. */
  eligible: boolean;
}

/** Whether a month's counters hold categories (core `categoryCoverage`). */
export type HotTopicsCoverage = "full" | "partial" | "none" | "empty";

/** `GET /api/staff/dashboard/hot-topics`. */
export interface HotTopics {
  scope: {
    kind: "town" | "village" | "department" | "villages";
    id: string;
    name: string;
    /** What the table's rows are. */
    unitKind: "village" | "department";
  };
  period: { from: string; to: string };
  previous: { from: string; to: string };
  minCount: number;
  /** What to say about months without category figures (zh-CN or en, as asked). */
  notes: string[];
  headline: {
    kind: "rise" | "no_rise" | "not_comparable" | "no_category_data" | "empty";
    text: string;
    category: { code: string; name: string } | null;
    village: { id: string; name: string; count: number } | null;
    change: number | null;
  };
  byVolume: HotTopicCategory[];
  byGrowth: HotTopicCategory[];
  table: {
    categories: Array<{ code: string; name: string }>;
    rows: Array<{
      village: { id: string; name: string };
      total: number;
      cells: Array<{ code: string; count: number; share: number; busiest: boolean }>;
    }>;
  };
  coverage: {
    months: Array<{ month: string; coverage: HotTopicsCoverage }>;
    previousMonths: Array<{ month: string; coverage: HotTopicsCoverage }>;
    comparable: boolean;
    /** The first month of the two periods with category figures. */
    categoryDataFrom: string | null;
  };
}

export type { RankedUnit, ScoredUnit, UnitTimes };

/** One kind of unit's 红黑榜 (core `rankUnits`): ranked best first, the two lists, the rest. */
export interface UnitRankingView {
  ranked: RankedUnit[];
  red: RankedUnit[];
  black: RankedUnit[];
  /** 件数不足，不参加排名: fewer concerns received than `rules.minReceived`. */
  insufficient: ScoredUnit[];
  /** Units with nothing received and nothing overdue now (not listed). */
  idle: number;
}

/** `GET /api/staff/dashboard/rankings`: 红黑榜 on the composite score, and the slowest units. */
export interface Rankings {
  period: { from: string; to: string };
  currentMonth: string;
  rules: RankingRules & { weights: Record<AssessmentMeasure, number> };
  departments: UnitRankingView;
  villages: UnitRankingView;
  slowest: { departments: UnitTimes[]; villages: UnitTimes[] };
}
