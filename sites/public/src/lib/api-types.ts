// The shapes of the API's JSON (packages/functions/README.md), as the site reads them.
// Types only: safe to import from islands.

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

export interface SubmissionBody {
  villageId: string;
  groupId?: string;
  categoryCode: string;
  title?: string;
  description: string;
  address?: string;
  contactName?: string;
  contactPhone?: string;
  anonymous: boolean;
}

export interface SubmissionReceipt {
  ledgerNo: string;
  accessCode: string;
  status: ConcernStatus;
  routing: Routing;
  dueAt: string | null;
}

export interface TimelineEntry {
  at: string;
  type: "submitted" | "routed" | "triaged" | "message" | (string & {});
  text?: string;
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
}

export interface ApiErrorBody {
  code: string;
  message: string;
  fields?: Record<string, string>;
}
