import type { RateRow } from "@lianxin/contract";
import { describe, expect, it } from "vitest";
import {
  FIELD_WORK_FIGURES,
  formatCount,
  monthLabel,
  ratesSpec,
  readFieldWorkTotals,
  sortByResponse,
  trendSpec,
} from "./statistics-view";

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

describe("town totals (扎根行动)", () => {
  const seed = {
    from: "2025-12",
    to: "2026-11",
    departments: 46,
    leaders: 17,
    people: 120,
    cadresAndPartyMembers: 103,
    villages: 25,
    visits: 5163,
    enterprises: 120,
    symposia: 169,
    talks: 972,
    consulted: 2914,
    logs: 1200,
    concernsRaised: 700,
    solved: 606,
  };

  it("keeps the aggregate numbers and the months, nothing else", () => {
    const totals = readFieldWorkTotals({ ...seed, names: ["王建国"] });
    expect(totals).toEqual(seed);
    expect(FIELD_WORK_FIGURES.map((k) => totals?.[k])).toEqual([
      46, 17, 103, 25, 5163, 120, 169, 972, 2914, 606,
    ]);
  });

  it("refuses what is not the totals", () => {
    expect(readFieldWorkTotals(null)).toBeNull();
    expect(readFieldWorkTotals({ ...seed, visits: "5163" })).toBeNull();
    expect(readFieldWorkTotals({ ...seed, solved: -1 })).toBeNull();
    const { from: _from, ...noRange } = seed;
    expect(readFieldWorkTotals(noRange)).toBeNull();
  });

  it("groups thousands", () => {
    expect(formatCount(5163, "zh-CN")).toBe("5,163");
    expect(formatCount(5163, "en")).toBe("5,163");
    expect(formatCount(46, "en")).toBe("46");
  });
});
