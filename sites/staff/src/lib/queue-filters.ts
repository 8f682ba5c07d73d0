// The queue pages' GET filters (the API's names, which the leaders' dashboard links to) and
// cursor paging: read loosely from the address (a value the site does not know is dropped,
// the API checks the rest), passed on to `GET /api/staff/queue`. Pure.
import {
  CHANNELS,
  type Channel,
  CONCERN_STATUSES,
  QUEUE_RATING_FILTERS,
  QUEUE_SORTS,
  QUEUE_STAGES,
  QUEUE_STATUS_GROUPS,
  type QueueQuery,
  type QueueRatingFilter,
  type QueueScope,
  type QueueSort,
  type QueueStage,
} from "@lianxin/contract";

export type Flag = "" | "true" | "false";

export interface QueueFilters {
  /** Statuses and the words open / closed; empty: the API's default (open). */
  status: string[];
  stage: QueueStage | "";
  overdue: Flag;
  village: string[];
  group: string;
  category: string;
  department: string;
  /** A staff id, or "none" (unassigned). */
  assignee: string;
  supervised: Flag;
  rating: QueueRatingFilter | "";
  reopened: Flag;
  channel: Channel | "";
  from: string;
  to: string;
  /** "" is the default (time left). */
  sort: QueueSort | "";
  cursor: string;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CURSOR = /^[A-Za-z0-9_\-=.~%+/]{1,1024}$/;
const STATUS_WORDS: readonly string[] = [...CONCERN_STATUSES, ...QUEUE_STATUS_GROUPS];

function one<T extends string>(value: string | null, allowed: readonly T[]): T | "" {
  const v = value?.trim() ?? "";
  return (allowed as readonly string[]).includes(v) ? (v as T) : "";
}

function id(value: string | null): string {
  const v = value?.trim() ?? "";
  return ID.test(v) ? v : "";
}

function flag(value: string | null): Flag {
  if (value === "true" || value === "on" || value === "1") return "true";
  return value === "false" ? "false" : "";
}

/** Repeated (`village=a&village=b`, as a form sends them) or comma-separated (a link). */
function several(params: URLSearchParams, name: string, valid: (v: string) => boolean): string[] {
  const out: string[] = [];
  for (const raw of params.getAll(name))
    for (const v of raw.split(",").map((s) => s.trim()))
      if (v && valid(v) && !out.includes(v)) out.push(v);
  return out;
}

export function readQueueFilters(params: URLSearchParams): QueueFilters {
  const date = (name: string) => {
    const v = params.get(name)?.trim() ?? "";
    return DATE.test(v) ? v : "";
  };
  const cursor = params.get("cursor")?.trim() ?? "";
  return {
    status: several(params, "status", (v) => STATUS_WORDS.includes(v)),
    stage: one(params.get("stage"), QUEUE_STAGES),
    overdue: flag(params.get("overdue")),
    village: several(params, "village", (v) => ID.test(v)).slice(0, 30),
    group: id(params.get("group")),
    category: id(params.get("category")),
    department: id(params.get("department")),
    assignee: id(params.get("assignee")),
    supervised: flag(params.get("supervised")),
    rating: one(params.get("rating"), QUEUE_RATING_FILTERS),
    reopened: flag(params.get("reopened")),
    channel: one(params.get("channel"), CHANNELS),
    from: date("from"),
    to: date("to"),
    sort: one(params.get("sort"), QUEUE_SORTS),
    cursor: CURSOR.test(cursor) ? cursor : "",
  };
}

/** The filters as query parameters (lists comma-separated), unset ones left out. */
function filterParams(f: QueueFilters): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const put = (name: string, value: string | string[]) => {
    const v = Array.isArray(value) ? value.join(",") : value;
    if (v) out.push([name, v]);
  };
  put("status", f.status);
  put("stage", f.stage);
  put("overdue", f.overdue);
  put("village", f.village);
  put("group", f.group);
  put("category", f.category);
  put("department", f.department);
  put("assignee", f.assignee);
  put("supervised", f.supervised);
  put("rating", f.rating);
  put("reopened", f.reopened);
  put("channel", f.channel);
  put("from", f.from);
  put("to", f.to);
  put("sort", f.sort);
  return out;
}

/** The API query for one page of a queue. */
export function queueQuery(scope: QueueScope, f: QueueFilters): QueueQuery {
  const q: QueueQuery = { scope };
  for (const [k, v] of filterParams(f)) q[k as keyof QueueQuery] = v;
  if (f.cursor) q.cursor = f.cursor;
  return q;
}

/** This page's address with the same filters and another cursor ("" = first page). */
export function queueHref(path: string, f: QueueFilters, cursor = ""): string {
  const p = new URLSearchParams(filterParams(f));
  if (cursor) p.set("cursor", cursor);
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

export function hasFilters(f: QueueFilters): boolean {
  return filterParams(f).some(([k]) => k !== "sort");
}

/** How many of the less used filters (in the collapsed part of the form) are set. */
export function moreFiltersSet(f: QueueFilters): number {
  return [
    f.group,
    f.category,
    f.department,
    f.assignee,
    f.supervised,
    f.rating,
    f.reopened,
    f.channel,
    f.from,
    f.to,
  ].filter(Boolean).length;
}

/** The status words with one more (the hidden state a link shows): the default is open. */
export function withStatus(f: QueueFilters, status: string): QueueFilters {
  const current = f.status.length ? f.status : ["open"];
  return { ...f, status: current.includes(status) ? current : [...current, status], cursor: "" };
}
