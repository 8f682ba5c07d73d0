// The 热点 section's view helpers: the chart's spec, the change's wording and the queue links
// behind each category figure (the queue filters of issue 16). Pure.
import type { HotTopicCategory } from "@lianxin/contract";
import type { ChartSpec } from "@lianxin/site-kit/chart-options";
import { type Locale, t } from "../i18n/messages";

/** This period's and the previous period's counts per category, the ranking's order. */
export function hotTopicsSpec(rows: readonly HotTopicCategory[], locale: Locale): ChartSpec {
  return {
    kind: "bar",
    horizontal: true,
    categories: rows.map((r) => r.name),
    series: [
      { name: t(locale, "hot.received"), unit: "count", data: rows.map((r) => r.received) },
      { name: t(locale, "hot.previous"), unit: "count", data: rows.map((r) => r.previous) },
    ],
  };
}

/** "+60 %", "−25 %", "新增" (nothing before) or "无法比较" (no category figures before). */
export function changeLabel(row: HotTopicCategory, comparable: boolean, locale: Locale): string {
  if (!comparable) return t(locale, "hot.notComparable");
  if (row.change === null) return row.received > 0 ? t(locale, "hot.new") : "—";
  const pct = Math.round(row.change * 100);
  return `${pct > 0 ? "+" : pct < 0 ? "−" : ""}${Math.abs(pct)} %`;
}

/** The last day of a YYYY-MM month. */
function lastDay(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * The staff queue (/all) with the concerns behind a figure: registered in the period, of the
 * category (and village), open or closed.
 */
export function queueHref(
  period: { from: string; to: string },
  categoryCode: string,
  villageId?: string,
): string {
  const q = new URLSearchParams({
    category: categoryCode,
    ...(villageId ? { village: villageId } : {}),
    status: "open,closed",
    from: `${period.from}-01`,
    to: lastDay(period.to),
  });
  return `/all?${q.toString()}`;
}
