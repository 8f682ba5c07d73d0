// What the 红黑榜 section shows, from the API's `Rankings`: the method in words, the chart of
// ranked units, a unit's tie-break figures and 黑榜 reasons. Pure: the component and tests use it.

import type { RankedUnit, Rankings } from "@lianxin/contract";
import type { ChartSpec } from "@lianxin/site-kit/chart-options";
import { type Locale, type MessageKey, t } from "../i18n/messages";
import { formatHours } from "./dashboard-view";

/** The minimum asked for in the page's address (`rmin`): 1–99, else null. */
export function readMinimum(params: URLSearchParams): { min: number | null; bad: boolean } {
  const raw = params.get("rmin");
  if (raw === null || raw === "") return { min: null, bad: false };
  return /^[1-9]\d?$/.test(raw) ? { min: Number(raw), bad: false } : { min: null, bad: true };
}

/** "响应率20%、解决率20%、…" from the weights the API returned with the figures. */
export function weightsText(weights: Rankings["rules"]["weights"], locale: Locale): string {
  return Object.entries(weights)
    .map(([measure, w]) =>
      t(locale, "rk.weightItem", {
        name: t(locale, `rk.weight.${measure}` as MessageKey),
        pct: Math.round(w * 1000) / 10,
      }),
    )
    .join(locale === "en" ? ", " : "、");
}

/** "87.5" (one decimal) or "—". */
export function formatScore(score: number | null | undefined): string {
  return score == null || !Number.isFinite(score) ? "—" : score.toFixed(1);
}

/** The tie-break figures of a unit: overdue in the period, median time to close. */
export function tieFigures(u: RankedUnit, locale: Locale): string {
  return t(locale, "rk.tieFigures", {
    overdue: u.overdue,
    close: formatHours(u.closeMedianHours, locale),
  });
}

/** Why a unit is on the 黑榜, in words ("低于80分、目前超期2件"). */
export function blackReasons(u: RankedUnit, threshold: number, locale: Locale): string {
  return u.black
    .map((r) =>
      r === "score"
        ? t(locale, "rk.reason.score", { threshold })
        : t(locale, "rk.reason.overdue_now", { n: u.overdueNow }),
    )
    .join(locale === "en" ? "; " : "、");
}

/** Ranked units only, best on top, as horizontal bars of their scores. */
export function scoreSpec(ranked: readonly RankedUnit[], locale: Locale): ChartSpec {
  return {
    kind: "bar",
    horizontal: true,
    categories: ranked.map((u) => u.name),
    series: [{ name: t(locale, "rk.col.score"), unit: "count", data: ranked.map((u) => u.score) }],
  };
}

/** The concerns behind "overdue now": the whole-town queue filtered to the unit (`/all`). */
export function overdueHref(kind: "villages" | "departments", id: string): string {
  const p = new URLSearchParams({ overdue: "true" });
  p.set(kind === "villages" ? "village" : "department", id);
  return `/all?${p.toString()}`;
}
