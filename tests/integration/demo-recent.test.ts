import {
  type Concern,
  categoryFigures,
  indexDirectory,
  noticeHighlights,
  ratesOf,
  shanghaiMonth,
  sumCounters,
} from "@lianxin/core";
import { buildDemoDirectory, DEMO_SURGE } from "@lianxin/core/demo";
import { seedRecentDemo } from "@lianxin/functions/local";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../support/api.js";

/** A fixed "today" (Wednesday 10:00 in Shanghai): the demo is played up to it. */
const NOW = new Date("2026-12-09T02:00:00.000Z");
const DAY = 86_400_000;
const directory = buildDemoDirectory();
const index = indexDirectory(directory);
const thisMonth = shanghaiMonth(NOW);
const lastMonth = shanghaiMonth(new Date(Date.parse(`${thisMonth}-01T00:00:00Z`) - DAY));
const firstMonth = shanghaiMonth(new Date(NOW.getTime() - 366 * DAY));

let api: TestApi;
let seeded: Awaited<ReturnType<typeof seedRecentDemo>>;
let concerns: Concern[];

/** A scope's counters over the demo's year, by month. */
const countersOf = async (kind: string, id: string, months?: string[]) => {
  const rows = await api.deps.store.readCounters({ kind, id }, firstMonth, thisMonth);
  return sumCounters(
    rows
      .filter((r) => r.member === null && (!months || months.includes(r.month)))
      .map((r) => r.counters),
  );
};

beforeAll(async () => {
  api = await createTestApi({ now: () => NOW });
  seeded = await seedRecentDemo(api.deps, directory, {
    now: NOW,
    log: (line) => console.log(line),
  });
  concerns = [];
  for (const no of seeded.ledgerNos) {
    const found = await api.deps.store.getConcernWithEvents(no);
    if (found) concerns.push(found.concern);
  }
}, 240_000);

describe("the recent demo (issue 17)", () => {
  it("plays every planned concern through the use cases without a failure", () => {
    expect(seeded.failures).toEqual([]);
    expect(concerns).toHaveLength(seeded.concerns);
    expect(seeded.concerns).toBeGreaterThan(200);
    // Seeding runs once at npm start: it must stay quick.
    expect(seeded.seconds).toBeLessThan(180);
  });

  it("separates departments: not every response or on-time rate is 100 %", async () => {
    const departments = [...new Set(concerns.map((c) => c.routing.department.id))];
    const rates = await Promise.all(
      departments.map(async (id) => ({ id, ...ratesOf(await countersOf("department", id)) })),
    );
    const response = rates.map((r) => r.response).filter((r): r is number => r !== null);
    const onTime = rates.map((r) => r.onTimeClosure).filter((r): r is number => r !== null);
    expect(response.filter((r) => r < 1).length).toBeGreaterThanOrEqual(2);
    expect(new Set(onTime.map((r) => r.toFixed(3))).size).toBeGreaterThanOrEqual(3);
    const slow = rates.find((r) => r.id === "planning-construction");
    const usual = rates.find((r) => r.id === "agri-service");
    expect(slow?.response ?? 1).toBeLessThan(usual?.response ?? 0);
  });

  it("has a department with items overdue now, recorded so by the job", () => {
    const overdue = concerns.filter(
      (c) =>
        !["answered", "struck_off", "merged"].includes(c.status) &&
        Date.parse(c.deadlines.answerBy) < NOW.getTime(),
    );
    expect(overdue.length).toBeGreaterThanOrEqual(1);
    expect(overdue.every((c) => c.flags.overdue && c.flags.supervised)).toBe(true);
    expect(overdue.map((c) => c.routing.department.id)).toContain("planning-construction");
  });

  it("has ratings of every kind: satisfaction is under 100 % in the town and some units", async () => {
    const town = sumCounters(
      await Promise.all(directory.villages.map((v) => countersOf("village", v.id))),
    );
    expect(town.ratedSatisfied).toBeGreaterThan(0);
    expect(town.ratedBasically).toBeGreaterThan(0);
    expect(town.ratedDissatisfied).toBeGreaterThan(0);
    expect(ratesOf(town).satisfaction).toBeLessThan(1);
    expect(ratesOf(town).satisfaction).toBeGreaterThan(0.7);
    expect(town.returned).toBeGreaterThan(0);
    expect(town.reopened).toBeGreaterThan(0);
    expect(concerns.some((c) => c.flags.supervised && !c.flags.overdue)).toBe(true);
  });

  it("varies by month, and this month's 环境与河道 in 梅泾村 is up on last month", async () => {
    const byMonth = new Map<string, number>();
    for (const c of concerns) {
      const m = shanghaiMonth(new Date(c.createdAt));
      byMonth.set(m, (byMonth.get(m) ?? 0) + 1);
    }
    expect(byMonth.size).toBeGreaterThanOrEqual(12);
    const full = [...byMonth].filter(([m]) => m !== thisMonth).map(([, n]) => n);
    expect(Math.max(...full) - Math.min(...full)).toBeGreaterThanOrEqual(10);
    const received = async (month: string) =>
      categoryFigures(await countersOf("village", DEMO_SURGE.villageId, [month])).received[
        DEMO_SURGE.categoryCode
      ] ?? 0;
    const now = await received(thisMonth);
    const before = await received(lastMonth);
    expect(now).toBeGreaterThanOrEqual(DEMO_SURGE.count);
    expect(now).toBeGreaterThan(2 * before);
    // The department's counters carry it too (the hot-topics table reads either).
    const env = categoryFigures(await countersOf("department", "env-bureau", [thisMonth]));
    expect(env.received.environment).toBeGreaterThanOrEqual(DEMO_SURGE.count);
  });

  it("publishes a notice for every concern struck off in the last three months, with no highlight left", async () => {
    const since = NOW.getTime() - 92 * DAY;
    const recent = concerns.filter(
      (c) => c.status === "struck_off" && Date.parse(c.closedAt ?? "") >= since,
    );
    expect(recent.length).toBeGreaterThan(50);
    for (const c of recent) {
      const notice = await api.deps.store.getNotice(c.ledgerNo);
      expect(notice?.state, c.ledgerNo).toBe("published");
      const highlights = noticeHighlights(
        notice as NonNullable<typeof notice>,
        index,
        api.deps.personTagger,
      );
      expect(highlights, `${c.ledgerNo} ${notice?.summary}`).toEqual({
        summary: [],
        publicReply: [],
      });
    }
    const wall = await api.deps.store.listNotices({ state: "published", limit: 20 });
    expect(wall.items.length).toBe(20);
  });

  it("gives the inspectors' lists something to show", () => {
    expect(concerns.some((c) => c.dissatisfiedCount >= 2 && c.reopenCount >= 1)).toBe(true);
    expect(concerns.some((c) => c.returnCount >= 3)).toBe(true);
    expect(concerns.some((c) => c.categoryCode === "cadre_conduct")).toBe(true);
    const writers = new Map<string, Concern[]>();
    for (const c of concerns) {
      const key = `${c.contact.phone}|${c.villageId}|${c.categoryCode}`;
      writers.set(key, [...(writers.get(key) ?? []), c]);
    }
    const repeated = [...writers.values()].find((list) => list.length >= 3) ?? [];
    const times = repeated.map((c) => Date.parse(c.createdAt)).sort((a, b) => a - b);
    expect(times).toHaveLength(3);
    expect((times[2] as number) - (times[0] as number)).toBeLessThan(90 * DAY);
  });

  it("writes the period index with each event (the drill-down behind a period figure)", async () => {
    const departments = [...new Set(concerns.map((c) => c.routing.department.id))];
    let listedInAll = 0;
    for (const id of departments) {
      for (const fact of ["closed", "ratedDissatisfied"] as const) {
        const counted = (await countersOf("department", id, [lastMonth]))[fact] ?? 0;
        const listed = await api.deps.store.readPeriodIndex({
          scope: { kind: "department", id },
          month: lastMonth,
          fact,
          limit: 200,
        });
        expect(listed.items, `${id} ${fact}`).toHaveLength(counted);
        listedInAll += counted;
      }
    }
    expect(listedInAll).toBeGreaterThan(10);
  });
});
