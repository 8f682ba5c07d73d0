import { officialCalendar, watchedOverdueFrom } from "@lianxin/core";
import { backfillWatchLists, runEscalationJob } from "@lianxin/functions";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, smellyCreek, submit, type TestApi } from "../support/api.js";
import { loginAs, staff } from "../support/staff.js";

/**
 * 纪委监督清单 (issue 17) through the real use cases on DynamoDB Local: each list fills from
 * what happens to concerns (ratings, returns, registration, the job, the clock), and only
 * inspectors and admin read it. Time is injected.
 */
let api: TestApi;
let now = new Date("2026-11-23T01:00:00.000Z"); // Monday 09:00 in Shanghai
let t: Record<"admin" | "inspector" | "leader" | "head" | "cadre", string>;

beforeAll(async () => {
  api = await createTestApi({
    now: () => now,
    sessionHours: 24 * 400,
    limits: {
      submissionsPerHour: 1000,
      wrongCodesPer15Minutes: 5,
      messagesPerHour: 20,
      uploadsPerHour: 60,
    },
  });
  t = {
    admin: await loginAs(api, "admin"),
    inspector: await loginAs(api, "inspector"),
    leader: await loginAs(api, "leader"),
    head: await loginAs(api, "head"),
    cadre: await loginAs(api, "cadre"),
  };
});

interface ListView {
  list: string;
  items: Array<{
    ledgerNo: string;
    enteredAt: string;
    related: string[];
    village: { name: string };
    department: { name: string };
  }>;
  more: boolean;
  byDepartment: Array<{ id: string; name: string; count: number }>;
}

async function lists(token = t.inspector): Promise<Record<string, ListView>> {
  const res = await staff(api, token, "GET", "/api/staff/inspection");
  expect(res.status, await res.clone().text()).toBe(200);
  const body = (await res.json()) as { lists: ListView[] };
  return Object.fromEntries(body.lists.map((l) => [l.list, l]));
}
const listed = async (list: string) => (await lists())[list]?.items.map((i) => i.ledgerNo);

let phone = 13_800_000_000;
/** A concern from its own resident (a phone of its own), unless a phone is given. */
async function file(body: Record<string, unknown> = {}, contactPhone = String(++phone)) {
  const res = await submit(api, { ...smellyCreek, contactPhone, ...body });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { ledgerNo: string; accessCode: string };
}

async function adminAct(ledgerNo: string, action: Record<string, unknown>) {
  const view = await (await staff(api, t.admin, "GET", `/api/staff/concerns/${ledgerNo}`)).json();
  const res = await staff(api, t.admin, "POST", `/api/staff/concerns/${ledgerNo}/actions`, {
    expectedVersion: view.version,
    ...action,
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function rate(filed: { ledgerNo: string; accessCode: string }, rating: string) {
  const res = await api.app.request(`/api/concerns/${filed.ledgerNo}/feedback`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-access-code": filed.accessCode },
    body: JSON.stringify({ rating }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
}

describe("the inspectors' view", () => {
  it("lists an open item once it is 5 working days past its limit (the town's calendar)", async () => {
    const d = await file();
    const concern = (await api.deps.store.getConcernWithEvents(d.ledgerNo))?.concern;
    const due = new Date(concern?.deadlines.signForBy ?? "");
    const from = watchedOverdueFrom(due, officialCalendar);
    // Five working days after a Monday's limit: the next Monday, a weekend between.
    expect(from.getTime() - due.getTime()).toBeGreaterThan(6 * 86_400_000);
    now = new Date(due.getTime() + 60_000);
    expect(await listed("overdue")).toEqual([]);
    now = new Date(from.getTime() - 60_000);
    expect(await listed("overdue")).toEqual([]);
    now = new Date(from.getTime() + 60_000);
    const view = await lists();
    expect(view.overdue?.items.map((i) => i.ledgerNo)).toEqual([d.ledgerNo]);
    expect(view.overdue?.items[0]).toMatchObject({
      village: { name: "梅泾村" },
      department: { name: "环保分局" },
      enteredAt: due.toISOString(),
    });
    expect(view.overdue?.byDepartment).toEqual([{ id: "env-bureau", name: "环保分局", count: 1 }]);
    // Answered, it leaves the list (a present state, not an event).
    await adminAct(d.ledgerNo, { type: "accept" });
    await adminAct(d.ledgerNo, { type: "answer", outcome: "explained", publicReply: "已答复" });
    expect(await listed("overdue")).toEqual([]);
  });

  it("lists a concern rated dissatisfied twice, after the second rating only", async () => {
    const a = await file();
    const answer = { type: "answer", outcome: "explained", publicReply: "已答复" };
    await adminAct(a.ledgerNo, { type: "accept" });
    await adminAct(a.ledgerNo, answer);
    await rate(a, "dissatisfied"); // reopens
    expect(await listed("dissatisfied_twice")).toEqual([]);
    await adminAct(a.ledgerNo, answer);
    await rate(a, "dissatisfied"); // to the contact leader
    const view = await lists();
    expect(view.dissatisfied_twice?.items.map((i) => i.ledgerNo)).toEqual([a.ledgerNo]);
    expect(view.dissatisfied_twice?.byDepartment).toEqual([
      { id: "env-bureau", name: "环保分局", count: 1 },
    ]);
    // The leader's verification (redo) changes nothing on the list.
    await adminAct(a.ledgerNo, { type: "redo", reason: "请再次核实" });
    expect(await listed("dissatisfied_twice")).toEqual([a.ledgerNo]);
  });

  it("lists a concern returned a third time, not before", async () => {
    const b = await file();
    for (const n of [1, 2, 3]) {
      await adminAct(b.ledgerNo, { type: "return", reason: `不属于本部门（第${n}次）` });
      expect(await listed("returned_thrice")).toEqual(n < 3 ? [] : [b.ledgerNo]);
      await adminAct(b.ledgerNo, { type: "dispatch", departmentId: "env-bureau" });
    }
    expect(await listed("returned_thrice")).toEqual([b.ledgerNo]);
  });

  it("lists a conduct complaint from its registration", async () => {
    const c = await file({
      groupId: undefined,
      categoryCode: "cadre_conduct",
      title: "村干部作风问题",
      description: "有村干部在处理低保申请时吃拿卡要，群众意见很大。",
    });
    const view = await lists();
    expect(view.conduct?.items.map((i) => i.ledgerNo)).toEqual([c.ledgerNo]);
    expect(view.conduct?.byDepartment).toHaveLength(1);
    expect(view.conduct?.byDepartment[0]?.name).toMatch(/纪/);
    // The other lists did not take it.
    expect(view.dissatisfied_twice?.items.map((i) => i.ledgerNo)).not.toContain(c.ledgerNo);
  });

  it("lists a resident's third concern on one thing in 90 days after the job, once", async () => {
    const resident = "13900139000";
    const first = await file({}, resident);
    now = new Date(now.getTime() + 20 * 86_400_000);
    const second = await file({}, resident);
    // Another category from the same resident does not count.
    await file({ categoryCode: "roads_lighting", title: "路灯不亮" }, resident);
    now = new Date(now.getTime() + 20 * 86_400_000);
    const third = await file({}, resident);
    // Never on the submission path: nothing until the job has run.
    expect(await listed("repeat_resident")).toEqual([]);
    now = new Date(now.getTime() + 60_000);
    const run = await runEscalationJob(api.deps);
    expect(run.wordIndex.repeatResidents).toBe(1);
    const view = await lists();
    expect(view.repeat_resident?.items).toHaveLength(1);
    expect(view.repeat_resident?.items[0]).toMatchObject({
      ledgerNo: third.ledgerNo,
      related: [first.ledgerNo, second.ledgerNo],
      department: { name: "环保分局" },
    });
    // Run again: the same item, nothing more.
    await runEscalationJob(api.deps);
    expect(await listed("repeat_resident")).toEqual([third.ledgerNo]);
  });

  it("backfills the kept lists with the live items' keys: running it changes nothing", async () => {
    const before = await lists();
    const run = await backfillWatchLists(api.deps.store, { now });
    expect(run.listed).toBe(3); // the second rating, the third return, the conduct complaint
    const after = await lists();
    for (const list of ["dissatisfied_twice", "returned_thrice", "conduct"]) {
      expect(after[list]?.items.map((i) => [i.ledgerNo, i.enteredAt])).toEqual(
        before[list]?.items.map((i) => [i.ledgerNo, i.enteredAt]),
      );
    }
  });

  it("is the inspectors' and admin's only", async () => {
    expect((await staff(api, t.admin, "GET", "/api/staff/inspection")).status).toBe(200);
    for (const token of [t.leader, t.head, t.cadre]) {
      const res = await staff(api, token, "GET", "/api/staff/inspection");
      expect(res.status).toBe(403);
      const { error } = await res.json();
      expect(error.code).toBe("forbidden");
      expect(error.message).toBeTruthy();
    }
    expect((await staff(api, null, "GET", "/api/staff/inspection")).status).toBe(401);
  });
});
