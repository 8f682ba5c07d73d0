import { describe, expect, it } from "vitest";
import { assessmentScore, quarterMonths, quarterOf } from "./reports.js";

describe("reports", () => {
  it("knows a quarter's months", () => {
    expect(quarterMonths("2026Q3")).toEqual(["2026-07", "2026-08", "2026-09"]);
    expect(quarterOf("2026-12")).toBe("2026Q4");
    expect(quarterOf("2026-01")).toBe("2026Q1");
  });
  it("scores with the written weights, sharing out missing measures", () => {
    const all = {
      response: 1,
      resolution: 1,
      satisfaction: 1,
      onTimeClosure: 1,
      returnRate: 0,
      redoRate: 0,
      compliance: 1,
    };
    expect(assessmentScore(all)).toBe(100);
    expect(assessmentScore({ ...all, satisfaction: null })).toBe(100);
    expect(assessmentScore({ ...all, compliance: 0 })).toBe(85);
    expect(
      assessmentScore({
        response: null,
        resolution: null,
        satisfaction: null,
        onTimeClosure: null,
        returnRate: null,
        redoRate: null,
        compliance: null,
      }),
    ).toBeNull();
  });
});
