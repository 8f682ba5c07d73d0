import type { RateRow } from "@lianxin/contract";
import { describe, expect, it } from "vitest";
import {
  backlogKey,
  backlogRows,
  backlogSpec,
  changeView,
  figureHref,
  formatHours,
  inboxDetails,
  inboxKindKey,
  monthLabel,
  normalizeTotals,
  rankByResponse,
  trendSpec,
  urgedText,
} from "./dashboard-view";

const row = (id: string, response: number | null, received = 10): RateRow => ({
  id,
  name: id,
  received,
  answered: 0,
  overdue: 0,
  response,
  resolution: null,
  satisfaction: null,
  onTimeClosure: null,
});

describe("rankings", () => {
  it("sorts by response rate, unrated last, ties by received", () => {
    const rows = [row("a", 0.5), row("b", null), row("c", 0.9), row("d", 0.5, 30)];
    expect(rankByResponse(rows).map((r) => r.id)).toEqual(["c", "d", "a", "b"]);
  });
});

describe("overview", () => {
  it("writes a change as an arrow and words, percentage points for rates", () => {
    expect(changeView({ prior: 0.8, delta: 5, direction: "up" }, "rate", "zh-CN")).toEqual({
      arrow: "▲",
      words: "上升5个百分点",
      direction: "up",
    });
    expect(changeView({ prior: 7, delta: -4, direction: "down" }, "count", "en")).toEqual({
      arrow: "▼",
      words: "down 4",
      direction: "down",
    });
    expect(changeView({ prior: 3, delta: 0, direction: "same" }, "count", "zh-CN").words).toBe(
      "持平",
    );
    expect(changeView({ prior: null, delta: null, direction: null }, "rate", "zh-CN")).toEqual({
      arrow: "",
      words: "无可比数据",
      direction: null,
    });
  });
  it("links a figure to its page with its query", () => {
    expect(figureHref({ path: "/", query: { village: "meijing,doumen", overdue: "true" } })).toBe(
      "/?village=meijing%2Cdoumen&overdue=true",
    );
    expect(figureHref({ path: "/all", query: {} })).toBe("/all");
  });
});

describe("labels", () => {
  it("writes times in hours below two days, else days", () => {
    expect(formatHours(4, "zh-CN")).toBe("4小时");
    expect(formatHours(36, "zh-CN")).toBe("36小时");
    expect(formatHours(120, "zh-CN")).toBe("5天");
    expect(formatHours(60, "en")).toBe("2.5 days");
    expect(formatHours(0.5, "en")).toBe("0.5 h");
    expect(formatHours(null, "zh-CN")).toBe("—");
  });
  it("names months", () => {
    expect(monthLabel("2026-08", "zh-CN")).toBe("2026年8月");
    expect(monthLabel("2026-12", "en")).toBe("Dec 2026");
    expect(monthLabel("junk", "en")).toBe("junk");
  });
  it("has a key for every bucket and kind, and a fallback", () => {
    expect(backlogKey("1to3d")).toBe("backlog.1to3d");
    expect(backlogKey("x")).toBe("backlog.other");
    expect(inboxKindKey("escalated")).toBe("inbox.kind.escalated");
    expect(inboxKindKey("new_kind")).toBe("inbox.kind.other");
  });
  it("words an inbox item's title and the deadline it is about", () => {
    const data = { stage: "answer", dueAt: "2026-12-08T01:00:00.000Z", title: " 路灯不亮 " };
    expect(inboxDetails(data, "zh-CN")).toEqual({
      title: "路灯不亮",
      due: "答复时限：2026年12月8日 09:00",
    });
    expect(inboxDetails({ ...data, stage: undefined }, "en").due).toMatch(/^Current stage due: /);
    expect(inboxDetails({ title: null }, "zh-CN")).toEqual({ title: null, due: null });
    expect(inboxDetails(undefined, "en")).toEqual({ title: null, due: null });
  });
  it("words who urged what (催办)", () => {
    expect(urgedText({ note: " 请今天答复 ", by: "王建国" }, "zh-CN")).toBe(
      "王建国催办：请今天答复",
    );
    expect(urgedText({ note: "Reply today", by: "Wang" }, "en")).toBe("Wang urges: Reply today");
    expect(urgedText({ title: "路灯" }, "zh-CN")).toBeNull();
  });
});

describe("chart specs", () => {
  it("keeps the backlog's buckets in order, missing ones as 0", () => {
    const backlog = {
      total: 5,
      byAge: [
        { bucket: "gt15d" as const, count: 2 },
        { bucket: "lt1d" as const, count: 3 },
      ],
    };
    expect(backlogRows(backlog).map((b) => b.count)).toEqual([3, 0, 0, 0, 2]);
    const spec = backlogSpec(backlog, "zh-CN");
    expect(spec.categories).toEqual(["1天内", "1–3天", "3–7天", "7–15天", "15天以上"]);
    expect(spec.series[0]?.colors).toHaveLength(5);
  });
  it("draws received, answered and the three rates by month", () => {
    const spec = trendSpec(
      [
        {
          month: "2026-07",
          received: 5,
          answered: 4,
          response: 1,
          resolution: null,
          satisfaction: 0.5,
        },
      ],
      "zh-CN",
    );
    expect(spec.series.map((s) => [s.name, s.unit])).toEqual([
      ["受理", "count"],
      ["答复", "count"],
      ["响应率", "rate"],
      ["解决率", "rate"],
      ["满意率", "rate"],
    ]);
    expect(spec.categories).toEqual(["2026年7月"]);
  });
});

describe("totals", () => {
  it("reads a period without events ({}) as zeros", () => {
    const t = normalizeTotals({});
    expect(t.received).toBe(0);
    expect(Object.values(t).every((v) => v === 0)).toBe(true);
    expect(normalizeTotals({ received: 3 }).received).toBe(3);
    expect(normalizeTotals(null).overdue).toBe(0);
  });
});
