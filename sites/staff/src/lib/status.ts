// Labels for statuses and timeline events, tolerant of values a newer API may add.
import { CONCERN_STATUSES } from "@lianxin/contract";
import { DEFAULT_LOCALE, type MessageKey, messages } from "../i18n/messages";

export function statusKey(status: string): MessageKey {
  return (CONCERN_STATUSES as readonly string[]).includes(status)
    ? (`status.${status}` as MessageKey)
    : "status.unknown";
}

/**
 * A label's key when the dictionary has one: the events and channels this site words are the
 * ones `messages` lists (core defines the full vocabularies; a value without a label, or one a
 * newer API adds, falls back).
 */
function labelKey(prefix: "ev" | "channel", value: string): MessageKey | null {
  const key = `${prefix}.${value}`;
  return Object.hasOwn(messages[DEFAULT_LOCALE], key) ? (key as MessageKey) : null;
}

export function eventKey(type: string): MessageKey {
  return labelKey("ev", type) ?? "ev.other";
}

/** The channel's label key, or null for a value this site does not know (shown raw). */
export function channelKey(channel: string): MessageKey | null {
  return labelKey("channel", channel);
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
