import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildDemoDirectory } from "../directory/demo-directory.js";
import { addMonths, monthIndex } from "../time/months.js";
import {
  coverageSoFar,
  holderAt,
  periodAt,
  planRotation,
  RotationInfeasible,
  type RotationInput,
  type RotationPlan,
  rotationChanges,
  rotationInputFor,
} from "./rotation.js";

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

/** Random planner inputs: 0–10 groups, 0–10 heads, any allowed horizon and interval. */
const inputs = fc
  .record({
    groups: fc.integer({ min: 0, max: 10 }),
    heads: fc.integer({ min: 0, max: 10 }),
    year: fc.integer({ min: 2024, max: 2030 }),
    month: fc.integer({ min: 1, max: 12 }),
    horizonMonths: fc.integer({ min: 12, max: 24 }),
    intervalMonths: fc.integer({ min: 1, max: 2 }),
    holderSeed: fc.array(fc.integer({ min: -1, max: 9 }), { minLength: 10, maxLength: 10 }),
  })
  .map(
    (r): RotationInput => ({
      villageId: "v",
      groupIds: ids("g", r.groups),
      headIds: ids("h", r.heads),
      startMonth: `${r.year}-${String(r.month).padStart(2, "0")}`,
      horizonMonths: r.horizonMonths,
      intervalMonths: r.intervalMonths,
      currentHolders: Object.fromEntries(
        ids("g", r.groups).map((g, i) => {
          const h = r.holderSeed[i] ?? -1;
          return [g, h >= 0 && h < r.heads ? `h-${h}` : null];
        }),
      ),
    }),
  );

const feasible = (i: RotationInput) =>
  i.groupIds.length >= 2 &&
  i.headIds.length >= 1 &&
  i.headIds.length <= i.groupIds.length &&
  i.groupIds.length * i.intervalMonths <= i.horizonMonths;

/** Every month of the plan, in order. */
const monthsOf = (plan: RotationPlan) =>
  Array.from({ length: plan.horizonMonths }, (_, k) => addMonths(plan.startMonth, k));

/** A head's holdings month by month: group id or null. */
function tenures(plan: RotationPlan, head: string): Array<string | null> {
  return monthsOf(plan).map((m) => {
    const p = periodAt(plan, m);
    const entry = Object.entries(p?.holders ?? {}).find(([, h]) => h === head);
    return entry ? entry[0] : null;
  });
}

describe("rotation planner (properties)", () => {
  it("no head holds two groups at once, and no group has two holders", () => {
    fc.assert(
      fc.property(inputs.filter(feasible), (input) => {
        const plan = planRotation(input);
        for (const period of plan.periods) {
          const held = Object.values(period.holders).filter((h): h is string => h !== null);
          // Each head appears at most once per period (a record gives each group one holder).
          expect(new Set(held).size).toBe(held.length);
          expect(Object.keys(period.holders).sort()).toEqual([...input.groupIds].sort());
          for (const h of held) expect(input.headIds).toContain(h);
        }
      }),
    );
  });

  it("each head changes group every 1 or 2 months (the interval), never sitting idle", () => {
    fc.assert(
      fc.property(inputs.filter(feasible), (input) => {
        const plan = planRotation(input);
        for (const head of input.headIds) {
          const months = tenures(plan, head);
          expect(months.every((g) => g !== null)).toBe(true);
          let run = 1;
          for (let k = 1; k < months.length; k++) {
            if (months[k] === months[k - 1]) run++;
            else {
              expect(run).toBe(input.intervalMonths);
              run = 1;
            }
            expect(run).toBeLessThanOrEqual(input.intervalMonths);
          }
          expect(run).toBeGreaterThanOrEqual(1);
          expect(run).toBeLessThanOrEqual(2);
        }
        expect(plan.periods.reduce((s, p) => s + p.months, 0)).toBe(input.horizonMonths);
      }),
    );
  });

  it("every head covers every group within the horizon when it is feasible", () => {
    fc.assert(
      fc.property(inputs.filter(feasible), (input) => {
        const plan = planRotation(input);
        const last = addMonths(plan.startMonth, plan.horizonMonths - 1);
        for (const c of coverageSoFar(plan, last)) {
          expect(c.complete).toBe(true);
          expect([...c.covered].sort()).toEqual([...input.groupIds].sort());
        }
      }),
    );
  });

  it("refuses an infeasible request with a clear reason and a way out", () => {
    fc.assert(
      fc.property(
        inputs.filter((i) => !feasible(i)),
        (input) => {
          let error: unknown;
          try {
            planRotation(input);
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(RotationInfeasible);
          const e = error as RotationInfeasible;
          expect(e.code).toBe("validation_failed");
          const problems = Object.values(e.fields ?? {});
          expect(problems).toHaveLength(1);
          const problem = problems[0];
          if (problem?.kind !== "invalid") throw new Error("expected a worded problem");
          expect(problem.message["zh-CN"].length).toBeGreaterThan(10);
          expect(problem.message.en.length).toBeGreaterThan(20);
          const G = input.groupIds.length;
          const H = input.headIds.length;
          const expected =
            G === 0
              ? "no_groups"
              : H === 0
                ? "no_heads"
                : G === 1
                  ? "single_group"
                  : H > G
                    ? "more_heads_than_groups"
                    : "horizon_too_short";
          expect(e.reason).toBe(expected);
          if (expected === "horizon_too_short") {
            expect(e.details?.minimumHorizonMonths).toBe(G * input.intervalMonths);
            expect(problem.message.en).toContain(String(G * input.intervalMonths));
          }
        },
      ),
    );
  });

  it("the first period keeps today's holders where each holds one distinct group", () => {
    fc.assert(
      fc.property(inputs.filter(feasible), (input) => {
        const plan = planRotation(input);
        const first = plan.periods[0]?.holders ?? {};
        const claimed = new Set<string>();
        for (const head of input.headIds) {
          const mine = input.groupIds.find(
            (g) => input.currentHolders?.[g] === head && !claimed.has(g),
          );
          if (!mine) continue;
          claimed.add(mine);
          expect(first[mine]).toBe(head);
        }
      }),
    );
  });
});

describe("rotation planner (examples)", () => {
  const base: RotationInput = {
    villageId: "meijing",
    groupIds: ids("g", 6),
    headIds: ["a", "b"],
    startMonth: "2026-11",
    horizonMonths: 12,
    intervalMonths: 2,
  };

  it("lays periods across the year boundary", () => {
    const plan = planRotation(base);
    expect(plan.periods.map((p) => p.startMonth)).toEqual([
      "2026-11",
      "2027-01",
      "2027-03",
      "2027-05",
      "2027-07",
      "2027-09",
    ]);
    expect(holderAt(plan, "g-0", "2026-12")).toBe("a");
    expect(holderAt(plan, "g-0", "2027-01")).toBe(null);
    expect(holderAt(plan, "g-1", "2027-01")).toBe("a");
    expect(holderAt(plan, "g-0", "2026-10")).toBe(null);
    expect(holderAt(plan, "g-0", "2027-11")).toBe(null);
  });

  it("an odd horizon ends with a one-month period", () => {
    const plan = planRotation({ ...base, horizonMonths: 13 });
    expect(plan.periods.at(-1)).toMatchObject({ startMonth: "2027-11", months: 1 });
  });

  it("coverage grows period by period", () => {
    const plan = planRotation(base);
    expect(coverageSoFar(plan, "2026-10").map((c) => c.covered)).toEqual([[], []]);
    expect(coverageSoFar(plan, "2027-01")).toEqual([
      { headId: "a", covered: ["g-0", "g-1"], total: 6, complete: false },
      { headId: "b", covered: ["g-1", "g-2"], total: 6, complete: false },
    ]);
  });

  it("counts the groups a head logged field work in as walked (钱志刚's 0/6)", () => {
    const plan = planRotation(base);
    const walks = [
      { personId: "a", groupId: "g-4" },
      { personId: "a", groupId: null },
      { personId: "b", groupId: "g-9" },
      { personId: "someone-else", groupId: "g-5" },
    ];
    expect(coverageSoFar(plan, "2026-10", walks).map((c) => c.covered)).toEqual([["g-4"], []]);
    expect(coverageSoFar(plan, "2027-01", walks)[0]).toEqual({
      headId: "a",
      covered: ["g-0", "g-1", "g-4"],
      total: 6,
      complete: false,
    });
    // No plan saved yet: the groups walked still count.
    const noPlan = { groupIds: ids("g", 6), headIds: ["a"], periods: [] };
    expect(coverageSoFar(noPlan, "2026-12", [{ personId: "a", groupId: "g-0" }])).toEqual([
      { headId: "a", covered: ["g-0"], total: 6, complete: false },
    ]);
  });

  it("says what would make a too-short horizon feasible", () => {
    expect(() => planRotation({ ...base, groupIds: ids("g", 7) })).toThrow(
      /need 14 months.*lengthen the horizon to at least 14 months, or rotate every month/,
    );
    expect(() =>
      planRotation({ ...base, groupIds: ids("g", 13), horizonMonths: 12, intervalMonths: 2 }),
    ).toThrow(/rotate every month with a horizon of at least 13 months/);
    expect(() =>
      planRotation({ ...base, groupIds: ids("g", 25), horizonMonths: 24, intervalMonths: 1 }),
    ).toThrow(/rotate the village in parts/);
    expect(() => planRotation({ ...base, headIds: ids("h", 7) })).toThrow(
      /more paired department heads \(7\) than villager groups \(6\)/,
    );
  });

  it("builds the input from the directory and names the changes a month calls for", () => {
    const directory = buildDemoDirectory();
    const village = directory.villages.find((v) => v.id === "yaxi");
    if (!village) throw new Error("demo has 雅西社区");
    const input = rotationInputFor(directory, village, {
      startMonth: "2026-03",
      horizonMonths: 12,
      intervalMonths: 2,
    });
    expect(input.headIds).toEqual(["emergency-head", "petitions-head"]);
    const plan = planRotation(input);
    expect(monthIndex(plan.periods[1]?.startMonth ?? "")).toBe(monthIndex("2026-05"));
    const changes = rotationChanges(village, plan, "2026-05");
    for (const c of changes) {
      expect(c.to).toBe(holderAt(plan, c.groupId, "2026-05"));
      expect(c.from).toBe(village.groups.find((g) => g.id === c.groupId)?.holderId);
    }
    expect(changes.length).toBeGreaterThan(0);
    expect(rotationChanges(village, plan, "2030-01")).toEqual([]);
  });
});
