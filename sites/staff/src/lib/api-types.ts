// The shapes of the staff API's JSON (packages/functions/README.md, "Staff API"), as the site
// reads them. Types only: safe to import from islands.
import type { ConcernBody } from "@lianxin/site-kit/concern-form";

export type Role = "admin" | "leader" | "dept_head" | "cadre" | "inspector";
export const ROLES: readonly Role[] = ["admin", "leader", "dept_head", "cadre", "inspector"];

export interface StaffUser {
  id: string;
  username: string;
  name: string;
  role: Role;
  departmentId: string | null;
  villageIds: string[];
}

export interface SessionResponse {
  token: string;
  expiresAt: string;
  user: StaffUser;
  mustChangePassword: boolean;
}

export interface MeResponse {
  user: StaffUser;
  mustChangePassword: boolean;
}

export interface Ref {
  id: string;
  name: string;
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

export const STATUSES: readonly ConcernStatus[] = [
  "triage",
  "assigned",
  "accepted",
  "in_progress",
  "deferred",
  "answered",
  "struck_off",
  "merged",
];

export interface Flags {
  overdue: boolean;
  supervised: boolean;
  reopened: boolean;
}

export type DeadlineStage = "sign_for" | "respond" | "answer" | "committed" | "rating";

export interface Deadline {
  stage: DeadlineStage | (string & {});
  dueAt: string;
  /** Negative when overdue. */
  remainingMs: number;
}

export interface QueueItem {
  ledgerNo: string;
  status: ConcernStatus;
  flags: Flags;
  title: string | null;
  summary: string;
  category: { code: string; name: string };
  village: Ref;
  department: Ref | null;
  assignee: Ref | null;
  createdAt: string;
  deadline: Deadline | null;
}

export type QueueScope = "mine" | "triage" | "all";

export interface QueueResponse {
  items: QueueItem[];
  counts: { total: number; overdue: number; byStatus: Partial<Record<string, number>> };
  nextCursor: string | null;
}

export type ActionType =
  | "accept"
  | "return"
  | "dispatch"
  | "assign"
  | "respond"
  | "note"
  | "defer"
  | "extend"
  | "answer"
  | "supervise"
  | "merge"
  | "strike_off"
  | "redo";

export type Outcome = "resolved" | "explained" | "assisted";

export interface StaffTimelineEntry {
  seq: number;
  at: string;
  type: string;
  actor: { kind: string; id: string | null; name: string | null } | null;
  reason: string | null;
  text: string | null;
  public: boolean;
  data?: Record<string, unknown>;
}

export interface StaffConcernView {
  ledgerNo: string;
  version: number;
  status: ConcernStatus;
  flags: Flags;
  channel: string;
  category: { code: string; name: string };
  village: Ref;
  group: Ref | null;
  title: string | null;
  description: string;
  createdAt: string;
  dueAt?: string | null;
  anonymous: boolean;
  contact: {
    name: string | null;
    phone: string | null;
    address: string | null;
    masked: boolean;
  } | null;
  /** WGS84, from another system (Open311); exact, or rounded to ~100 m when `rounded`. */
  location?: { lat: number; long: number; rounded: boolean } | null;
  /** An http(s) link to a photo or video, from another system (Open311 media_url). */
  mediaUrl?: string | null;
  routing: {
    department: Ref | null;
    contactLeader: { id?: string; name: string; title?: string } | null;
    groupHolder?: { id?: string; name: string } | null;
    reasons?: string[];
  };
  assignee: Ref | null;
  deadlines: {
    signForBy?: string | null;
    respondBy?: string | null;
    answerBy?: string | null;
    committedDate?: string | null;
  };
  deadline: Deadline | null;
  /** Set while a deadline was estimated (a year without the official holiday arrangement). */
  calendarWarning?: string | null;
  extensionUsed: boolean;
  /** Dissatisfied again after a redo: the contact leader verifies (strike off or redo). */
  awaitingVerification?: boolean;
  /** May this user issue the resident a new access code? */
  mayReissueAccessCode?: boolean;
  visibility?: string;
  committedDate?: string | null;
  outcome?: Outcome | null;
  /** The answer's internal handling notes. */
  evidence?: string | null;
  publicReply?: string | null;
  answeredAt?: string | null;
  rating?: { rating: string; comment: string | null; at: string } | null;
  timeline: StaffTimelineEntry[];
  allowedActions: ActionType[];
  mergedInto?: string | null;
  mergedFrom?: string[];
}

export interface DepartmentStaff {
  id: string;
  name: string;
  role: Role | (string & {});
}

export type Channel = "phone" | "in_person" | "visit" | "symposium" | "talk" | "office_hours";
export const CHANNELS: readonly Channel[] = [
  "phone",
  "in_person",
  "visit",
  "symposium",
  "talk",
  "office_hours",
];

/** `POST /api/staff/concerns`: the residents' concern fields (site-kit) and the channel. */
export interface SubmissionBody extends ConcernBody {
  channel: Channel;
}

export interface SubmissionReceipt {
  ledgerNo: string;
  accessCode: string;
  status: ConcernStatus;
  routing: { department: Ref | null; contactLeader: { name: string } | null };
  dueAt: string | null;
}

export type LimitUnit = "hours" | "working_days" | "days";
export interface TimeLimit {
  amount: number;
  unit: LimitUnit;
}
/** A category's limits: sign for (签收), first response (首次回应), answer (答复). */
export interface CategoryLimits {
  signFor: TimeLimit;
  respond: TimeLimit;
  answer: TimeLimit;
}

export interface Directory {
  villages: { id: string; name: string; kind: string; groups: Ref[] }[];
  categories: { code: string; name: string; description: string; limits?: CategoryLimits }[];
}

/** `GET /api/staff/calendar`: admin's override and the years still estimated. */
export interface CalendarSettings {
  override: { holidays: Record<string, string>; workdays: Record<string, string> };
  fallbackYears: number[];
}

export interface StaffNotice {
  id: string;
  ledgerNo: string;
  category: { code: string; name: string };
  village: Ref;
  outcome: Outcome | (string & {});
  department: Ref | null;
  daysTaken: number;
  publicReply: string;
  summary: string;
  registeredAt: string;
  closedAt: string;
  publishedAt: string | null;
  state: "draft" | "published";
  approvedBy: Ref | null;
  maskedTerms: number;
}

/** One showing of personal data (the store's access log entry). */
export interface AccessLogEntry {
  at: string;
  ledgerNo: string;
  staffId?: string;
  staffName?: string;
  role?: string;
  /** Why it was shown, e.g. "view_concern". */
  purpose?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ApiErrorBody {
  code: string;
  message: string;
  fields?: Record<string, string>;
  currentState?: string;
  currentVersion?: number;
}
