import { describe, expect, it } from "vitest";
import type { RateRow } from "./api-types";
import { monthLabel, ratesSpec, sortByResponse, trendSpec } from "./statistics-view";

const row = (id: string, response: number | null, received = 10): RateRow => ({
  id,
  name: id,
  received,
  answered: 0,
  overdue: 0,
  response,
  resolution: 0.5,
  satisfaction: null,
  onTimeClosure: null,
});

describe("statistics view", () => {
  it("sorts by response rate, rows without one last", () => {
    expect(sortByResponse([row("a", null), row("b", 0.7), row("c", 0.9)]).map((r) => r.id)).toEqual(
      ["c", "b", "a"],
    );
  });
  it("charts the three rates of each row, best first", () => {
    const spec = ratesSpec([row("a", 0.5), row("b", 0.9)], "zh-CN");
    expect(spec).toMatchObject({ kind: "bar", horizontal: true, categories: ["b", "a"] });
    expect(spec.series.map((s) => s.name)).toEqual(["响应率", "解决率", "满意率"]);
    expect(spec.series[2]?.data).toEqual([null, null]);
  });
  it("draws the town's trend by month", () => {
    const spec = trendSpec(
      [{ month: "2026-08", received: 3, response: 1, resolution: 0.5, satisfaction: null }],
      "en",
    );
    expect(spec.categories).toEqual(["Aug 2026"]);
    expect(spec.series.map((s) => s.data)).toEqual([[1], [0.5], [null]]);
    expect(monthLabel("2026-08", "zh-CN")).toBe("2026年8月");
  });
});
