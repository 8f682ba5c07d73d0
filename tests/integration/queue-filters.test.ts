import type { Concern } from "@lianxin/core";
import { concernItem } from "@lianxin/store";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, smellyCreek, submit, type TestApi } from "../support/api.js";
import { loginAs, staff } from "../support/staff.js";

/**
 * The staff queue's filters (issue 16), each a query parameter the leaders' dashboard links
 * to: every filter and some combinations, with their counts; what the status choice hides;
 * closed items within a date range, counted "N+" when the read stopped early.
 *
 * One concern is filed through the API; the others are that concern in other states,
 * written as the store writes concerns (its queue keys from core's `queuePosition`).
 */
const now = new Date("2026-12-07T02:00:00.000Z");
const hoursFrom = (h: number) => new Date(now.getTime() + h * 3_600_000).toISOString();
const daysAgo = (d: number) => hoursFrom(-24 * d);

let api: TestApi;
let admin: string;
let byNo: Record<string, string> = {};

type Row = { ledgerNo: string; stage: string | null; version: number; lastChangedAt: string };
type Answer = {
  items: Row[];
  counts: {
    total: number;
    more: boolean;
    overdue: number;
    byStatus: Record<string, number>;
    byStage: Record<string, number>;
  };
  hidden: Record<string, number>;
  closedRange: { from: string; to: string; complete: boolean; readFrom: string | null } | null;
  nextCursor: string | null;
  bulkActions: string[];
};

async function queue(query: string, token = admin): Promise<Answer> {
  const res = await staff(api, token, "GET", `/api/staff/queue?${query}`);
  expect(res.status, `${query}: ${await res.clone().text()}`).toBe(200);
  return res.json();
}
/** The seeded names (A, B…) of a list, in its order. */
const names = (a: Answer) => a.items.map((i) => byNo[i.ledgerNo] ?? i.ledgerNo);

beforeAll(async () => {
  api = await createTestApi({ now: () => now });
  admin = await loginAs(api, "admin");
  const res = await submit(api, { ...smellyCreek, groupId: "meijing-01" });
  expect(res.status).toBe(201);
  const { ledgerNo } = await res.json();
  const filed = await api.deps.store.getConcernWithEvents(ledgerNo);
  if (!filed) throw new Error("not filed");
  const t = filed.concern;
  byNo = { [t.ledgerNo]: "A" };
  let n = 900;
  const variant = (name: string, over: Partial<Concern>): Concern => {
    const no = `LS-2026-${String(++n).padStart(6, "0")}`;
    byNo[no] = name;
    return { ...t, ledgerNo: no, groupId: null, ...over };
  };
  const d = t.deadlines;
  const seeded = [
    variant("B", {
      createdAt: daysAgo(3),
      updatedAt: daysAgo(3),
      deadlines: { ...d, signForBy: hoursFrom(-1) },
    }),
    variant("C", {
      villageId: "doumen",
      status: "accepted",
      channel: "phone",
      assignee: { id: "staff-cadre", name: "干部" },
      flags: { overdue: false, supervised: true, reopened: false },
      createdAt: daysAgo(2),
      updatedAt: hoursFrom(-1),
      deadlines: { ...d, respondBy: hoursFrom(30) },
    }),
    variant("D", {
      villageId: "doumen",
      status: "in_progress",
      categoryCode: "roads_lighting",
      routing: { ...t.routing, department: { id: "urban-management", name: "城管" } },
      flags: { overdue: true, supervised: false, reopened: true },
      dissatisfiedCount: 1,
      reopenCount: 1,
      createdAt: daysAgo(10),
      updatedAt: daysAgo(1),
      deadlines: { ...d, answerBy: hoursFrom(-5) },
    }),
    variant("E", {
      villageId: "yaxi",
      status: "answered",
      channel: "phone",
      answeredAt: daysAgo(1),
      createdAt: daysAgo(4),
      updatedAt: daysAgo(1),
    }),
    variant("F", {
      villageId: "yaxi",
      status: "answered",
      answeredAt: daysAgo(2),
      rating: { rating: "satisfied", comment: null, at: daysAgo(1) },
      createdAt: daysAgo(4),
      updatedAt: daysAgo(1),
    }),
    variant("G", {
      status: "struck_off",
      closedAt: daysAgo(2),
      answeredAt: daysAgo(3),
      createdAt: daysAgo(5),
      updatedAt: daysAgo(2),
    }),
    variant("H", {
      status: "merged",
      mergedInto: t.ledgerNo,
      closedAt: daysAgo(40),
      createdAt: daysAgo(45),
      updatedAt: daysAgo(40),
    }),
    // A complaint about a cadre's conduct: only inspectors and admin list it.
    variant("X", {
      categoryCode: "cadre_conduct",
      routing: {
        ...t.routing,
        department: { id: "discipline", name: "纪委" },
        visibility: "discipline",
      },
    }),
  ];
  await api.deps.store.seedItems(seeded.map(concernItem));
});

describe("the default list", () => {
  it("is the open items, counted exactly, with the answered ones named as hidden", async () => {
    const all = await queue("scope=all");
    expect(names(all)).toEqual(["D", "B", "C", "A", "X"]);
    expect(all.counts).toEqual({
      total: 5,
      more: false,
      overdue: 2,
      byStatus: { assigned: 3, accepted: 1, in_progress: 1 },
      byStage: { sign_for: 3, respond: 1, answer: 1 },
    });
    expect(all.hidden).toEqual({ answered: 2 });
    expect(all.closedRange).toBeNull();
    expect(all.items.map((i) => i.stage)).toEqual([
      "answer",
      "sign_for",
      "respond",
      "sign_for",
      "sign_for",
    ]);
    expect(all.items.every((i) => Number.isInteger(i.version) && i.version > 0)).toBe(true);
    // With the answered ones: nothing hidden, sorted after the open work.
    const both = await queue("scope=all&status=open,answered");
    expect(names(both)).toEqual(["D", "B", "C", "A", "X", "F", "E"]);
    expect(both.counts.total).toBe(7);
    expect(both.hidden).toEqual({});
    // One status: the other open ones are named too.
    const accepted = await queue("scope=all&status=accepted");
    expect(names(accepted)).toEqual(["C"]);
    expect(accepted.hidden).toEqual({ assigned: 3, in_progress: 1, answered: 2 });
  });

  it("counts only what the user's piles and rights list (a leader, a head, an inspector)", async () => {
    const leader = await queue("", await loginAs(api, "leader"));
    expect(names(leader).sort()).toEqual(["A", "B", "C", "D"]);
    expect(leader.counts.total).toBe(4);
    const head = await queue("", await loginAs(api, "head"));
    expect(names(head)).toEqual(["B", "C", "A"]);
    expect(head.counts.total).toBe(3);
    expect(head.hidden).toEqual({ answered: 2 });
    const inspector = await queue("", await loginAs(api, "inspector"));
    expect(names(inspector)).toEqual(["X"]);
    expect(inspector.counts.total).toBe(inspector.items.length);
    expect(inspector.bulkActions).toEqual(["accept", "assign", "supervise"]);
    expect(leader.bulkActions).toEqual(["supervise"]);
    expect((await queue("scope=all")).bulkActions).toEqual([
      "accept",
      "dispatch",
      "assign",
      "supervise",
    ]);
  });
});

describe("each filter", () => {
  it.each([
    ["stage=sign_for", ["B", "A", "X"]],
    ["stage=respond", ["C"]],
    ["stage=answer", ["D"]],
    ["overdue=true", ["D", "B"]],
    ["overdue=false", ["C", "A", "X"]],
    ["village=doumen", ["D", "C"]],
    ["village=doumen,yaxi&status=open,answered", ["D", "C", "F", "E"]],
    ["group=meijing-01", ["A"]],
    ["category=roads_lighting", ["D"]],
    ["department=urban-management", ["D"]],
    ["assignee=staff-cadre", ["C"]],
    ["assignee=none", ["D", "B", "A", "X"]],
    ["supervised=true", ["C"]],
    ["supervised=false", ["D", "B", "A", "X"]],
    ["reopened=true", ["D"]],
    ["rating=dissatisfied", ["D"]],
    ["rating=unrated&status=answered", ["E"]],
    ["channel=phone", ["C"]],
    ["from=2026-12-07", ["A", "X"]],
    ["from=2026-12-03&to=2026-12-05", ["B", "C"]],
    ["to=2026-11-30", ["D"]],
  ])("%s", async (query, expected) => {
    const a = await queue(`scope=all&${query}`);
    expect(names(a)).toEqual(expected);
    expect(a.counts.total).toBe(expected.length);
    expect(Object.values(a.counts.byStatus).reduce((s, v) => s + v, 0)).toBe(expected.length);
  });

  it("combine, counts and hidden states following the combination", async () => {
    const a = await queue("scope=all&village=doumen&overdue=true");
    expect(names(a)).toEqual(["D"]);
    expect(a.counts).toMatchObject({ total: 1, overdue: 1, byStage: { answer: 1 } });
    const phone = await queue("scope=all&channel=phone");
    expect(names(phone)).toEqual(["C"]);
    expect(phone.hidden).toEqual({ answered: 1 });
    const none = await queue("scope=all&village=meijing&stage=respond");
    expect(none.items).toEqual([]);
    expect(none.counts.total).toBe(0);
    expect(none.hidden).toEqual({});
    const three = await queue("scope=all&stage=sign_for&assignee=none&from=2026-12-05");
    expect(names(three)).toEqual(["A", "X"]);
  });

  it("sorts by registration and by last change, newest first", async () => {
    expect(names(await queue("scope=all&sort=registered"))).toEqual(["A", "X", "C", "B", "D"]);
    expect(names(await queue("scope=all&sort=last_change"))).toEqual(["A", "X", "C", "D", "B"]);
  });

  it("refuses a bad value with 400 naming the field, in the caller's language", async () => {
    const bad: Array<[string, string]> = [
      ["stage=first", "stage"],
      ["overdue=yes", "overdue"],
      ["village=meijing,meijing", "village"],
      ["rating=good", "rating"],
      ["channel=fax", "channel"],
      ["from=2026-13-01", "from"],
      ["from=2026-12-07&to=2026-12-01", "to"],
      ["sort=title", "sort"],
      ["status=done", "status"],
    ];
    for (const [query, field] of bad) {
      for (const [lang, words] of [
        ["zh-CN", /[\u4e00-\u9fff]/],
        ["en", /^[\x20-\x7e]+$/],
      ] as const) {
        const res = await api.app.request(`/api/staff/queue?scope=all&${query}`, {
          headers: { authorization: `Bearer ${admin}`, "accept-language": lang },
        });
        expect(res.status, query).toBe(400);
        const body = await res.json();
        expect(Object.keys(body.error.fields), query).toEqual([field]);
        expect(body.error.fields[field], `${query} ${lang}`).toMatch(words);
      }
    }
  });
});

describe("closed items", () => {
  it("are listed within the last 30 days by default, or the registration dates given", async () => {
    const closed = await queue("scope=all&status=closed");
    expect(names(closed)).toEqual(["G"]);
    expect(closed.closedRange).toEqual({
      from: "2026-11-08",
      to: "2026-12-07",
      complete: true,
      readFrom: null,
    });
    expect(closed.counts).toMatchObject({ total: 1, more: false, byStatus: { struck_off: 1 } });
    const older = await queue("scope=all&status=closed&from=2026-10-01");
    expect(names(older)).toEqual(["G", "H"]);
    // Open and closed together: the open work first, then the closed newest first.
    expect(
      names(await queue("scope=all&status=open,closed&village=meijing&from=2026-10-01")),
    ).toEqual(["B", "A", "X", "G", "H"]);
  });

  it('are counted "N+" when the read stopped before the range was read, and page on', async () => {
    const t = (await api.deps.store.getConcernWithEvents(Object.keys(byNo)[0] ?? ""))?.concern;
    if (!t) throw new Error("template");
    // 1,100 closings in 20 days, in 梅泾村: more than one request's budget (1,000) in the town.
    const many = Array.from({ length: 1100 }, (_, i): Concern => {
      const closedAt = new Date(now.getTime() - (i + 1) * 26 * 60_000).toISOString();
      return {
        ...t,
        ledgerNo: `LS-2026-${String(5000 + i).padStart(6, "0")}`,
        status: "struck_off",
        createdAt: daysAgo(25),
        updatedAt: closedAt,
        closedAt,
        answeredAt: closedAt,
      };
    });
    await api.deps.store.seedItems(many.map(concernItem));
    const first = await queue("scope=all&status=closed");
    expect(first.counts.more).toBe(true);
    // Every closing read matched (registered 25 days ago): the budget's 1,000, and "more".
    expect(first.counts.total).toBe(1000);
    expect(first.closedRange?.complete).toBe(false);
    expect(first.closedRange?.readFrom).toMatch(/^2026-1[12]-/);
    expect(first.items).toHaveLength(50);
    // Newest closings first, and the next page continues where this one stopped.
    const second = await queue(`scope=all&status=closed&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(50);
    const closings = [...first.items, ...second.items].map((i) => i.lastChangedAt);
    expect(closings).toEqual([...closings].sort().reverse());
    expect(new Set([...first.items, ...second.items].map((i) => i.ledgerNo)).size).toBe(100);
    // The open list is not affected by the closed history: still exact, nothing "N+".
    const open = await queue("scope=all");
    expect(open.counts).toMatchObject({ total: 5, more: false });
    // A filter that matches none of what was read still says the read stopped early: "0+"
    // (the leader's two villages share the budget).
    const leader = await loginAs(api, "leader");
    const none = await queue("status=closed&rating=dissatisfied", leader);
    expect(none.counts).toMatchObject({ total: 0, more: true });
  });
});
