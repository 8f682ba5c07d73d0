import { describe, expect, it } from "vitest";
import { categoryCoverage, type HotTopicsInput, hotTopics, previousPeriod } from "./hot-topics.js";

const names: Record<string, string> = {
  env: "环境与河道",
  road: "道路交通",
  water: "供水",
  meijing: "梅泾村",
  nixiang: "倪巷村",
};
const refs = {
  category: (code: string) => ({ code, name: names[code] ?? code }),
  village: (id: string) => ({ id, name: names[id] ?? id }),
};

/** Village counters for months: { village: { month: { category: received } } }. */
function input(
  data: Record<string, Record<string, Record<string, number>>>,
  period = { from: "2026-12", to: "2026-12" },
  locale: "zh-CN" | "en" = "zh-CN",
): HotTopicsInput {
  return {
    period,
    refs,
    locale,
    currentMonth: "2026-12",
    villages: Object.entries(data).map(([id, months]) => ({
      id,
      rows: Object.entries(months).map(([month, cats]) => {
        const counters: Record<string, number> = {};
        let received = 0;
        for (const [c, n] of Object.entries(cats)) {
          if (c === "*") {
            received += n; // received without a category: before the fields existed
            continue;
          }
          counters[`received.${c}`] = n;
          received += n;
        }
        counters.received = received;
        return { month, counters };
      }),
    })),
  };
}

describe("hot topics", () => {
  it("names the biggest rise and where it concentrates, in both languages", () => {
    const data = {
      meijing: { "2026-11": { env: 3, road: 4 }, "2026-12": { env: 6, road: 4 } },
      nixiang: { "2026-11": { env: 2, road: 4 }, "2026-12": { env: 2, road: 5 } },
    };
    const zh = hotTopics(input(data));
    expect(zh.headline.kind).toBe("rise");
    expect(zh.headline.category?.code).toBe("env");
    expect(zh.headline.text).toBe(
      "本月环境与河道类诉求环比增加 60 %（5 → 8 件），集中在梅泾村（6 件）。",
    );
    const en = hotTopics(input(data, undefined, "en"));
    expect(en.headline.text).toBe(
      "This month, 环境与河道 concerns: up 60 % on the previous period (5 → 8), mostly in 梅泾村 (6).",
    );
    expect(zh.byVolume.map((r) => r.code)).toEqual(["road", "env"]);
    expect(zh.byGrowth.map((r) => r.code)).toEqual(["env", "road"]);
  });

  it("does not headline a rise on small numbers (1 → 2 is not 100 % worth saying)", () => {
    const r = hotTopics(
      input({ meijing: { "2026-11": { water: 1, road: 6 }, "2026-12": { water: 2, road: 6 } } }),
    );
    expect(r.headline.kind).toBe("no_rise");
    expect(r.headline.category).toBeNull();
    expect(r.headline.text).toBe(
      "本月没有类别明显增加（不足 5 件的不计）；诉求最多的是道路交通类（6 件），集中在梅泾村（6 件）。",
    );
    expect(r.byVolume.find((c) => c.code === "water")?.change).toBe(1);
  });

  it("says when nothing rose", () => {
    const r = hotTopics(input({ meijing: { "2026-11": { env: 9 }, "2026-12": { env: 7 } } }));
    expect(r.headline.kind).toBe("no_rise");
    expect(r.byGrowth).toEqual([]);
  });

  it("breaks a tie in growth on the bigger rise, then volume, then name", () => {
    const r = hotTopics(
      input({
        meijing: { "2026-11": { env: 5, road: 10 }, "2026-12": { env: 10, road: 20 } },
        nixiang: { "2026-11": { water: 10 }, "2026-12": { water: 20 } },
      }),
    );
    // road and water both +100 % and +10, both 20 now: the name (zh-CN collation) decides.
    expect(r.byGrowth[0]?.change).toBe(1);
    expect(r.byGrowth.at(-1)?.code).toBe("env");
    const [first, second] = r.byGrowth;
    expect(first && second && first.name.localeCompare(second.name, "zh-CN")).toBeLessThan(0);
    expect(r.headline.category?.code).toBe(first?.code);
  });

  it("compares with the previous period across a year boundary", () => {
    expect(previousPeriod({ from: "2026-01", to: "2026-03" })).toEqual({
      from: "2025-10",
      to: "2025-12",
    });
    expect(previousPeriod({ from: "2026-01", to: "2026-01" })).toEqual({
      from: "2025-12",
      to: "2025-12",
    });
    const r = hotTopics(
      input(
        { meijing: { "2025-12": { env: 4 }, "2026-01": { env: 8 } } },
        { from: "2026-01", to: "2026-01" },
      ),
    );
    expect(r.previous).toEqual({ from: "2025-12", to: "2025-12" });
    expect(r.headline.text).toBe(
      "2026-01，环境与河道类诉求环比增加 100 %（4 → 8 件），集中在梅泾村（8 件）。",
    );
  });

  it("reports months without category data as such and does not compare with them", () => {
    const r = hotTopics(input({ meijing: { "2026-11": { "*": 9 }, "2026-12": { env: 8 } } }));
    expect(r.coverage.previousMonths).toEqual([{ month: "2026-11", coverage: "none" }]);
    expect(r.coverage.comparable).toBe(false);
    expect(r.coverage.categoryDataFrom).toBe("2026-12");
    expect(r.headline.kind).toBe("not_comparable");
    expect(r.byVolume[0]?.change).toBeNull();
    const old = hotTopics(
      input(
        { meijing: { "2026-10": { "*": 3 }, "2026-11": { "*": 9 } } },
        {
          from: "2026-11",
          to: "2026-11",
        },
      ),
    );
    expect(old.headline.kind).toBe("no_category_data");
    expect(old.headline.text).toBe("2026-11，没有分类统计（分类数据自上线起统计）。");
    expect(categoryCoverage({ received: 5, "received.env": 2 })).toBe("partial");
    expect(categoryCoverage({})).toBe("empty");
  });

  it("marks the busiest village × category cells, at most five, never below three", () => {
    const r = hotTopics(
      input({
        meijing: { "2026-12": { env: 9, road: 2, water: 4 } },
        nixiang: { "2026-12": { env: 3, road: 5, water: 1 } },
      }),
    );
    const marked = r.table.rows.flatMap((row) =>
      row.cells.filter((c) => c.busiest).map((c) => `${row.village.id}:${c.code}:${c.count}`),
    );
    expect(marked.sort()).toEqual(
      ["meijing:env:9", "meijing:water:4", "nixiang:env:3", "nixiang:road:5"].sort(),
    );
    expect(r.table.rows[0]?.village.name).toBe("梅泾村");
    expect(r.table.categories.map((c) => c.code)).toEqual(["env", "road", "water"]);
  });
});
