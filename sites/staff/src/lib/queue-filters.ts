// The queue pages' GET filters (status, overdue only, village, category) and cursor paging:
// read loosely from the address, passed on to `GET /api/staff/queue`. Pure.
import { CONCERN_STATUSES, type ConcernStatus, type QueueScope } from "@lianxin/contract";

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
