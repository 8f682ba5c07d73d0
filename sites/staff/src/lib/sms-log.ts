// The local SMS sink's page (/dev/sms): its entries in order, their words, and each text with
// its link made clickable. Pure.
import type { SmsLogEntry } from "@lianxin/contract";
import { type MessageKey, messages } from "../i18n/messages";

/** Newest first (the API's order already; kept here so the page never depends on it). */
export function newestFirst(items: readonly SmsLogEntry[]): SmsLogEntry[] {
  return [...items].sort((a, b) =>
    a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0,
  );
}

/**
 * The dictionary key of an SMS kind or state (`sms.kind.answered`), or null for a word this
 * site has none for (a newer API): the page then shows the word as it came.
 */
export function smsWordKey(group: "kind" | "state", value: string): MessageKey | null {
  const key = `sms.${group}.${value}`;
  return Object.hasOwn(messages["zh-CN"], key) ? (key as MessageKey) : null;
}

/** An SMS kind or state in words (the page's translator), or as it came when none is known. */
export function smsWord(
  tr: (key: MessageKey) => string,
  group: "kind" | "state",
  value: string,
): string {
  const key = smsWordKey(group, value);
  return key ? tr(key) : value;
}

/**
 * Whom a message went to, as the table shows it: the masked mobile; for an urgent alert the
 * department's head, and the mobile once the sender has found it.
 */
export function smsRecipient(
  tr: (key: "sms.toHead", vars: { department: string }) => string,
  entry: Pick<SmsLogEntry, "to" | "departmentHead">,
): string {
  if (entry.departmentHead === null || entry.departmentHead === undefined) return entry.to;
  const head = tr("sms.toHead", { department: entry.departmentHead });
  return entry.to ? `${head} ${entry.to}` : head;
}

export type TextPart = { text: string } | { href: string };

// The links an SMS carries are the public site's URLs; Chinese punctuation ends one.
const URL_IN_TEXT = /https?:\/\/[A-Za-z0-9._~:/?#@!$&'*+,;=%-]+/g;

/** The text cut into plain parts and links (only http and https). */
export function linkParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const m of text.matchAll(URL_IN_TEXT)) {
    const href = m[0].replace(/[.,;:!?]+$/, "");
    const start = m.index ?? 0;
    if (start > at) parts.push({ text: text.slice(at, start) });
    parts.push({ href });
    at = start + href.length;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}
