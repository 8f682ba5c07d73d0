import type { RankedUnit } from "@lianxin/contract";
import { ASSESSMENT_WEIGHTS } from "@lianxin/core";
import { describe, expect, it } from "vitest";
import {
  blackReasons,
  overdueHref,
  readMinimum,
  scoreSpec,
  tieFigures,
  weightsText,
} from "./rankings-view";

const unit = (over: Partial<RankedUnit>): RankedUnit => ({
  id: "u",
  name: "梅泾村",
  received: 5,
  closed: 5,
  overdue: 1,
  overdueNow: 2,
  measures: {
    response: 1,
    resolution: 1,
    satisfaction: null,
    onTimeClosure: 1,
    returnRate: 0,
    redoRate: 0,
    compliance: null,
  },
  score: 72.5,
  closeMedianHours: 72,
  rank: 1,
  black: ["score", "overdue_now"],
  ...over,
});

describe("rankings view", () => {
  it("writes the weights out in both languages", () => {
    const zh = weightsText(ASSESSMENT_WEIGHTS, "zh-CN");
    expect(zh).toBe(
      "响应率20%、解决率20%、满意率20%、按时办结率15%、退回率5%、返工率5%、到村达标率15%",
    );
    expect(weightsText(ASSESSMENT_WEIGHTS, "en")).toContain("on-time closure rate 15%");
  });

  it("says why a unit is on the 黑榜 and its tie-break figures", () => {
    expect(blackReasons(unit({}), 80, "zh-CN")).toBe("低于80分、目前超期2件");
    expect(tieFigures(unit({}), "zh-CN")).toBe("超期1件 · 办结中位3天");
  });

  it("charts the ranked units only, in rank order", () => {
    const spec = scoreSpec(
      [unit({ name: "甲", score: 90 }), unit({ name: "乙", score: 85 })],
      "zh-CN",
    );
    expect(spec.categories).toEqual(["甲", "乙"]);
    expect(spec.series[0]?.data).toEqual([90, 85]);
  });

  it("takes a minimum of 1 to 99 from the address, else flags it", () => {
    expect(readMinimum(new URLSearchParams("rmin=5"))).toEqual({ min: 5, bad: false });
    expect(readMinimum(new URLSearchParams(""))).toEqual({ min: null, bad: false });
    expect(readMinimum(new URLSearchParams("rmin=0"))).toEqual({ min: null, bad: true });
    expect(readMinimum(new URLSearchParams("rmin=x"))).toEqual({ min: null, bad: true });
  });

  it("opens the unit's overdue concerns in the whole-town queue", () => {
    expect(overdueHref("villages", "meijing")).toBe("/all?overdue=true&village=meijing");
    expect(overdueHref("departments", "env-bureau")).toBe(
      "/all?overdue=true&department=env-bureau",
    );
  });
});
