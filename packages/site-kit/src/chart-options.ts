// Chart specs and the ECharts options built from them. A spec is plain, serialisable data
// (it is passed from the server to the chart island as props); `buildChartOption` turns it into
// an ECharts option on the client. Pure, and only *type* imports from echarts, so the tests and
// the server never load the library.
import type { BarSeriesOption, LineSeriesOption } from "echarts/charts";
import type {
  AriaComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
} from "echarts/components";
import type { ComposeOption } from "echarts/core";

export type ChartOption = ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | AriaComponentOption
>;

/** Rates are 0..1 (shown as percentages with one decimal); counts are whole numbers. */
export type SeriesUnit = "rate" | "count";

export interface ChartSeries {
  name: string;
  unit: SeriesUnit;
  /** One value per category; null where there is nothing to measure (drawn as a gap, "—"). */
  data: (number | null)[];
  /** Optional colour per bar (backlog by age); else the palette. */
  colors?: string[];
}

export interface ChartSpec {
  kind: "line" | "bar";
  /** Bars drawn left to right (category axis vertical): long names stay readable. */
  horizontal?: boolean;
  categories: string[];
  series: ChartSeries[];
}

/**
 * Dark enough for graphical objects on white (WCAG 1.4.11, ≥ 3:1; all ≥ 4.5:1 here) and told
 * apart by more than hue: lines also differ in symbol and dash, bars get decal patterns.
 */
export const PALETTE = ["#1f3a5f", "#b45309", "#0f6b35", "#6b3fa0", "#b00020", "#0e7490"];
const SYMBOLS = ["circle", "rect", "triangle", "diamond", "roundRect", "pin"];
const INK = "#1b1b1b";
const INK_SOFT = "#4a4a4a";
const GRID_LINE = "#d5dae1";

/** 0.8753 → 87.5 (percent, one decimal); null/NaN → null. */
export function toPercent(rate: number | null | undefined): number | null {
  if (rate == null || !Number.isFinite(rate)) return null;
  return Math.round(rate * 1000) / 10;
}

/** "87.5%" from a 0..1 rate; "—" when there is none. */
export function formatRate(rate: number | null | undefined): string {
  const p = toPercent(rate);
  return p == null ? "—" : `${p.toFixed(1)}%`;
}

/** A tooltip or table value: a percentage for a rate, the number for a count, "—" for null. */
export function formatValue(value: number | null | undefined, unit: SeriesUnit): string {
  if (value == null || !Number.isFinite(value)) return "—";
  return unit === "rate" ? `${value.toFixed(1)}%` : String(value);
}

/** Pixel height for a chart: horizontal bars grow with the number of rows. */
export function chartHeight(spec: ChartSpec): number {
  if (spec.kind === "bar" && spec.horizontal) {
    const rows = spec.categories.length * Math.max(1, spec.series.length);
    return Math.min(1400, Math.max(200, 90 + rows * 22));
  }
  return 320;
}

export function buildChartOption(spec: ChartSpec): ChartOption {
  const units = new Set(spec.series.map((s) => s.unit));
  const dual = spec.kind === "line" && units.has("rate") && units.has("count");
  const hasRate = units.has("rate");
  const horizontal = spec.kind === "bar" && spec.horizontal === true;

  const rateAxis = {
    type: "value" as const,
    min: 0,
    max: 100,
    axisLabel: { formatter: "{value}%", color: INK_SOFT },
    splitLine: { lineStyle: { color: GRID_LINE } },
  };
  const countAxis = {
    type: "value" as const,
    minInterval: 1,
    axisLabel: { color: INK_SOFT },
    splitLine: { show: !dual, lineStyle: { color: GRID_LINE } },
  };
  const categoryAxis = {
    type: "category" as const,
    data: spec.categories,
    axisLabel: { color: INK, interval: 0, hideOverlap: !horizontal },
    axisLine: { lineStyle: { color: INK_SOFT } },
    inverse: horizontal, // first category on top, as in the table
  };
  const valueAxes = dual ? [countAxis, rateAxis] : [hasRate ? rateAxis : countAxis];

  const series = spec.series.map((s, i) => {
    const color = PALETTE[i % PALETTE.length] ?? INK;
    const data = s.data.map((v) => (s.unit === "rate" ? toPercent(v) : v));
    const tooltip = {
      valueFormatter: (v: unknown) => formatValue(typeof v === "number" ? v : null, s.unit),
    };
    if (spec.kind === "line") {
      const line: LineSeriesOption = {
        type: "line",
        name: s.name,
        data,
        yAxisIndex: dual && s.unit === "rate" ? 1 : 0,
        color,
        symbol: SYMBOLS[i % SYMBOLS.length],
        symbolSize: 8,
        lineStyle: { width: 2.5, type: s.unit === "count" ? "dashed" : "solid" },
        connectNulls: false,
        tooltip,
      };
      return line;
    }
    const bar: BarSeriesOption = {
      type: "bar",
      name: s.name,
      color,
      tooltip,
      barMaxWidth: 28,
      data: s.colors
        ? data.map((v, j) => ({ value: v, itemStyle: { color: s.colors?.[j] ?? color } }))
        : data,
      label: {
        show: true,
        position: horizontal ? "right" : "top",
        color: INK,
        formatter: (p: { value?: unknown }) =>
          formatValue(typeof p.value === "number" ? p.value : null, s.unit),
      },
    };
    return bar;
  });

  return {
    animation: false,
    textStyle: { color: INK },
    aria: { enabled: true, label: { enabled: false }, decal: { show: spec.kind === "bar" } },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: spec.kind === "bar" ? "shadow" : "line" },
      // Drawn on the canvas: the HTML tooltip writes style attributes, which the sites'
      // Content-Security-Policy refuses.
      renderMode: "richText",
    },
    legend: {
      show: spec.series.length > 1,
      top: 0,
      textStyle: { color: INK },
    },
    grid: {
      top: spec.series.length > 1 ? 40 : 16,
      left: 8,
      right: horizontal ? 56 : 16,
      bottom: 8,
      // ECharts 6's successor of containLabel: the axis labels stay inside the box.
      outerBoundsMode: "same",
      outerBoundsContain: "axisLabel",
    },
    xAxis: horizontal ? valueAxes : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxes,
    series,
  };
}
