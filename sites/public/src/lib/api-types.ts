// The shapes of the API's JSON (packages/functions/README.md), as the site reads them.
// Types only: safe to import from islands.
import type { ConcernBody } from "@lianxin/site-kit/concern-form";

export type VillageKind = "village" | "community" | "park";

export interface Group {
  id: string;
  name: string;
}

export interface Village {
  id: string;
  name: string;
  kind: VillageKind;
  groups: Group[];
  contactLeader: { name: string; title: string };
}

export type LimitUnit = "hours" | "working_days" | "days";

export interface Limit {
  amount: number;
  unit: LimitUnit;
}

export interface Category {
  code: string;
  name: string;
  description: string;
  limits: { signFor: Limit; respond: Limit; answer: Limit };
}

export interface Directory {
  villages: Village[];
  categories: Category[];
}

export type ConcernStatus =
  | "triage"
  | "assigned"
  | "accepted"
  | "in_progress"
  | "deferred"
  | "answered"
  | "struck_off"
  | "merged";

export interface Routing {
  department: { id: string; name: string } | null;
  contactLeader: { name: string } | null;
}

/** `POST /api/concerns`: the concern fields site-kit reads (shared with the staff site). */
export type SubmissionBody = ConcernBody;

export interface SubmissionReceipt {
  ledgerNo: string;
  accessCode: string;
  status: ConcernStatus;
  routing: Routing;
  dueAt: string | null;
}

export type TimelineType =
  | "submitted"
  | "routed"
  | "triaged"
  | "dispatched"
  | "accepted"
  | "returned"
  | "responded"
  | "deferred"
  | "extended"
  | "answered"
  | "rated"
  | "reopened"
  | "supervised"
  | "merged"
  | "struck_off"
  | "message"
  | "access_code_reissued";

export interface TimelineEntry {
  at: string;
  type: TimelineType | (string & {});
  /** The public text where there is one: public reply, extension's public reason, deferral reason. */
  text?: string;
}

/** 解决到位 / 解释到位 / 帮扶到位. */
export type Outcome = "resolved" | "explained" | "assisted";

/** 满意 / 基本满意 / 不满意. */
export type RatingValue = "satisfied" | "basically_satisfied" | "dissatisfied";

export interface GivenRating {
  rating: RatingValue;
  comment: string | null;
  at: string;
}

export interface ResidentView {
  ledgerNo: string;
  status: ConcernStatus;
  flags: { overdue: boolean; supervised: boolean; reopened: boolean };
  category: { code: string; name: string };
  village: { id: string; name: string };
  group: { id: string; name: string } | null;
  title: string | null;
  description: string;
  createdAt: string;
  dueAt: string | null;
  routing: Routing;
  timeline: TimelineEntry[];
  /** YYYY-MM-DD: the committed completion date of a deferred item. */
  committedDate?: string | null;
  outcome?: Outcome | null;
  publicReply?: string | null;
  answeredAt?: string | null;
  rating?: GivenRating | null;
  /** True while the resident may rate the answer. */
  canRate?: boolean;
  ratingDeadline?: string | null;
}

export interface FeedbackBody {
  rating: RatingValue;
  comment?: string;
}

/** The concern after the rating. */
export interface FeedbackResult {
  status: ConcernStatus;
  flags: { overdue: boolean; supervised: boolean; reopened: boolean };
}

/** A published close-out notice (公示); all text already masked by the API. */
export interface Notice {
  id: string;
  ledgerNo: string;
  category: { code: string; name: string };
  village: { id: string; name: string };
  outcome: Outcome;
  department: { id: string; name: string };
  daysTaken: number;
  publicReply: string;
  summary: string;
  registeredAt: string;
  closedAt: string;
  publishedAt: string;
}

export interface NoticePage {
  items: Notice[];
  nextCursor: string | null;
}

export interface ApiErrorBody {
  code: string;
  message: string;
  fields?: Record<string, string>;
}

/** 0..1, or null where the denominator is zero. */
export type Rate = number | null;

/** One village's or department's figures for the period. */
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

/** `GET /api/statistics`: the last 12 months, from the same counters as the staff dashboard. */
/**
 * `GET /api/statistics/field-work`: the rooting campaign's town totals over the last 12
 * months. Aggregate numbers only: no names.
 */
export interface FieldWorkTotals {
  from: string;
  to: string;
  departments: number;
  leaders: number;
  people: number;
  cadresAndPartyMembers: number;
  villages: number;
  visits: number;
  enterprises: number;
  symposia: number;
  talks: number;
  consulted: number;
  logs: number;
  concernsRaised: number;
  solved: number;
}

export interface Statistics {
  from: string;
  to: string;
  villages: RateRow[];
  departments: RateRow[];
  trend: {
    month: string;
    received: number;
    response: Rate;
    resolution: Rate;
    satisfaction: Rate;
  }[];
}
