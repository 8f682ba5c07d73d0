import { describe, expect, it } from "vitest";
import {
  buildChartOption,
  type ChartSpec,
  chartHeight,
  formatRate,
  formatValue,
  PALETTE,
  toPercent,
} from "./chart-options.js";

describe("rates as percentages", () => {
  it("has one decimal and a dash for nothing", () => {
    expect(formatRate(0.8753)).toBe("87.5%");
    expect(formatRate(1)).toBe("100.0%");
    expect(formatRate(0)).toBe("0.0%");
    expect(formatRate(null)).toBe("—");
    expect(formatRate(undefined)).toBe("—");
    expect(formatRate(Number.NaN)).toBe("—");
    expect(toPercent(0.12345)).toBe(12.3);
    expect(formatValue(12.3, "rate")).toBe("12.3%");
    expect(formatValue(7, "count")).toBe("7");
    expect(formatValue(null, "count")).toBe("—");
  });
});

describe("buildChartOption", () => {
  const trend: ChartSpec = {
    kind: "line",
    categories: ["2026年7月", "2026年8月"],
    series: [
      { name: "受理", unit: "count", data: [10, 12] },
      { name: "响应率", unit: "rate", data: [0.9123, null] },
    ],
  };
  it("puts counts and rates on two axes, rates in percent with gaps for null", () => {
    const o = buildChartOption(trend);
    expect(Array.isArray(o.yAxis) && o.yAxis).toHaveLength(2);
    const series = o.series as {
      yAxisIndex: number;
      data: unknown[];
      lineStyle: { type: string };
    }[];
    expect(series[0]?.yAxisIndex).toBe(0);
    expect(series[0]?.lineStyle.type).toBe("dashed");
    expect(series[1]?.yAxisIndex).toBe(1);
    expect(series[1]?.data).toEqual([91.2, null]);
    expect(o.legend).toMatchObject({ show: true });
    expect(o.xAxis).toMatchObject({ type: "category", data: ["2026年7月", "2026年8月"] });
  });
  it("formats tooltips as the tables do", () => {
    const series = buildChartOption(trend).series as {
      tooltip: { valueFormatter: (v: unknown) => string };
    }[];
    expect(series[1]?.tooltip.valueFormatter(91.2)).toBe("91.2%");
    expect(series[1]?.tooltip.valueFormatter(null)).toBe("—");
    expect(series[0]?.tooltip.valueFormatter(10)).toBe("10");
    // On the canvas, not as HTML with style attributes (the sites' CSP refuses those).
    expect(buildChartOption(trend).tooltip).toMatchObject({ renderMode: "richText" });
  });
  it("draws horizontal bars with the category axis on the left, first on top", () => {
    const spec: ChartSpec = {
      kind: "bar",
      horizontal: true,
      categories: ["环保分局", "城管中队"],
      series: [{ name: "响应率", unit: "rate", data: [0.95, 0.5] }],
    };
    const o = buildChartOption(spec);
    expect(o.yAxis).toMatchObject({ type: "category", inverse: true });
    expect(o.xAxis).toEqual([expect.objectContaining({ max: 100 })]);
    expect(o.legend).toMatchObject({ show: false });
    expect(o.aria).toMatchObject({ enabled: true, decal: { show: true } });
    expect(chartHeight(spec)).toBeGreaterThanOrEqual(200);
  });
  it("colours bars one by one when asked, else from the palette", () => {
    const o = buildChartOption({
      kind: "bar",
      categories: ["a", "b"],
      series: [{ name: "n", unit: "count", data: [1, 2], colors: ["#111111", "#222222"] }],
    });
    const s = (o.series as { data: { itemStyle: { color: string } }[]; color: string }[])[0];
    expect(s?.data.map((d) => d.itemStyle.color)).toEqual(["#111111", "#222222"]);
    expect(s?.color).toBe(PALETTE[0]);
  });
});
