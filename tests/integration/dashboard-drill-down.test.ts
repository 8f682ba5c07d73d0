import { runEscalationJob } from "@lianxin/functions";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, smellyCreek, submit, type TestApi } from "../support/api.js";
import { act, loginAs, staff } from "../support/staff.js";

/**
 * Issue 17's drill-down: every figure of the overview opens the concerns behind it. A
 * present figure's queue link lists exactly as many concerns as the figure says; a period
 * figure's list has exactly its counted events. Concerns go through the real use cases:
 * closed, rated dissatisfied (and so reopened), returned, answered and left unrated,
 * overdue and supervised by the escalation job.
 */
let now = new Date("2026-12-01T01:00:00.000Z");
let api: TestApi;
let t: Record<"admin" | "leader" | "cadre" | "inspector", string>;
let closedNo = "";

type Link = { path: string; query: Record<string, string> };
type Count = { key: string; when: "present" | "period"; value: number; link: Link };

async function ok(res: Response, status = 200) {
  expect(res.status, await res.clone().text()).toBe(status);
  return res.json();
}

async function rate(receipt: { ledgerNo: string; accessCode: string }, rating: string) {
  const res = await api.app.request(`/api/concerns/${receipt.ledgerNo}/feedback`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-access-code": receipt.accessCode },
    body: JSON.stringify({ rating }),
  });
  return ok(res, 201);
}

async function file(villageId: string) {
  const body =
    villageId === "meijing" ? smellyCreek : { ...smellyCreek, villageId, groupId: undefined };
  return ok(await submit(api, body), 201);
}

beforeAll(async () => {
  api = await createTestApi({
    now: () => now,
    sessionHours: 24 * 400,
    limits: {
      submissionsPerHour: 200,
      wrongCodesPer15Minutes: 5,
      messagesPerHour: 20,
      uploadsPerHour: 60,
    },
  });
  t = {
    admin: await loginAs(api, "admin"),
    leader: await loginAs(api, "leader"),
    cadre: await loginAs(api, "cadre"),
    inspector: await loginAs(api, "inspector"),
  };
  const answer = (no: string) =>
    act(api, t.cadre, no, { type: "answer", outcome: "resolved", publicReply: "已清理河道" });
  // Closed: answered, rated satisfied.
  const closed = await file("meijing");
  closedNo = closed.ledgerNo;
  await act(api, t.cadre, closed.ledgerNo, { type: "accept" });
  await answer(closed.ledgerNo);
  await rate(closed, "satisfied");
  // Rated dissatisfied, and so reopened.
  const unhappy = await file("doumen");
  await act(api, t.cadre, unhappy.ledgerNo, { type: "accept" });
  await answer(unhappy.ledgerNo);
  await rate(unhappy, "dissatisfied");
  // Returned to the town office.
  const returned = await file("meijing");
  await ok(await act(api, t.cadre, returned.ledgerNo, { type: "return", reason: "不属本部门" }));
  // Answered, not rated yet.
  const waiting = await file("doumen");
  await act(api, t.cadre, waiting.ledgerNo, { type: "accept" });
  await answer(waiting.ledgerNo);
  // Left alone: overdue and supervised once the job runs. One outside the leader's villages.
  await file("meijing");
  await file("yaxi");
  now = new Date("2026-12-04T01:00:00.000Z");
  await runEscalationJob(api.deps);
});

async function overview(token: string, scope: string) {
  const d = await ok(await staff(api, token, "GET", `/api/staff/dashboard?scope=${scope}`));
  return d as {
    scope: { name: string; value: string };
    overview: { counts: Count[]; rates: Array<{ key: string; previous: { delta: unknown } }> };
  };
}

/** What the queue a present figure links to lists: its count, and its rows page by page. */
async function queueOf(token: string, link: Link) {
  const scope = link.path === "/all" ? "all" : "mine";
  const query = new URLSearchParams({ scope, ...link.query });
  const rows: string[] = [];
  let cursor: string | null = null;
  let total = 0;
  do {
    if (cursor) query.set("cursor", cursor);
    const page = await ok(await staff(api, token, "GET", `/api/staff/queue?${query}`));
    rows.push(...page.items.map((i: { ledgerNo: string }) => i.ledgerNo));
    total = page.counts.total;
    cursor = page.nextCursor;
  } while (cursor);
  return { total, rows };
}

/** A period figure's list, every page. */
async function eventsOf(token: string, link: Link) {
  const query = new URLSearchParams(link.query);
  const rows: Array<{
    ledgerNo: string;
    eventAt: string;
    status: string;
    village: { name: string };
  }> = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    pages++;
    if (cursor) query.set("cursor", cursor);
    const page = await ok(await staff(api, token, "GET", `/api/staff/dashboard/events?${query}`));
    expect(page.available).toBe(true);
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return Object.assign(rows, { pages });
}

const cases = [
  { who: "leader", scope: "villages:mine", name: "陡门村、梅泾村" },
  { who: "admin", scope: "town", name: "全镇" },
  { who: "cadre", scope: "department:env-bureau", name: "环保分局" },
] as const;

describe("the overview's drill-down", () => {
  for (const c of cases) {
    it(`${c.who}, ${c.scope}: each present figure's queue lists exactly that many`, async () => {
      const d = await overview(t[c.who], c.scope);
      expect(d.scope.name).toBe(c.name);
      const present = d.overview.counts.filter((f) => f.when === "present");
      expect(present.map((f) => f.key)).toEqual([
        "backlog",
        "overdueNow",
        "supervised",
        "awaitingRating",
      ]);
      for (const figure of present) {
        const listed = await queueOf(t[c.who], figure.link);
        expect(listed.total, figure.key).toBe(figure.value);
        expect(listed.rows, figure.key).toHaveLength(figure.value);
      }
      // Something behind each, so the comparison cannot pass on empty lists.
      expect(present.every((f) => f.value > 0)).toBe(true);
    });

    it(`${c.who}, ${c.scope}: each period figure's list has exactly its events`, async () => {
      const d = await overview(t[c.who], c.scope);
      const period = d.overview.counts.filter(
        (f) => f.when === "period" && f.link.path === "/dashboard/events",
      );
      expect(period.map((f) => f.key)).toEqual(["closed", "dissatisfied", "returned", "reopened"]);
      for (const figure of period) {
        const rows = await eventsOf(t[c.who], figure.link);
        expect(rows, figure.key).toHaveLength(figure.value);
        expect(figure.value, figure.key).toBeGreaterThan(0);
      }
    });
  }

  it("counts the leader's two villages together, and not a third", async () => {
    const counts = Object.fromEntries(
      (await overview(t.leader, "villages:mine")).overview.counts.map((f) => [f.key, f.value]),
    );
    const town = Object.fromEntries(
      (await overview(t.admin, "town")).overview.counts.map((f) => [f.key, f.value]),
    );
    expect(counts).toMatchObject({ received: 5, closed: 1, dissatisfied: 1, returned: 1 });
    expect(town.received).toBe(6);
    expect(counts.backlog).toBe((town.backlog ?? 0) - 1);
  });

  it("names the people of the per-person table, never by account id", async () => {
    const d = await ok(
      await staff(api, t.cadre, "GET", "/api/staff/dashboard?scope=department:env-bureau"),
    );
    expect(d.people.length).toBeGreaterThan(0);
    for (const p of d.people as Array<{ id: string; name: string }>) {
      expect(p.name).not.toBe(p.id);
      expect(p.name).not.toMatch(/^[a-z0-9-]+$/);
    }
  });

  it("lists a period figure with names and refuses what the user may not see", async () => {
    const rows = await eventsOf(t.leader, {
      path: "/dashboard/events",
      query: { fact: "closed", scope: "villages:mine" },
    });
    expect(rows[0]?.village.name).toBe("梅泾村");
    const other = await staff(
      api,
      t.leader,
      "GET",
      "/api/staff/dashboard/events?fact=closed&scope=villages:meijing,yaxi",
    );
    expect(other.status).toBe(403);
    const refusal = (await other.json()).error.message;
    expect(refusal).toContain("梅泾村、雅西社区");
    const person = await ok(
      await staff(
        api,
        t.cadre,
        "GET",
        "/api/staff/dashboard/events?fact=closed&scope=person:staff-cadre-env",
      ),
    );
    expect(person).toMatchObject({ available: false, items: [] });
    expect(
      (await staff(api, t.admin, "GET", "/api/staff/dashboard/events?fact=opened")).status,
    ).toBe(400);
    expect(
      (await staff(api, t.admin, "GET", "/api/staff/dashboard/events?fact=closed&cursor=zz"))
        .status,
    ).toBe(400);
  });

  it("pages a long list across units and months, every event once", async () => {
    // Index items as the store writes them, in months outside the default period.
    const spread: Array<[string, string, number]> = [
      ["meijing", "2026-03", 30],
      ["meijing", "2026-05", 45],
      ["yaxi", "2026-03", 7],
      ["yaxi", "2026-05", 40],
    ];
    const items = spread.flatMap(([id, month, n]) =>
      Array.from({ length: n }, (_, i) =>
        api.deps.store.items.periodIndex({
          scope: { kind: "village", id },
          month,
          fact: "closed",
          ledgerNo: closedNo,
          at: `${month}-${id === "meijing" ? "10" : "11"}T0${i % 10}:00:${String(i).padStart(2, "0")}.000Z`,
          seq: 1,
          n: 0,
        }),
      ),
    );
    await api.deps.store.seedItems(items);
    const rows = await eventsOf(t.admin, {
      path: "/dashboard/events",
      query: { fact: "closed", scope: "villages:meijing,yaxi", from: "2026-03", to: "2026-05" },
    });
    expect(rows).toHaveLength(122);
    expect(rows.pages).toBeGreaterThanOrEqual(3);
    // Every event once: no page repeats or skips one.
    expect(new Set(rows.map((r) => r.eventAt)).size).toBe(122);
  });
});
