import { describe, expect, it } from "vitest";
import { buildDemoDirectory } from "../directory/demo-directory.js";
import { indexDirectory } from "../directory/lookup.js";
import { currentHoldings } from "../grid/compliance.js";
import type { Counters } from "./counters.js";
import {
  complianceKeys,
  DEFAULT_RANKING_RULES,
  type PresenceKey,
  rankUnits,
  slowestUnits,
  type UnitFigures,
  unitCompliance,
} from "./ranking.js";

/** Counters of `n` concerns, all due and closed; `good` of them well handled. */
function counters(n: number, good: number, extra: Counters = {}): Counters {
  return {
    received: n,
    dueForResponse: n,
    respondedInTime: good,
    closed: n,
    closedResolved: good,
    closedOnTime: good,
    ratedSatisfied: good,
    ratedDissatisfied: n - good,
    ...extra,
  };
}
const unit = (id: string, c: Counters, over: Partial<UnitFigures> = {}): UnitFigures => ({
  id,
  name: id,
  counters: c,
  compliance: 1,
  overdueNow: 0,
  ...over,
});

describe("rankUnits", () => {
  it("ranks on the composite score, not one rate", () => {
    // Both answer every item in time; b resolves fewer and leaves residents dissatisfied.
    const a = unit("a", counters(10, 10));
    const b = unit("b", { ...counters(10, 6), respondedInTime: 10 });
    const r = rankUnits([b, a]);
    expect(r.ranked.map((u) => u.id)).toEqual(["a", "b"]);
    expect(r.ranked[0]?.measures.response).toBe(1);
    expect(r.ranked[1]?.measures.response).toBe(1);
    expect(r.ranked[0]?.score).toBe(100);
    expect(r.ranked[1]?.score).toBeLessThan(100);
  });

  it("breaks ties on overdue count, then median time to close", () => {
    const base = counters(5, 5);
    const slow = unit("slow", { ...base, ct8: 5 }); // closes within 720 h
    const fast = unit("fast", { ...base, ct2: 5 }); // within 4 h
    const late = unit("late", { ...base, ct0: 5, overdue: 1 });
    const r = rankUnits([late, slow, fast]);
    expect(r.ranked.map((u) => [u.id, u.score])).toEqual([
      ["fast", 100],
      ["slow", 100],
      ["late", 100],
    ]);
    expect(r.ranked.map((u) => u.rank)).toEqual([1, 2, 3]);
  });

  it("lists units under the minimum apart, and leaves out units with nothing", () => {
    const r = rankUnits([
      unit("enough", counters(3, 3)),
      unit("few", counters(2, 2)),
      unit("none", {}),
      unit("stale", {}, { overdueNow: 1 }),
    ]);
    expect(r.ranked.map((u) => u.id)).toEqual(["enough"]);
    expect(r.insufficient.map((u) => u.id)).toEqual(["few", "stale"]);
    expect(r.idle).toBe(1);
    // A higher minimum moves "enough" apart too.
    const strict = rankUnits([unit("enough", counters(3, 3))], {
      ...DEFAULT_RANKING_RULES,
      minReceived: 4,
    });
    expect(strict.ranked).toEqual([]);
    expect(strict.insufficient.map((u) => u.id)).toEqual(["enough"]);
  });

  it("puts below-threshold units and units overdue now on the 黑榜, worst first", () => {
    const r = rankUnits([
      unit("good", counters(10, 10)),
      unit("poor", counters(10, 2)),
      unit("middling", counters(10, 7)),
      unit("stuck", counters(10, 10), { overdueNow: 2 }),
    ]);
    const score = (id: string) => r.ranked.find((u) => u.id === id)?.score ?? 0;
    expect(score("poor")).toBeLessThan(score("middling"));
    expect(score("middling")).toBeLessThan(80);
    expect(r.black.map((u) => [u.id, u.black])).toEqual([
      ["poor", ["score"]],
      ["middling", ["score"]],
      ["stuck", ["overdue_now"]],
    ]);
    // The 红榜 is the best not on the 黑榜.
    expect(r.red.map((u) => u.id)).toEqual(["good"]);
  });

  it("has an empty 黑榜 when everyone is at or above the threshold", () => {
    // 80 exactly is not below 80.
    const r = rankUnits(
      [unit("a", counters(10, 10)), unit("b", counters(10, 9)), unit("c", counters(5, 5))],
      { ...DEFAULT_RANKING_RULES, top: 2 },
    );
    expect(r.black).toEqual([]);
    expect(r.red.map((u) => u.id)).toEqual(["a", "c"]);
    const edge = rankUnits([unit("x", counters(5, 5))], {
      ...DEFAULT_RANKING_RULES,
      threshold: 100,
    });
    expect(edge.black).toEqual([]);
  });

  it("counts compliance with the assessment's weight", () => {
    const r = rankUnits([
      unit("walks", counters(5, 5)),
      unit("stays", counters(5, 5), { compliance: 0 }),
      unit("unknown", counters(5, 5), { compliance: null }),
    ]);
    expect(r.ranked.map((u) => [u.id, u.score])).toEqual([
      ["unknown", 100],
      ["walks", 100],
      ["stays", 85],
    ]);
  });
});

describe("slowestUnits", () => {
  it("orders by median then p90 to close, leaving out units under the minimum", () => {
    const rows = slowestUnits(
      [
        { id: "quick", name: "quick", counters: { received: 4, ct1: 4, rt0: 4 } },
        { id: "tail", name: "tail", counters: { received: 4, ct1: 3, ct9: 1, rt0: 4 } },
        { id: "slow", name: "slow", counters: { received: 4, ct9: 4, rt5: 4 } },
        { id: "tiny", name: "tiny", counters: { received: 1, ct13: 1 } },
        { id: "open", name: "open", counters: { received: 5, rt2: 5 } },
      ],
      3,
    );
    expect(rows.map((r) => r.id)).toEqual(["slow", "tail", "quick", "open"]);
    expect(rows[0]?.close).toEqual({ medianHours: 168, p90Hours: 168 });
    expect(rows[1]?.close).toEqual({ medianHours: 2, p90Hours: 168 });
    expect(rows[3]?.close).toBeNull();
  });
});

describe("compliance from the field-work counters", () => {
  const index = indexDirectory(buildDemoDirectory());
  const holdings = currentHoldings(index);
  const village = index.directory.villages[0];
  const dept = index.directory.departments.find((d) => holdings(d.head.id, "2026-01").length);
  if (!village || !dept) throw new Error("demo directory without a village or a holder");
  const months = ["2026-01", "2026-02", "2026-03"];
  const key = (k: PresenceKey) => `${k.villageId}|${k.month}#${k.personId}`;

  it("asks for each unit's duty-holders only, per month", () => {
    const keys = complianceKeys(index, months, holdings).map(key);
    expect(keys).toContain(`${village.id}|2026-01#${village.contactLeaderId}`);
    const held = holdings(dept.head.id, "2026-02")[0];
    expect(keys).toContain(`${held?.villageId}|2026-02#${dept.head.id}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("rates months met over months judged; the month under way counts once met", () => {
    const heldVillage = holdings(dept.head.id, "2026-01")[0]?.villageId as string;
    const present = new Set([
      `${village.id}|2026-01#${village.contactLeaderId}`,
      `${heldVillage}|2026-01#${dept.head.id}`,
      `${heldVillage}|2026-02#${dept.head.id}`,
      `${heldVillage}|2026-03#${dept.head.id}`,
    ]);
    const run = (currentMonth: string) =>
      unitCompliance({
        index,
        months,
        currentMonth,
        holdings,
        present: (k) => present.has(key(k)),
      });
    // Leader there in January only; March under way and not met: 1 of 2.
    expect(run("2026-03").villages.get(village.id)).toBe(0.5);
    expect(run("2026-04").villages.get(village.id)).toBeCloseTo(1 / 3);
    // The head met every month, including the one under way.
    expect(run("2026-03").departments.get(dept.id)).toBe(1);
    // January under way and met counts; another village's leader not there yet: nothing judged.
    expect(run("2026-01").villages.get(village.id)).toBe(1);
    const other = index.directory.villages[1]?.id as string;
    expect(run("2026-01").villages.get(other)).toBeNull();
    expect(run("2026-02").villages.get(other)).toBe(0);
  });

  it("does not judge a head who held no group", () => {
    const idle = index.directory.departments.find((d) => !holdings(d.head.id, "2026-01").length);
    if (!idle) return;
    const c = unitCompliance({
      index,
      months,
      currentMonth: "2026-12",
      holdings,
      present: () => false,
    });
    expect(c.departments.get(idle.id)).toBeNull();
    expect(c.departments.get(dept.id)).toBe(0);
  });
});
