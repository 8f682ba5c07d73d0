import { describe, expect, it } from "vitest";
import { buildDemoDirectory } from "../directory/demo-directory.js";
import { indexDirectory } from "../directory/lookup.js";
import { seededRandom } from "../grid/demo-campaign.js";
import { publicTextContext } from "../notice/public-text.js";
import { maskPersonalData } from "../text/personal-data.js";
import { shanghaiMonth } from "../time/shanghai.js";
import { DEMO_SURGE, planRecentDemo } from "./demo-recent.js";
import { DEMO_TEXTS, REDO_REPLY } from "./demo-recent-texts.js";
import { ConcernSubmission } from "./submission.js";

const directory = buildDemoDirectory();
const index = indexDirectory(directory);
const NOW = new Date("2026-12-09T02:00:00.000Z");
const plan = () => planRecentDemo(directory, { now: NOW, random: seededRandom(1217) });
const DAY = 86_400_000;

describe("the recent demo plan", () => {
  it("is the same for the same seed and day, in registration order, before now", () => {
    const a = plan();
    expect(plan()).toEqual(a);
    expect(a.map((c) => c.at)).toEqual([...a.map((c) => c.at)].sort());
    expect(new Set(a.map((c) => c.key)).size).toBe(a.length);
    expect(a.every((c) => Date.parse(c.at) < NOW.getTime())).toBe(true);
    expect(Date.parse(a[0]?.at ?? "")).toBeLessThan(NOW.getTime() - 330 * DAY);
  });

  it("writes submissions the API accepts", () => {
    for (const c of plan()) {
      expect(ConcernSubmission.safeParse(c.input).success, c.key).toBe(true);
      expect(index.village(c.input.villageId), c.key).toBeDefined();
    }
  });

  it("rises in 环境与河道 at 梅泾村 this month against last month", () => {
    const count = (month: string) =>
      plan().filter(
        (c) =>
          shanghaiMonth(new Date(c.at)) === month &&
          c.input.villageId === DEMO_SURGE.villageId &&
          c.input.categoryCode === DEMO_SURGE.categoryCode,
      ).length;
    expect(count("2026-12")).toBeGreaterThan(3 * Math.max(1, count("2026-11")));
  });

  it("holds the inspectors' cases", () => {
    const p = plan();
    expect(p.some((c) => c.returns.length === 3 && c.dispatches.length === 3)).toBe(true);
    expect(p.some((c) => c.ratings.filter((r) => r.rating === "dissatisfied").length === 2)).toBe(
      true,
    );
    expect(p.some((c) => c.input.categoryCode === "cadre_conduct")).toBe(true);
    const byPhone = new Map<string, number[]>();
    for (const c of p) {
      const key = `${c.input.contactPhone}|${c.input.villageId}|${c.input.categoryCode}`;
      byPhone.set(key, [...(byPhone.get(key) ?? []), Date.parse(c.at)]);
    }
    const thrice = [...byPhone.values()].filter((t) => t.length >= 3);
    expect(thrice).toHaveLength(1);
    const [first, , third] = thrice[0] as number[];
    expect((third as number) - (first as number)).toBeLessThan(90 * DAY);
  });

  it("uses titles and replies the masking engine leaves nothing to review in", () => {
    const context = publicTextContext({ index });
    const texts = Object.values(DEMO_TEXTS).flatMap((list) =>
      list.flatMap((t) => [t.title, t.reply]),
    );
    for (const text of [...texts, REDO_REPLY, ...plan().map((c) => c.input.title ?? "")]) {
      const masked = maskPersonalData(text, context);
      expect(masked.review, text).toEqual([]);
      expect(masked.text, text).toBe(text);
    }
  });
});
