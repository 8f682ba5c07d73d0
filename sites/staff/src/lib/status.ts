// Labels for statuses and timeline events, tolerant of values a newer API may add.
import type { MessageKey } from "../i18n/messages";
import { STATUSES } from "./api-types";

export function statusKey(status: string): MessageKey {
  return (STATUSES as readonly string[]).includes(status)
    ? (`status.${status}` as MessageKey)
    : "status.unknown";
}

const EVENTS = new Set([
  "submitted",
  "routed",
  "triaged",
  "message",
  "dispatched",
  "accepted",
  "returned",
  "assigned",
  "responded",
  "noted",
  "deferred",
  "extended",
  "answered",
  "supervised",
  "merged",
  "merged_in",
  "struck_off",
  "redo_ordered",
  "rated",
  "reopened",
  "access_code_reissued",
]);

export function eventKey(type: string): MessageKey {
  return EVENTS.has(type) ? (`ev.${type}` as MessageKey) : "ev.other";
}

const CHANNELS = new Set([
  "online",
  "phone",
  "in_person",
  "visit",
  "symposium",
  "talk",
  "office_hours",
  "open311",
]);

/** The channel's label key, or null for a value this site does not know (shown raw). */
export function channelKey(channel: string): MessageKey | null {
  return CHANNELS.has(channel) ? (`channel.${channel}` as MessageKey) : null;
}

/** Timeline in time order, oldest first (a ledger reads top to bottom); by seq on ties. */
export function sortTimeline<T extends { at: string; seq?: number }>(entries: readonly T[]): T[] {
  const time = (e: T) => {
    const n = Date.parse(e.at);
    return Number.isNaN(n) ? Number.POSITIVE_INFINITY : n;
  };
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => time(a.e) - time(b.e) || (a.e.seq ?? a.i) - (b.e.seq ?? b.i) || a.i - b.i)
    .map(({ e }) => e);
}
