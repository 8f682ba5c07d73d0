// The queue pages' GET filters (status, overdue only, village, category) and cursor paging:
// read loosely from the address, passed on to `GET /api/staff/queue`. Pure.
import {
  CONCERN_STATUSES,
  type ConcernStatus,
  type QueueScope,
  type Role,
} from "@lianxin/contract";

export interface QueueFilters {
  status: ConcernStatus | "";
  overdue: boolean;
  village: string;
  category: string;
  cursor: string;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const CURSOR = /^[A-Za-z0-9_\-=.~%+/]{1,1024}$/;

function id(value: string | null): string {
  const v = value?.trim() ?? "";
  return ID.test(v) ? v : "";
}

export function readQueueFilters(params: URLSearchParams): QueueFilters {
  const status = params.get("status")?.trim() ?? "";
  const overdue = params.get("overdue");
  const cursor = params.get("cursor")?.trim() ?? "";
  return {
    status: (CONCERN_STATUSES as readonly string[]).includes(status)
      ? (status as ConcernStatus)
      : "",
    overdue: overdue === "true" || overdue === "on" || overdue === "1",
    village: id(params.get("village")),
    category: id(params.get("category")),
    cursor: CURSOR.test(cursor) ? cursor : "",
  };
}

/** The API query for one page of a queue. */
export function queueQuery(scope: QueueScope, f: QueueFilters): Record<string, string | undefined> {
  return {
    scope,
    status: f.status || undefined,
    overdue: f.overdue ? "true" : undefined,
    village: f.village || undefined,
    category: f.category || undefined,
    cursor: f.cursor || undefined,
  };
}

/** This page's address with the same filters and another cursor ("" = first page). */
export function queueHref(path: string, f: QueueFilters, cursor = ""): string {
  const p = new URLSearchParams();
  if (f.status) p.set("status", f.status);
  if (f.overdue) p.set("overdue", "true");
  if (f.village) p.set("village", f.village);
  if (f.category) p.set("category", f.category);
  if (cursor) p.set("cursor", cursor);
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

export function hasFilters(f: QueueFilters): boolean {
  return Boolean(f.status || f.overdue || f.village || f.category);
}

export interface NavItem {
  href: string;
  label:
    | "nav.mine"
    | "nav.triage"
    | "nav.all"
    | "nav.notices"
    | "nav.accessLog"
    | "nav.calendar"
    | "nav.categories"
    | "nav.passwordReset"
    | "nav.register"
    | "nav.dashboard"
    | "nav.inbox"
    | "nav.ledger"
    | "nav.directory"
    | "nav.fieldLogs"
    | "nav.compliance"
    | "nav.quarterly"
    | "nav.annual"
    | "nav.rotation"
    | "nav.serviceDays"
    | "nav.partyMembers"
    | "nav.open311Keys";
}

/** The header links a role sees. The API still decides what each page may show. */
export function navFor(role: Role | null | undefined): NavItem[] {
  const items: NavItem[] = [{ href: "/", label: "nav.mine" }];
  if (role === "admin") {
    items.push(
      { href: "/triage", label: "nav.triage" },
      { href: "/all", label: "nav.all" },
      { href: "/notices", label: "nav.notices" },
      { href: "/access-log", label: "nav.accessLog" },
      { href: "/calendar", label: "nav.calendar" },
      { href: "/categories", label: "nav.categories" },
      { href: "/directory", label: "nav.directory" },
      { href: "/password-reset", label: "nav.passwordReset" },
      { href: "/open311-keys", label: "nav.open311Keys" },
    );
  } else if (role === "inspector") {
    items.push(
      { href: "/all", label: "nav.all" },
      { href: "/access-log", label: "nav.accessLog" },
      { href: "/calendar", label: "nav.calendar" },
      { href: "/directory", label: "nav.directory" },
    );
  }
  // Every role registers what residents bring them (as the API allows): the discipline
  // commission too, which receives complaints about cadres' conduct in person.
  if (role) items.push({ href: "/concerns/new", label: "nav.register" });
  // Monitoring, for every signed-in role (the API scopes the figures to the role).
  if (role) {
    items.push(
      { href: "/dashboard", label: "nav.dashboard" },
      { href: "/inbox", label: "nav.inbox" },
      { href: "/ledger", label: "nav.ledger" },
    );
  }
  // The grid: rotation for everyone; service days for their hosts; party members for admin.
  if (role) items.push({ href: "/rotation", label: "nav.rotation" });
  if (role === "admin" || role === "leader" || role === "dept_head") {
    items.push({ href: "/service-days", label: "nav.serviceDays" });
  }
  if (role === "admin" || role === "inspector") {
    items.push({ href: "/party-members", label: "nav.partyMembers" });
  }
  // Field work: everyone logs visits and has a quarterly report; compliance and the annual
  // assessment for those the API shows them to.
  if (role) items.push({ href: "/field-logs", label: "nav.fieldLogs" });
  if (role && role !== "cadre") items.push({ href: "/compliance", label: "nav.compliance" });
  if (role) items.push({ href: "/reports/quarterly", label: "nav.quarterly" });
  if (role === "admin" || role === "inspector" || role === "leader") {
    items.push({ href: "/reports/annual", label: "nav.annual" });
  }
  return items;
}
