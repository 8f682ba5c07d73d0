// Labels for statuses and timeline events, tolerant of values a newer API may add.
import { ACCESS_LOG_PURPOSES, CONCERN_STATUSES, SYSTEM_EVENT_REASONS } from "@lianxin/contract";
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

/**
 * An event's reason in words: a system reason (core SYSTEM_EVENT_REASONS) translated; anything
 * else is a person's free text, shown as written.
 */
export function reasonText(reason: string, tr: (key: MessageKey) => string): string {
  return (SYSTEM_EVENT_REASONS as readonly string[]).includes(reason)
    ? tr(`evReason.${reason}` as MessageKey)
    : reason;
}

/** Why an access was logged, in words; an unknown purpose falls back with its code. */
export function purposeText(
  purpose: string,
  tr: (key: MessageKey, vars?: Record<string, string>) => string,
): string {
  return (ACCESS_LOG_PURPOSES as readonly string[]).includes(purpose)
    ? tr(`log.purpose.${purpose}` as MessageKey)
    : tr("log.purpose.other", { code: purpose });
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
