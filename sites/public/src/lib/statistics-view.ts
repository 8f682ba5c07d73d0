// The public statistics page (数据公开): rows sorted by response rate, month labels and the
// chart specs. Pure.

import type { FieldWorkTotals, LedgerYearFigures, RateRow, TrendPoint } from "@lianxin/contract";
import type { ChartSpec } from "@lianxin/site-kit/chart-options";
import { type Locale, t } from "../i18n/messages";

/** Best response rate first; rows without a rate last; ties by more received, then by name. */
export function sortByResponse(rows: readonly RateRow[]): RateRow[] {
  return [...rows].sort((a, b) => {
    const ra = a.response ?? -1;
    const rb = b.response ?? -1;
    if (ra !== rb) return rb - ra;
    if (a.received !== b.received) return b.received - a.received;
    return a.name.localeCompare(b.name, "zh-CN");
  });
}

/** "2026-08" → "2026年8月" / "Aug 2026"; anything else as it is. */
export function monthLabel(ym: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  if (!m) return ym;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return ym;
  if (locale === "en") {
    const names = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");
    return `${names[month - 1]} ${m[1]}`;
  }
  return `${m[1]}年${month}月`;
}

export const RATE_KEYS = ["response", "resolution", "satisfaction"] as const;

/** The town's three rates month by month. */
export function trendSpec(
  trend: readonly Omit<TrendPoint, "answered">[],
  locale: Locale,
): ChartSpec {
  return {
    kind: "line",
    categories: trend.map((p) => monthLabel(p.month, locale)),
    series: RATE_KEYS.map((k) => ({
      name: t(locale, `rate.${k}`),
      unit: "rate" as const,
      data: trend.map((p) => p[k]),
    })),
  };
}

/** The three rates of each village (or department) as horizontal bars, best response first. */
export function ratesSpec(rows: readonly RateRow[], locale: Locale): ChartSpec {
  const sorted = sortByResponse(rows);
  return {
    kind: "bar",
    horizontal: true,
    categories: sorted.map((r) => r.name),
    series: RATE_KEYS.map((k) => ({
      name: t(locale, `rate.${k}`),
      unit: "rate" as const,
      data: sorted.map((r) => r[k]),
    })),
  };
}

/** The town totals in the order the seed's report gives them (扎根行动). */
export const FIELD_WORK_FIGURES = [
  "departments",
  "leaders",
  "cadresAndPartyMembers",
  "villages",
  "visits",
  "enterprises",
  "symposia",
  "talks",
  "consulted",
  "solved",
] as const;
export type FieldWorkFigure = (typeof FIELD_WORK_FIGURES)[number];

const TOTALS_NUMBERS = [
  ...FIELD_WORK_FIGURES,
  "people",
  "logs",
  "concernsRaised",
] as const satisfies readonly (keyof FieldWorkTotals)[];

/**
 * The API's town totals, or null when they are not what the page expects. Only the
 * aggregate numbers and the months are kept: nothing else the API might add is shown.
 */
export function readFieldWorkTotals(data: unknown): FieldWorkTotals | null {
  if (!data || typeof data !== "object") return null;
  const d = data as Record<string, unknown>;
  if (typeof d.from !== "string" || typeof d.to !== "string") return null;
  const out: Record<string, unknown> = { from: d.from, to: d.to };
  for (const k of TOTALS_NUMBERS) {
    const v = d[k];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) return null;
    out[k] = v;
  }
  return out as unknown as FieldWorkTotals;
}

/** A whole number with the locale's grouping (5163 → "5,163"). */
export function formatCount(n: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === "en" ? "en" : "zh-CN", {
    maximumFractionDigits: 0,
  }).format(n);
}

const isCount = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;

/**
 * The API's ledger-year figures, or null when they are missing (an older API) or not what the
 * page expects; the page then leaves the line out. Only the numbers and the reasons' labels
 * are kept.
 */
export function readLedgerYear(data: unknown): LedgerYearFigures | null {
  if (!data || typeof data !== "object") return null;
  const d = data as Record<string, unknown>;
  const numbers = [d.year, d.issued, d.registered, d.voided];
  if (!numbers.every(isCount) || !Array.isArray(d.voidReasons)) return null;
  const voidReasons: LedgerYearFigures["voidReasons"] = [];
  for (const r of d.voidReasons as unknown[]) {
    const item = (r ?? {}) as Record<string, unknown>;
    if (typeof item.reason !== "string" || typeof item.label !== "string") return null;
    if (!isCount(item.count)) return null;
    voidReasons.push({
      reason: item.reason as LedgerYearFigures["voidReasons"][number]["reason"],
      label: item.label,
      count: item.count,
    });
  }
  return {
    year: d.year as number,
    issued: d.issued as number,
    registered: d.registered as number,
    voided: d.voided as number,
    voidReasons,
  };
}

/**
 * The line the page shows of the ledger year: the numbers issued, registered and void (with
 * the reasons when there are voids), and the numbers still being written when there are any
 * (issued beyond registered and void: for a few minutes, until written or voided).
 */
export function ledgerYearText(
  f: LedgerYearFigures,
  locale: Locale,
): { line: string; pending: string | null } {
  const n = (v: number) => formatCount(v, locale);
  const vars = {
    year: String(f.year),
    issued: n(f.issued),
    registered: n(f.registered),
    voided: n(f.voided),
  };
  const reasons = f.voidReasons
    .map((r) => t(locale, "stats.ledger.reason", { label: r.label, count: n(r.count) }))
    .join(t(locale, "stats.ledger.reasonSeparator"));
  const line = reasons
    ? t(locale, "stats.ledger.lineReasons", { ...vars, reasons })
    : t(locale, "stats.ledger.line", vars);
  const pending = f.issued - f.registered - f.voided;
  return {
    line,
    pending: pending > 0 ? t(locale, "stats.ledger.pending", { pending: n(pending) }) : null,
  };
}

/** What a rate is counted on, beside it: "3/3 件", or that the month had nothing to count. */
export function rateBaseText(b: { count: number; base: number }, locale: Locale): string {
  return b.base === 0 ? t(locale, "stats.noBase") : t(locale, "stats.base", b);
}

/** The close-outs not published (never below zero: a notice may outlive a reopened close). */
export function notPublished(c: { closed: number; published: number }): number {
  return Math.max(0, c.closed - c.published);
}
