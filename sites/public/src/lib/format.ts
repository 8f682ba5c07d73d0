// Formatting for display: dates in Asia/Shanghai, time limits and waits in words.

import type { DirectoryCategory as Category, TimeLimit as Limit } from "@lianxin/contract";
import { type Locale, type MessageKey, t } from "../i18n/messages";

export const TIME_ZONE = "Asia/Shanghai";

const dateTimeFormats = new Map<Locale, Intl.DateTimeFormat>();
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();
const timeFormats = new Map<Locale, Intl.DateTimeFormat>();

function intlLocale(locale: Locale): string {
  // en-GB: day month year and a 24-hour clock, as the town writes times.
  return locale === "en" ? "en-GB" : "zh-CN";
}

function cached(
  map: Map<Locale, Intl.DateTimeFormat>,
  locale: Locale,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  let f = map.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(locale), { ...options, timeZone: TIME_ZONE });
    map.set(locale, f);
  }
  return f;
}

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "2026年12月8日 09:00" / "8 Dec 2026, 09:00" (Beijing time); "" for a missing or bad date. */
export function formatDateTime(iso: string | null | undefined, locale: Locale): string {
  const d = parse(iso);
  if (!d) return "";
  return cached(dateTimeFormats, locale, {
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  })
    .format(d)
    .replace(/\s+/g, " ");
}

/** "2026年12月8日" / "8 December 2026" (Beijing time). */
export function formatDate(iso: string | null | undefined, locale: Locale): string {
  const d = parse(iso);
  if (!d) return "";
  return cached(dateFormats, locale, { year: "numeric", month: "long", day: "numeric" }).format(d);
}

/** "09:05" (Beijing time, 24-hour clock); "" for a missing or bad date. */
export function formatTime(iso: string | null | undefined, locale: Locale): string {
  const d = parse(iso);
  if (!d) return "";
  return cached(timeFormats, locale, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
    .format(d)
    .replace(/\s+/g, " ");
}

/** A machine-readable `datetime` attribute value (the ISO string, if it parses). */
export function isoOrEmpty(iso: string | null | undefined): string {
  const d = parse(iso);
  return d ? d.toISOString() : "";
}

export function formatLimit(limit: Limit, locale: Locale): string {
  const plural = limit.amount === 1 ? "one" : "other";
  const key = `limit.${limit.unit}.${plural}` as MessageKey;
  return t(locale, key, { n: limit.amount });
}

/** "1个工作日内签收 · 7天内答复 · 1个工作日内首次回应" */
export function formatCategoryLimits(category: Pick<Category, "limits">, locale: Locale): string {
  const { signFor, respond, answer } = category.limits;
  const parts: string[] = [];
  if (signFor) parts.push(t(locale, "limit.signFor", { d: formatLimit(signFor, locale) }));
  if (answer) parts.push(t(locale, "limit.answer", { d: formatLimit(answer, locale) }));
  if (respond) parts.push(t(locale, "limit.respond", { d: formatLimit(respond, locale) }));
  return parts.join(t(locale, "limit.separator"));
}

/** Retry-After seconds in words: "30秒", "2分钟"; null when unknown. */
export function formatWait(seconds: number | null | undefined, locale: Locale): string | null {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return null;
  const s = Math.ceil(seconds);
  if (s < 90) return t(locale, "time.seconds", { n: Math.max(s, 1) });
  return t(locale, "time.minutes", { n: Math.ceil(s / 60) });
}

/** The text for a 429: with the wait when the API gave one. */
export function rateLimitMessage(retryAfter: number | null | undefined, locale: Locale): string {
  const wait = formatWait(retryAfter, locale);
  return wait
    ? t(locale, "common.rateLimited", { time: wait })
    : t(locale, "common.rateLimitedNoTime");
}
