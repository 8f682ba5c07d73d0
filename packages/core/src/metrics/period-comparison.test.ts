import { describe, expect, it } from "vitest";
import { comparisonPeriods, figureChange } from "./period-comparison.js";

describe("comparison periods", () => {
  it("takes the same length immediately before, and the same months a year earlier", () => {
    expect(comparisonPeriods({ from: "2026-07", to: "2026-12" })).toEqual({
      previous: { from: "2026-01", to: "2026-06" },
      yearAgo: { from: "2025-07", to: "2025-12" },
    });
  });

  it("crosses a year boundary backwards", () => {
    expect(comparisonPeriods({ from: "2026-01", to: "2026-02" })).toEqual({
      previous: { from: "2025-11", to: "2025-12" },
      yearAgo: { from: "2025-01", to: "2025-02" },
    });
    expect(comparisonPeriods({ from: "2025-12", to: "2026-01" }).previous).toEqual({
      from: "2025-10",
      to: "2025-11",
    });
  });

  it("compares one month with the month before", () => {
    expect(comparisonPeriods({ from: "2026-03", to: "2026-03" }).previous).toEqual({
      from: "2026-02",
      to: "2026-02",
    });
  });
});

describe("figure change", () => {
  it("gives rates in percentage points and counts as differences", () => {
    expect(figureChange(0.9, 0.85, "rate")).toEqual({ prior: 0.85, delta: 5, direction: "up" });
    expect(figureChange(0.8, 0.825, "rate")).toEqual({
      prior: 0.825,
      delta: -2.5,
      direction: "down",
    });
    expect(figureChange(12, 12, "count")).toEqual({ prior: 12, delta: 0, direction: "same" });
    expect(figureChange(3, 7, "count")).toEqual({ prior: 7, delta: -4, direction: "down" });
  });

  it("draws no arrow when a side has no value", () => {
    expect(figureChange(0.9, null, "rate")).toEqual({ prior: null, delta: null, direction: null });
    expect(figureChange(null, 0.5, "rate")).toEqual({ prior: 0.5, delta: null, direction: null });
  });
});
