// "剩 3小时" / "逾期 2天": how much time a concern has left at its current stage, from the
// API's `deadline.remainingMs`. Pure: the queue, the concern page and the ticking island use it.
import { format } from "@lianxin/site-kit/messages";
import type { Locale, MessageKey } from "../i18n/messages";
import { timeEn, timeZh } from "../i18n/time-messages";

// Only the time words, not the site's whole tables: the ticking island imports this module.
const WORDS = { "zh-CN": timeZh, en: timeEn } as const;
type TimeWord = keyof typeof timeZh;
const word = (locale: Locale, key: TimeWord, vars?: Record<string, string | number>) =>
  format(WORDS[locale][key], vars);

export type TimeTone = "overdue" | "soon" | "ok";
export type TimeUnit = "lessThanMinute" | "minutes" | "hours" | "days";

export interface TimeLeft {
  overdue: boolean;
  /** Whole units (rounded down), ≥ 1 except for lessThanMinute. */
  amount: number;
  unit: TimeUnit;
  tone: TimeTone;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Less than this left is shown as "soon" (amber). */
export const SOON_MS = 24 * HOUR;

export function timeLeft(remainingMs: number): TimeLeft {
  const overdue = remainingMs < 0;
  const abs = Math.abs(remainingMs);
  let unit: TimeUnit;
  let amount: number;
  if (abs < MINUTE) {
    unit = "lessThanMinute";
    amount = 0;
  } else if (abs < HOUR) {
    unit = "minutes";
    amount = Math.floor(abs / MINUTE);
  } else if (abs < 2 * DAY) {
    unit = "hours";
    amount = Math.floor(abs / HOUR);
  } else {
    unit = "days";
    amount = Math.floor(abs / DAY);
  }
  const tone: TimeTone = overdue ? "overdue" : remainingMs < SOON_MS ? "soon" : "ok";
  return { overdue, amount, unit, tone };
}

function amountText(tl: TimeLeft, locale: Locale): string {
  if (tl.unit === "lessThanMinute") return word(locale, "time.lessThanMinute");
  const plural = tl.amount === 1 ? "one" : "other";
  return word(locale, `time.${tl.unit}.${plural}`, { n: tl.amount });
}

/** "3小时", "2天", "3 hours": the amount alone, for "…截止，已超期 5小时". */
export function formatAmount(remainingMs: number | null | undefined, locale: Locale): string {
  if (remainingMs == null || !Number.isFinite(remainingMs)) return "";
  return amountText(timeLeft(remainingMs), locale);
}

const DUE_FORMATS = new Map<Locale, Intl.DateTimeFormat>();

/** "12月8日 17:30" / "8 Dec 17:30": a deadline in the town's time, exact to the minute. */
export function formatDue(iso: string | null | undefined, locale: Locale): string {
  const at = iso ? new Date(iso) : null;
  if (!at || Number.isNaN(at.getTime())) return "";
  let f = DUE_FORMATS.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "zh-CN", {
      month: locale === "en" ? "short" : "long",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone: "Asia/Shanghai",
    });
    DUE_FORMATS.set(locale, f);
  }
  return f.format(at).replace(/\s+/g, " ").replace(",", "");
}

/** "剩 3小时", "逾期 2天", "3 hours left", "2 days overdue"; "" for a missing value. */
export function formatTimeLeft(remainingMs: number | null | undefined, locale: Locale): string {
  if (remainingMs == null || !Number.isFinite(remainingMs)) return "";
  const tl = timeLeft(remainingMs);
  return word(locale, tl.overdue ? "time.overdue" : "time.left", { d: amountText(tl, locale) });
}

/** The stage a deadline belongs to, for "签收 剩 3小时". */
export function stageKey(stage: string): MessageKey {
  switch (stage) {
    case "sign_for":
    case "respond":
    case "answer":
    case "committed":
    case "rating":
      return `stage.${stage}`;
    default:
      return "stage.other";
  }
}
