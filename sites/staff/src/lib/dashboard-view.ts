// What the dashboard shows, computed from the API's `Dashboard`: the people's order, 环比/同比
// in words, times in words, month labels, label keys, and the chart specs. Pure: the page and the tests use it.

import {
  BACKLOG_AGE_BUCKETS,
  type BacklogAgeBucket,
  COUNTER_FIELDS,
  type CounterField,
  type Dashboard,
  type DashboardRateFigure,
  INBOX_KINDS,
  type InboxItem,
  type RateRow,
} from "@lianxin/contract";
import type { ChartSpec } from "@lianxin/site-kit/chart-options";
import { type Locale, type MessageKey, t } from "../i18n/messages";
import { formatDateTime } from "./format";
import { stageKey } from "./time-left";

type FigureChange = DashboardRateFigure["previous"];

/** The dashboard's counters, every one a number. */
export type DashboardTotals = Record<CounterField, number>;

const BACKLOG_BUCKETS = BACKLOG_AGE_BUCKETS.map((b) => b.bucket);

/** Every total as a number: a period without events may come back as `{}`. */
export function normalizeTotals(
  totals: Partial<DashboardTotals> | null | undefined,
): DashboardTotals {
  const out = {} as DashboardTotals;
  for (const k of COUNTER_FIELDS) {
    const v = totals?.[k];
    out[k] = typeof v === "number" && Number.isFinite(v) ? v : 0;
  }
  return out;
}

/** Best response rate first; rows without a rate last; ties by more received, then by name. */
export function rankByResponse(rows: readonly RateRow[]): RateRow[] {
  return [...rows].sort((a, b) => {
    const ra = a.response ?? -1;
    const rb = b.response ?? -1;
    if (ra !== rb) return rb - ra;
    if (a.received !== b.received) return b.received - a.received;
    return a.name.localeCompare(b.name, "zh-CN");
  });
}

/** A 环比 / 同比 change as an arrow and words ("上升5个百分点", "down 4"); none without data. */
export function changeView(
  change: FigureChange | null | undefined,
  unit: "rate" | "count",
  locale: Locale,
): { arrow: string; words: string; direction: FigureChange["direction"] } {
  if (!change || change.delta == null || !change.direction) {
    return { arrow: "", words: t(locale, "ov.none"), direction: null };
  }
  if (change.direction === "same")
    return { arrow: "＝", words: t(locale, "ov.same"), direction: "same" };
  const n = Math.abs(change.delta);
  const amount = unit === "rate" ? t(locale, "ov.pp", { n }) : t(locale, "ov.pieces", { n });
  const word = t(locale, change.direction === "up" ? "ov.up" : "ov.down");
  return {
    arrow: change.direction === "up" ? "▲" : "▼",
    words: locale === "en" ? `${word} ${amount}` : `${word}${amount}`,
    direction: change.direction,
  };
}

/** A figure's link as an address in the staff site. */
export function figureHref(link: { path: string; query: Record<string, string> }): string {
  const q = new URLSearchParams(link.query).toString();
  return q ? `${link.path}?${q}` : link.path;
}

/** "6小时" / "2.5天" from hours (the API's bucket upper bound); "—" for none. */
export function formatHours(hours: number | null | undefined, locale: Locale): string {
  if (hours == null || !Number.isFinite(hours) || hours < 0) return "—";
  if (hours < 48) {
    const h = hours < 1 ? Math.round(hours * 10) / 10 : Math.round(hours);
    return t(locale, "dash.hours", { n: h });
  }
  const d = Math.round((hours / 24) * 10) / 10;
  return t(locale, "dash.days", { n: d });
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

export function backlogKey(bucket: string): MessageKey {
  return (BACKLOG_BUCKETS as readonly string[]).includes(bucket)
    ? (`backlog.${bucket as BacklogAgeBucket}` as MessageKey)
    : "backlog.other";
}

export function inboxKindKey(kind: string): MessageKey {
  return (INBOX_KINDS as readonly string[]).includes(kind)
    ? (`inbox.kind.${kind}` as MessageKey)
    : "inbox.kind.other";
}

/**
 * What an inbox item says besides its kind: the concern's title, and the deadline it is about
 * ("答复时限：…"), each null when the notice has none.
 */
export function inboxDetails(
  data: InboxItem["data"] | null | undefined,
  locale: Locale,
): { title: string | null; due: string | null } {
  const title = typeof data?.title === "string" && data.title.trim() ? data.title.trim() : null;
  const dueAt = typeof data?.dueAt === "string" ? formatDateTime(data.dueAt, locale) : "";
  const due = dueAt
    ? t(locale, "inbox.due", { stage: t(locale, stageKey(data?.stage ?? "")), at: dueAt })
    : null;
  return { title, due };
}

/** 催办: who pressed for what ("王建国催办：…"); null when the item is no urge. */
export function urgedText(
  data: InboxItem["data"] | null | undefined,
  locale: Locale,
): string | null {
  const note = typeof data?.note === "string" ? data.note.trim() : "";
  return note ? t(locale, "inbox.urgedBy", { by: data?.by ?? "", note }) : null;
}

/** The backlog in the fixed bucket order, missing buckets as 0. */
export function backlogRows(backlog: Dashboard["backlog"] | null | undefined) {
  const by = new Map((backlog?.byAge ?? []).map((b) => [b.bucket, b.count]));
  return BACKLOG_BUCKETS.map((bucket) => ({ bucket, count: by.get(bucket) ?? 0 }));
}

/** Green for young items through red for the oldest (all ≥ 4.5:1 on white). */
export const BACKLOG_COLORS = ["#0f6b35", "#4d7c0f", "#8a4b00", "#c2410c", "#b00020"];

export function trendSpec(trend: Dashboard["trend"], locale: Locale): ChartSpec {
  const tr = (k: MessageKey) => t(locale, k);
  return {
    kind: "line",
    categories: trend.map((p) => monthLabel(p.month, locale)),
    series: [
      { name: tr("dash.received"), unit: "count", data: trend.map((p) => p.received) },
      { name: tr("dash.answered"), unit: "count", data: trend.map((p) => p.answered) },
      { name: tr("rate.response"), unit: "rate", data: trend.map((p) => p.response) },
      { name: tr("rate.resolution"), unit: "rate", data: trend.map((p) => p.resolution) },
      { name: tr("rate.satisfaction"), unit: "rate", data: trend.map((p) => p.satisfaction) },
    ],
  };
}

export function backlogSpec(backlog: Dashboard["backlog"], locale: Locale): ChartSpec {
  const rows = backlogRows(backlog);
  return {
    kind: "bar",
    categories: rows.map((r) => t(locale, backlogKey(r.bucket))),
    series: [
      {
        name: t(locale, "dash.backlogCount"),
        unit: "count",
        data: rows.map((r) => r.count),
        colors: BACKLOG_COLORS,
      },
    ],
  };
}
