// The resident's view of where a concern stands: the steps of the step indicator.
import { CONCERN_STATUSES, type ConcernStatus, type TimelineEntry } from "@lianxin/contract";
import type { MessageKey } from "../i18n/messages";

/** The steps of a concern in the contract's order; a merged one has none. */
const STEPPED = CONCERN_STATUSES.filter((s) => s !== "merged");
/** Deferral (限期办理) is a step only when the concern is deferred. */
const MAIN = STEPPED.filter((s) => s !== "deferred");

export type StepState = "done" | "current" | "todo";
export interface Step {
  status: ConcernStatus;
  state: StepState;
}

const KNOWN = new Set<string>(CONCERN_STATUSES);

export function isKnownStatus(s: string): s is ConcernStatus {
  return KNOWN.has(s);
}

export function statusKey(status: string): MessageKey {
  return isKnownStatus(status) ? (`status.${status}` as MessageKey) : "status.unknown";
}

/**
 * 已登记 → 已分派 → 已签收 → 办理中 → 已答复 → 已销号, with 限期办理 between 办理中 and 已答复
 * when the concern is deferred. A merged concern has no steps (the page says it was merged).
 */
export function steps(status: string): Step[] {
  if (status === "merged" || !isKnownStatus(status)) return [];
  const path = status === "deferred" ? STEPPED : MAIN;
  const at = (path as readonly string[]).indexOf(status);
  return path.map((s, i) => ({
    status: s,
    state: i < at ? "done" : i === at ? "current" : "todo",
  }));
}

const TIMELINE_TYPES = new Set<string>([
  "submitted",
  "routed",
  "triaged",
  "dispatched",
  "accepted",
  "returned",
  "responded",
  "deferred",
  "extended",
  "answered",
  "rated",
  "reopened",
  "supervised",
  "merged",
  "struck_off",
  "message",
  "access_code_reissued",
  "sms_opted_out",
  "notice_published",
  "description_published",
] satisfies TimelineEntry["type"][]);

/** The label of a public timeline event; a neutral "update" for a type this site does not know. */
export function timelineKey(type: string): MessageKey {
  return TIMELINE_TYPES.has(type) ? (`timeline.${type}` as MessageKey) : "timeline.other";
}

/** Newest first, by time; entries with bad dates keep their order at the end. */
export function sortTimeline<E extends Pick<TimelineEntry, "at">>(entries: readonly E[]): E[] {
  const time = (e: E) => {
    const n = Date.parse(e.at);
    return Number.isNaN(n) ? Number.NEGATIVE_INFINITY : n;
  };
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => time(b.e) - time(a.e) || b.i - a.i)
    .map(({ e }) => e);
}
