// A deferred item's committed completion date (YYYY-MM-DD, a calendar day in Asia/Shanghai)
// as a countdown: "承诺于 2026年12月20日前办结，还剩 12 天", or overdue once the day has passed.
import { type Locale, t } from "../i18n/messages";
import { TIME_ZONE } from "./format";

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a valid YYYY-MM-DD, else null (rejects 2026-02-30). */
function dayNumber(ymd: string): number | null {
  const m = YMD.exec(ymd);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return null;
  return ms / 86_400_000;
}

const todayFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** Today's date in Beijing time, YYYY-MM-DD. */
export function shanghaiToday(now: Date): string {
  const parts = Object.fromEntries(todayFormat.formatToParts(now).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

export type Countdown =
  | { state: "remaining"; days: number }
  | { state: "today"; days: 0 }
  | { state: "overdue"; days: number };

/** How the committed day stands against today (Beijing time); null for a malformed date. */
export function countdown(committedDate: string, now: Date = new Date()): Countdown | null {
  const due = dayNumber(committedDate.trim());
  const today = dayNumber(shanghaiToday(now));
  if (due === null || today === null) return null;
  const diff = due - today;
  if (diff > 0) return { state: "remaining", days: diff };
  if (diff === 0) return { state: "today", days: 0 };
  return { state: "overdue", days: -diff };
}

const dayFormats = new Map<Locale, Intl.DateTimeFormat>();

/** "2026年12月20日" / "20 December 2026" for a YYYY-MM-DD calendar day; "" if malformed. */
export function formatCalendarDay(ymd: string, locale: Locale): string {
  const n = dayNumber(ymd.trim());
  if (n === null) return "";
  let f = dayFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "zh-CN", {
      timeZone: "UTC",
      year: "numeric",
      month: "long",
      day: "numeric",
    });
    dayFormats.set(locale, f);
  }
  return f.format(new Date(n * 86_400_000));
}

/** The countdown sentence, or null when the date is malformed. */
export function countdownText(
  committedDate: string,
  locale: Locale,
  now: Date = new Date(),
): string | null {
  const c = countdown(committedDate, now);
  if (!c) return null;
  const date = formatCalendarDay(committedDate, locale);
  const plural = c.days === 1 ? "one" : "other";
  switch (c.state) {
    case "remaining":
      return t(locale, `deferral.remaining.${plural}`, { date, n: c.days });
    case "today":
      return t(locale, "deferral.today", { date });
    case "overdue":
      return t(locale, `deferral.overdue.${plural}`, { date, n: c.days });
  }
}
