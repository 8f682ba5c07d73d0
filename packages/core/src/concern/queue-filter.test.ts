import { describe, expect, it } from "vitest";
import { registerConcern } from "../intake/register-concern.js";
import { routeConcern } from "../routing/route-concern.js";
import { index } from "../testing/random-histories.js";
import { officialCalendar } from "../time/working-calendar.js";
import type { Concern } from "./concern.js";
import {
  closedRangeOf,
  closedReadSlices,
  listQueue,
  matchesQueueFilter,
  QueueParams,
  queueFilterOf,
  queuePage,
  queueStageOf,
  statusesOf,
} from "./queue-filter.js";

const now = new Date("2026-12-07T02:00:00Z");
let seq = 0;

function concern(over: Partial<Concern> = {}, villageId = "meijing"): Concern {
  const village = index.village(villageId);
  const category = index.category("environment");
  if (!village || !category) throw new Error("demo directory");
  seq++;
  const { concern } = registerConcern({
    input: {
      villageId,
      categoryCode: "environment",
      description: "河水发黑发臭需要治理",
      anonymous: false,
    },
    routing: routeConcern(index, village as never, category as never, null),
    limits: category.limits as never,
    calendar: officialCalendar,
    ledgerNo: `LS-2026-${String(seq).padStart(6, "0")}`,
    accessCode: "7KQ2M9X4PA",
    now: new Date("2026-12-06T02:00:00Z"),
    newEventId: () => "e",
  });
  return { ...concern, ...over };
}

const parse = (q: Record<string, string>) => QueueParams.parse(q);
const filter = (q: Record<string, string>) => queueFilterOf(parse(q));

describe("the queue's query", () => {
  it("takes comma-separated villages and statuses, flags and dates; defaults open, time left", () => {
    const p = parse({ village: "meijing, doumen", status: "answered,open", supervised: "false" });
    expect(p.village).toEqual(["meijing", "doumen"]);
    expect(p.supervised).toBe(false);
    expect(p.sort).toBe("time_left");
    expect(p.scope).toBe("mine");
    expect(statusesOf(p.status)).toEqual([
      "triage",
      "assigned",
      "accepted",
      "in_progress",
      "deferred",
      "answered",
    ]);
    expect(statusesOf(undefined)).not.toContain("answered");
    expect(statusesOf(["closed"])).toEqual(["struck_off", "merged"]);
    // An empty form field is no filter.
    expect(parse({ village: "", stage: "", overdue: "" })).toMatchObject({
      village: undefined,
      stage: undefined,
      overdue: undefined,
    });
    // The issue's name for 首次回应 in links is read as core's.
    expect(parse({ stage: "first_response" })).toMatchObject({ stage: "respond" });
  });

  it("refuses bad values, naming the field", () => {
    const bad: Array<[Record<string, string>, string]> = [
      [{ stage: "first_resp" }, "stage"],
      [{ overdue: "yes" }, "overdue"],
      [{ village: "meijing,meijing" }, "village"],
      [{ village: "a b" }, "village"],
      [{ rating: "satisfied" }, "rating"],
      [{ channel: "fax" }, "channel"],
      [{ from: "2026-02-30" }, "from"],
      [{ from: "2026-13-01" }, "from"],
      [{ to: "12/08/2026" }, "to"],
      [{ from: "2026-12-08", to: "2026-12-01" }, "to"],
      [{ sort: "title" }, "sort"],
      [{ status: "open,done" }, "status"],
    ];
    for (const [q, field] of bad) {
      const r = QueueParams.safeParse(q);
      expect(r.success, JSON.stringify(q)).toBe(false);
      expect(r.error?.issues[0]?.path[0], JSON.stringify(q)).toBe(field);
    }
  });
});

describe("matching", () => {
  it("each filter keeps what it names and drops the rest", () => {
    const base = concern();
    const m = (c: Concern, q: Record<string, string>) => matchesQueueFilter(c, filter(q), now);
    expect(m(base, {})).toBe(true);
    expect(m({ ...base, status: "answered" }, {})).toBe(false);
    expect(m({ ...base, status: "answered" }, { status: "answered" })).toBe(true);
    expect(m(base, { stage: "sign_for" })).toBe(true);
    expect(m(base, { stage: "respond" })).toBe(false);
    expect(m({ ...base, status: "accepted" }, { stage: "respond" })).toBe(true);
    expect(
      m({ ...base, status: "deferred", committedDate: "2026-12-20" }, { stage: "answer" }),
    ).toBe(true);
    const overdue = {
      ...base,
      deadlines: { ...base.deadlines, signForBy: "2026-12-06T03:00:00Z" },
    };
    expect(m(overdue, { overdue: "true" })).toBe(true);
    expect(m(base, { overdue: "true" })).toBe(false);
    expect(m(base, { overdue: "false" })).toBe(true);
    expect(m(base, { village: "doumen,meijing" })).toBe(true);
    expect(m(base, { village: "doumen" })).toBe(false);
    expect(m({ ...base, groupId: "meijing-01" }, { group: "meijing-01" })).toBe(true);
    expect(m(base, { group: "meijing-02" })).toBe(false);
    expect(m(base, { category: "environment" })).toBe(true);
    expect(m(base, { category: "other" })).toBe(false);
    expect(m(base, { department: base.routing.department.id })).toBe(true);
    expect(m(base, { department: "nobody" })).toBe(false);
    expect(m(base, { assignee: "none" })).toBe(true);
    const assigned = { ...base, assignee: { id: "c-1", name: "干部" } };
    expect(m(assigned, { assignee: "c-1" })).toBe(true);
    expect(m(assigned, { assignee: "none" })).toBe(false);
    const flagged = { ...base, flags: { overdue: false, supervised: true, reopened: true } };
    expect(m(flagged, { supervised: "true", reopened: "true" })).toBe(true);
    expect(m(base, { supervised: "true" })).toBe(false);
    expect(m(base, { reopened: "true" })).toBe(false);
    expect(m({ ...base, dissatisfiedCount: 1 }, { rating: "dissatisfied" })).toBe(true);
    expect(m(base, { rating: "dissatisfied" })).toBe(false);
    const answered = { ...base, status: "answered" as const, answeredAt: "2026-12-06T05:00:00Z" };
    expect(m(answered, { status: "answered", rating: "unrated" })).toBe(true);
    const rated = {
      ...answered,
      rating: { rating: "satisfied" as const, comment: null, at: "2026-12-06T06:00:00Z" },
    };
    expect(m(rated, { status: "answered", rating: "unrated" })).toBe(false);
    expect(m(base, { rating: "unrated" })).toBe(false);
    expect(m(base, { channel: base.channel })).toBe(true);
    expect(m(base, { channel: "open311" })).toBe(false);
  });

  it("reads from/to as registration days in Asia/Shanghai", () => {
    // 2026-12-06T02:00Z is 10:00 on 6 December in Shanghai; 17:00Z on the 5th is the 6th's 01:00.
    const c = concern();
    const m = (x: Concern, q: Record<string, string>) => matchesQueueFilter(x, filter(q), now);
    expect(m(c, { from: "2026-12-06", to: "2026-12-06" })).toBe(true);
    expect(m(c, { from: "2026-12-07" })).toBe(false);
    expect(m(c, { to: "2026-12-05" })).toBe(false);
    const early = { ...c, createdAt: "2026-12-05T17:00:00.000Z" };
    expect(m(early, { from: "2026-12-06" })).toBe(true);
    expect(m({ ...c, createdAt: "2026-12-05T15:59:59.999Z" }, { from: "2026-12-06" })).toBe(false);
  });
});

describe("listing, counting and paging", () => {
  const a = concern({ deadlines: { ...concern().deadlines, signForBy: "2026-12-06T03:00:00Z" } });
  const b = concern({ status: "accepted", updatedAt: "2026-12-06T09:00:00Z" });
  const c = concern({ status: "answered", answeredAt: "2026-12-06T05:00:00Z" });
  const d = concern({ status: "struck_off", closedAt: "2026-12-06T08:00:00Z" });
  const all = [d, c, b, a];

  it("counts the list shown and names the hidden statuses (never the closed)", () => {
    const { rows, counts, hidden } = listQueue(all, filter({}), "time_left", now);
    expect(rows.map((r) => r.ledgerNo)).toEqual([a.ledgerNo, b.ledgerNo]);
    expect(counts).toEqual({
      total: 2,
      overdue: 1,
      byStatus: { assigned: 1, accepted: 1 },
      byStage: { sign_for: 1, respond: 1 },
    });
    expect(hidden).toEqual({ answered: 1 });
    const both = listQueue(all, filter({ status: "open,answered" }), "time_left", now);
    expect(both.counts.total).toBe(3);
    expect(both.hidden).toEqual({});
    // Overdue only: the answered item is not overdue, so nothing is hidden.
    const late = listQueue(all, filter({ overdue: "true" }), "time_left", now);
    expect(late.counts.total).toBe(1);
    expect(late.hidden).toEqual({});
  });

  it("sorts by time left (open, answered, closed newest first), registered, last change", () => {
    const f = filter({ status: "open,answered,closed" });
    expect(listQueue(all, f, "time_left", now).rows.map((r) => r.ledgerNo)).toEqual([
      a.ledgerNo,
      b.ledgerNo,
      c.ledgerNo,
      d.ledgerNo,
    ]);
    const changed = listQueue(all, f, "last_change", now).rows.map((r) => r.ledgerNo);
    expect(changed[0]).toBe(b.ledgerNo);
    // Same registration time: by number.
    expect(listQueue(all, f, "registered", now).rows.map((r) => r.ledgerNo)).toEqual(
      [a, b, c, d].map((x) => x.ledgerNo).sort(),
    );
  });

  it("pages after the last row's key, even if that row left the list", () => {
    const rows = listQueue(all, filter({ status: "open,answered,closed" }), "time_left", now).rows;
    const first = queuePage(rows, "time_left", 2);
    expect(first.rows).toHaveLength(2);
    expect(first.next?.ledgerNo).toBe(b.ledgerNo);
    const second = queuePage(rows, "time_left", 2, first.next ?? undefined);
    expect(second.rows.map((r) => r.ledgerNo)).toEqual([c.ledgerNo, d.ledgerNo]);
    expect(second.next).toBeNull();
    const without = rows.filter((r) => r.ledgerNo !== b.ledgerNo);
    expect(queuePage(without, "time_left", 2, first.next ?? undefined).rows[0]?.ledgerNo).toBe(
      c.ledgerNo,
    );
  });

  it("names the stage: a committed date is the answer's limit; answered has none", () => {
    expect(queueStageOf(a)).toBe("sign_for");
    expect(queueStageOf({ ...a, status: "in_progress" })).toBe("answer");
    expect(queueStageOf(c)).toBeNull();
    expect(queueStageOf(d)).toBeNull();
  });
});

describe("closed items' date range", () => {
  it("defaults to the last 30 days, and reads month by month, newest first, back to from", () => {
    expect(closedRangeOf(parse({}), now)).toEqual({ from: "2026-11-08", to: "2026-12-07" });
    expect(closedRangeOf(parse({ from: "2026-10-01" }), now)).toEqual({
      from: "2026-10-01",
      to: "2026-12-07",
    });
    const slices = closedReadSlices("2026-10-15", "2026-12-07T02:00:00.000Z");
    expect(slices).toEqual([
      { from: "2026-11-30T16:00:00.000Z", to: "2026-12-07T02:00:00.000Z" },
      { from: "2026-10-31T16:00:00.000Z", to: "2026-11-30T16:00:00.000Z" },
      { from: "2026-10-14T16:00:00.000Z", to: "2026-10-31T16:00:00.000Z" },
    ]);
    expect(closedReadSlices("2026-12-08", "2026-12-07T02:00:00.000Z")).toEqual([]);
  });
});
