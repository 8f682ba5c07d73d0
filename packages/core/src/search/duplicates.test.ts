import { describe, expect, it } from "vitest";
import {
  DUPLICATE_WINDOW_DAYS,
  type DuplicateFacts,
  isDuplicateCandidate,
  rankDuplicates,
  scorePercent,
  termSimilarity,
  termWeights,
} from "./duplicates.js";
import { concernTerms } from "./terms.js";

const now = new Date("2026-12-06T08:00:00Z");
const DAY = 86_400_000;

function facts(no: number, over: Partial<DuplicateFacts> = {}): DuplicateFacts {
  return {
    ledgerNo: `LS-2026-${String(no).padStart(6, "0")}`,
    villageId: "park",
    categoryCode: "roads_lighting",
    status: "assigned",
    closedAt: null,
    mergedInto: null,
    ...over,
  };
}
const terms = (text: string) => concernTerms({ description: text });

describe("termSimilarity", () => {
  it("is the Dice coefficient of the term sets, 1 for the same text and 0 for none shared", () => {
    expect(termSimilarity(["ab", "bc"], ["ab", "bc"])).toBe(1);
    expect(termSimilarity(["ab", "bc"], ["cd"])).toBe(0);
    // 2·1 / (2 + 2); repeated terms count once.
    expect(termSimilarity(["ab", "bc", "ab"], ["ab", "cd"])).toBe(0.5);
    expect(termSimilarity([], [])).toBe(0);
  });

  it("weights rare terms over common ones", () => {
    const weight = termWeights([
      ["路灯", "洛杨"],
      ["路灯", "洛杨"],
      ["路灯", "枫杨"],
      ["路灯", "坑洼"],
    ]);
    expect(weight("洛杨")).toBeGreaterThan(weight("路灯"));
    const sharesRare = termSimilarity(["路灯", "洛杨"], ["洛杨", "坑洼"], weight);
    const sharesCommon = termSimilarity(["路灯", "洛杨"], ["路灯", "坑洼"], weight);
    expect(sharesRare).toBeGreaterThan(sharesCommon);
  });

  it("shows as a whole percentage", () => {
    expect(scorePercent(0.724)).toBe(72);
    expect(scorePercent(1.2)).toBe(100);
    expect(scorePercent(-1)).toBe(0);
  });
});

describe("isDuplicateCandidate", () => {
  const opened = facts(1);
  it("takes the same village's open and answered concerns at any age", () => {
    expect(isDuplicateCandidate(opened, facts(2), now)).toBe(true);
    expect(isDuplicateCandidate(opened, facts(3, { status: "answered" }), now)).toBe(true);
    expect(isDuplicateCandidate(opened, facts(4, { villageId: "meijing" }), now)).toBe(false);
    expect(isDuplicateCandidate(opened, facts(1), now)).toBe(false);
  });

  it("takes closed concerns within the window only, and never merged ones", () => {
    const closed = (days: number) =>
      facts(5, {
        status: "struck_off",
        closedAt: new Date(now.getTime() - days * DAY).toISOString(),
      });
    expect(isDuplicateCandidate(opened, closed(DUPLICATE_WINDOW_DAYS - 1), now)).toBe(true);
    expect(isDuplicateCandidate(opened, closed(DUPLICATE_WINDOW_DAYS + 1), now)).toBe(false);
    expect(isDuplicateCandidate(opened, facts(6, { status: "struck_off" }), now)).toBe(false);
    const merged = facts(7, {
      status: "merged",
      mergedInto: "LS-2026-000002",
      closedAt: now.toISOString(),
    });
    expect(isDuplicateCandidate(opened, merged, now)).toBe(false);
  });
});

describe("rankDuplicates", () => {
  const opened = {
    concern: facts(1),
    terms: terms("洛杨路的路灯坏了一个多月，晚上一片漆黑"),
  };
  const lights = { concern: facts(2), terms: terms("洛杨路路灯不亮，晚上漆黑") };
  const road = { concern: facts(3), terms: terms("洛杨路路面坑洼，下雨积水") };
  const other = { concern: facts(4), terms: terms("垃圾桶满了没人清运") };

  it("lists the alike first with its score, and nothing that shares no term", () => {
    const ranked = rankDuplicates(opened, [road, other, lights], now);
    expect(ranked.map((r) => r.concern.ledgerNo)).toEqual([
      lights.concern.ledgerNo,
      road.concern.ledgerNo,
    ]);
    expect(ranked[0]?.score).toBeGreaterThan(ranked[1]?.score ?? 1);
    expect(ranked[0]?.score).toBeLessThanOrEqual(1);
  });

  it("puts the same category first, then the score", () => {
    const safety = { concern: facts(5, { categoryCode: "safety_hazard" }), terms: lights.terms };
    const ranked = rankDuplicates(opened, [safety, road], now);
    expect(ranked.map((r) => r.concern.ledgerNo)).toEqual([
      road.concern.ledgerNo,
      safety.concern.ledgerNo,
    ]);
  });

  it("leaves out other villages, itself, merged and long-closed concerns, and the floor's", () => {
    const ranked = rankDuplicates(
      opened,
      [
        { concern: facts(6, { villageId: "meijing" }), terms: lights.terms },
        { concern: opened.concern, terms: opened.terms },
        {
          concern: facts(7, { status: "merged", mergedInto: "LS-2026-000002" }),
          terms: lights.terms,
        },
        {
          concern: facts(8, {
            status: "struck_off",
            closedAt: new Date(now.getTime() - 100 * DAY).toISOString(),
          }),
          terms: lights.terms,
        },
        lights,
      ],
      now,
      { floor: 0.01 },
    );
    expect(ranked.map((r) => r.concern.ledgerNo)).toEqual([lights.concern.ledgerNo]);
    expect(rankDuplicates(opened, [lights], now, { floor: 0.99 })).toEqual([]);
  });

  it("scores near-twins high in a village with few concerns", () => {
    const [twin] = rankDuplicates(
      { concern: facts(1), terms: terms("倪巷浜河水发黑发臭，夏天气味很大，希望尽快治理。") },
      [{ concern: facts(2), terms: terms("倪巷浜的河水发黑发臭，热天气味很大，请尽快治理。") }],
      now,
    );
    expect(twin?.score).toBeGreaterThan(0.5);
  });

  it("lists at most five", () => {
    const many = Array.from({ length: 8 }, (_, i) => ({
      concern: facts(10 + i),
      terms: lights.terms,
    }));
    expect(rankDuplicates(opened, many, now)).toHaveLength(5);
  });
});
