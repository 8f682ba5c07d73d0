import { describe, expect, it } from "vitest";
import { changeLabel, hotTopicsSpec, queueHref } from "./hot-topics-view";

const row = (received: number, previous: number, change: number | null) => ({
  code: "environment",
  name: "环境与河道",
  received,
  previous,
  closed: 0,
  change,
  eligible: true,
});

describe("hot topics view", () => {
  it("links a figure to the queue of its concerns, the period's last day included", () => {
    expect(queueHref({ from: "2026-01", to: "2026-02" }, "environment", "meijing")).toBe(
      "/all?category=environment&village=meijing&status=open%2Cclosed&from=2026-01-01&to=2026-02-28",
    );
    expect(queueHref({ from: "2024-02", to: "2024-02" }, "roads")).toContain("to=2024-02-29");
  });

  it("words a change, a new category and a period that cannot be compared", () => {
    expect(changeLabel(row(8, 5, 0.6), true, "zh-CN")).toBe("+60 %");
    expect(changeLabel(row(3, 4, -0.25), true, "en")).toBe("−25 %");
    expect(changeLabel(row(3, 0, null), true, "zh-CN")).toBe("新增");
    expect(changeLabel(row(3, 0, null), false, "en")).toBe("not comparable");
  });

  it("charts this period against the previous one", () => {
    const spec = hotTopicsSpec([row(8, 5, 0.6)], "zh-CN");
    expect(spec.series.map((s) => s.data)).toEqual([[8], [5]]);
    expect(spec.categories).toEqual(["环境与河道"]);
  });
});
