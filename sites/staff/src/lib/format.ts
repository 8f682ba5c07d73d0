// Dates for display in Asia/Shanghai (the town's time); the API speaks UTC.
import type { Locale } from "../i18n/messages";

export const TIME_ZONE = "Asia/Shanghai";

const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(
  locale: Locale,
  kind: "dateTime" | "date" | "monthDay" | "short" | "weekday",
): Intl.DateTimeFormat {
  const key = `${locale}:${kind}`;
  let f = formats.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === "weekday"
        ? { weekday: "long" }
        : kind === "date"
          ? { year: "numeric", month: "long", day: "numeric" }
          : kind === "monthDay"
            ? { month: "long", day: "numeric" }
            : kind === "short"
              ? {
                  month: "numeric",
                  day: "numeric",
                  hour: "2-digit",
                  minute: "2-digit",
                  hourCycle: "h23",
                }
              : {
                  year: "numeric",
                  month: "long",
                  day: "numeric",
                  hour: "2-digit",
                  minute: "2-digit",
                  hourCycle: "h23",
                };
    // en-GB: day month year and a 24-hour clock, as the town writes times.
    f = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "zh-CN", {
      ...options,
      timeZone: TIME_ZONE,
    });
    formats.set(key, f);
  }
  return f;
}

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "2026年12月8日 09:00" / "8 December 2026, 09:00"; "" for a missing or bad date. */
export function formatDateTime(iso: string | null | undefined, locale: Locale): string {
  const d = parse(iso);
  return d ? formatter(locale, "dateTime").format(d).replace(/\s+/g, " ") : "";
}

/** "12/8 09:00" / "08/12, 09:00": compact, for tables. */
export function formatShort(iso: string | null | undefined, locale: Locale): string {
  const d = parse(iso);
  return d ? formatter(locale, "short").format(d).replace(/\s+/g, " ") : "";
}

/** The day of an instant in the town's time, without the year: "12月13日" / "13 December". */
export function formatMonthDay(iso: string | null | undefined, locale: Locale): string {
  const d = parse(iso);
  return d ? formatter(locale, "monthDay").format(d) : "";
}

/** A calendar date "2026-12-31" (already in the town's time) → "2026年12月31日". */
export function formatLocalDate(ymd: string | null | undefined, locale: Locale): string {
  if (!ymd || !/^\d{4}-\d{2}-\d{2}$/.test(ymd)) return ymd ?? "";
  // Noon UTC is the same calendar day in Shanghai.
  return formatter(locale, "date").format(new Date(`${ymd}T04:00:00Z`));
}

/** A calendar date "2027-02-06" → "星期六" / "Saturday"; "" for a bad date. */
export function formatWeekday(ymd: string | null | undefined, locale: Locale): string {
  if (!ymd || !/^\d{4}-\d{2}-\d{2}$/.test(ymd)) return "";
  const d = new Date(`${ymd}T04:00:00Z`);
  return Number.isNaN(d.getTime()) ? "" : formatter(locale, "weekday").format(d);
}

/** A machine-readable `datetime` attribute value (the ISO string, if it parses). */
export function isoOrEmpty(iso: string | null | undefined): string {
  const d = parse(iso);
  return d ? d.toISOString() : "";
}
