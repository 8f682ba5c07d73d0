import { runEscalationJob } from "@lianxin/functions";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, smellyCreek, submit, type TestApi, track } from "../support/api.js";
import { expectCountersMatchRecount } from "../support/recount.js";
import { act, loginAs, staff } from "../support/staff.js";

/** Time is injected: the job is run at chosen instants, no waiting. */
let api: TestApi;
let now = new Date("2026-11-23T01:00:00.000Z"); // Monday 09:00 in Shanghai
const at = (iso: string) => {
  now = new Date(iso);
};
let t: Record<"admin" | "leader" | "cadre" | "inspector" | "head", string>;

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
    leader: await loginAs(api, "leader"),
    cadre: await loginAs(api, "cadre"),
    inspector: await loginAs(api, "inspector"),
    head: await loginAs(api, "head"),
  };
});

const inboxOf = async (token: string) =>
  (await staff(api, token, "GET", "/api/staff/inbox")).json();

describe("the escalation job", () => {
  it("reminds at 80 %, marks overdue with supervision, escalates after 5 working days, once each", async () => {
    // Urgent: sign for within 1 hour, respond within 2, answer within 24 (clock hours).
    const receipt = await (
      await submit(api, { ...smellyCreek, villageId: "meijing", categoryCode: "safety_hazard" })
    ).json();
    at("2026-11-23T01:30:00.000Z");
    expect((await runEscalationJob(api.deps)).changed).toBe(0);

    at("2026-11-23T01:50:00.000Z"); // 50 of 60 minutes: past 80 %
    const first = await runEscalationJob(api.deps);
    expect(first).toMatchObject({ changed: 1, notifications: 1 });
    expect((await runEscalationJob(api.deps)).changed).toBe(0); // twice changes nothing more
    // Nobody has signed for it: the reminder goes to the head of 安监办, which it is routed to.
    const headInbox = await api.deps.store.listInbox("work-safety-head", { limit: 10 });
    expect(headInbox.items.map((i) => i.kind)).toEqual(["reminder"]);

    at("2026-11-23T02:10:00.000Z"); // past the sign-for limit
    expect((await runEscalationJob(api.deps)).changed).toBe(1);
    expect((await runEscalationJob(api.deps)).changed).toBe(0);
    const view = await (
      await staff(api, t.leader, "GET", `/api/staff/concerns/${receipt.ledgerNo}`)
    ).json();
    expect(view.flags).toMatchObject({ overdue: true, supervised: true });
    expect(view.timeline.map((e: { type: string }) => e.type)).toEqual([
      "submitted",
      "routed",
      "reminded",
      "overdue",
      "supervised",
    ]);
    const leaderInbox = await inboxOf(t.leader);
    expect(leaderInbox.items[0]).toMatchObject({
      kind: "overdue",
      ledgerNo: receipt.ledgerNo,
      readAt: null,
    });
    // The overdue notice, and the concern's arrival (新诉求) when it was submitted.
    expect(leaderInbox.unread).toBe(2);
    const read = await staff(
      api,
      t.leader,
      "POST",
      `/api/staff/inbox/${encodeURIComponent(leaderInbox.items[0].id)}/read`,
    );
    expect(read.status).toBe(204);
    expect((await inboxOf(t.leader)).unread).toBe(1);

    at("2026-11-27T15:00:00.000Z"); // Friday: 4 working days past
    await runEscalationJob(api.deps);
    expect((await inboxOf(t.inspector)).items.map((i: { kind: string }) => i.kind)).not.toContain(
      "escalated",
    );
    at("2026-11-30T16:30:00.000Z"); // after Monday, the 5th working day
    await runEscalationJob(api.deps);
    expect((await runEscalationJob(api.deps)).changed).toBe(0);
    const inspectorInbox = await inboxOf(t.inspector);
    expect(
      inspectorInbox.items.filter((i: { kind: string }) => i.kind === "escalated"),
    ).toHaveLength(1);
  });

  it("strikes off an answer not rated within 7 days, as 'no rating'", async () => {
    at("2026-12-01T01:00:00.000Z");
    const receipt = await (await submit(api, smellyCreek)).json();
    await act(api, t.cadre, receipt.ledgerNo, { type: "accept" });
    await act(api, t.cadre, receipt.ledgerNo, {
      type: "answer",
      outcome: "explained",
      publicReply: "已解释相关政策",
    });
    at("2026-12-07T01:00:00.000Z");
    await runEscalationJob(api.deps);
    expect((await (await track(api, receipt.ledgerNo, receipt.accessCode)).json()).status).toBe(
      "answered",
    );
    at("2026-12-08T02:00:00.000Z");
    await runEscalationJob(api.deps);
    const view = await (await track(api, receipt.ledgerNo, receipt.accessCode)).json();
    expect(view).toMatchObject({ status: "struck_off", rating: null });
    expect(view.timeline.at(-1)).toMatchObject({ type: "struck_off" });
    const drafts = await (
      await staff(api, t.admin, "GET", "/api/staff/notices?state=draft")
    ).json();
    expect(drafts.items.map((n: { ledgerNo: string }) => n.ledgerNo)).toContain(receipt.ledgerNo);
  });
});

describe("the dashboard", () => {
  it("reads the rates from the counters, by scope, with role rules", async () => {
    const res = await staff(
      api,
      t.admin,
      "GET",
      "/api/staff/dashboard?scope=village:meijing&from=2026-11&to=2026-12",
    );
    expect(res.status).toBe(200);
    const d = await res.json();
    expect(d.scope).toEqual({
      kind: "village",
      id: "meijing",
      value: "village:meijing",
      name: "梅泾村",
    });
    // Two concerns received; the urgent one's response limit passed unanswered; one answered
    // and closed without a rating (explained, so not "resolved").
    expect(d.totals).toMatchObject({
      received: 2,
      dueForResponse: 2,
      answered: 1,
      closed: 1,
      closedExplained: 1,
      overdue: 1,
    });
    expect(d.rates).toMatchObject({ resolution: 0, satisfaction: null, onTimeClosure: 1 });
    expect(d.rates.response).toBe(0.5);
    expect(d.trend.map((m: { month: string }) => m.month)).toEqual(["2026-11", "2026-12"]);
    expect(d.backlog.total).toBe(1);
    expect(d.overdue.map((i: { ledgerNo: string }) => i.ledgerNo)).toHaveLength(1);
    expect(d).not.toHaveProperty("rankings");
    expect(d.people.map((p: { id: string }) => p.id)).toContain("staff-cadre-env");

    expect(
      (await staff(api, t.leader, "GET", "/api/staff/dashboard?scope=village:meijing")).status,
    ).toBe(200);
    expect(
      (await staff(api, t.leader, "GET", "/api/staff/dashboard?scope=village:yaxi")).status,
    ).toBe(403);
    const town403 = await staff(api, t.leader, "GET", "/api/staff/dashboard?scope=town");
    expect(town403.status).toBe(403);
    // The refusal names the scope in words, never the raw word "town".
    const refusal = (await town403.json()).error.message;
    expect(refusal).toContain("全镇");
    expect(refusal).not.toMatch(/town/);
    expect(
      (await staff(api, t.cadre, "GET", "/api/staff/dashboard?scope=department:env-bureau")).status,
    ).toBe(200);
    expect(
      (await staff(api, t.cadre, "GET", "/api/staff/dashboard?scope=department:justice")).status,
    ).toBe(403);
    const town = await (
      await staff(
        api,
        t.inspector,
        "GET",
        "/api/staff/dashboard?scope=town&from=2026-11&to=2026-12",
      )
    ).json();
    expect(town.totals.received).toBe(2);
    expect((await staff(api, t.admin, "GET", "/api/staff/dashboard?from=2026-13")).status).toBe(
      400,
    );
  });

  it("publishes the town's rates by village and department", async () => {
    const res = await api.app.request("/api/statistics");
    expect(res.status).toBe(200);
    const s = await res.json();
    expect(s.trend).toHaveLength(12);
    expect(s.villages.find((v: { id: string }) => v.id === "meijing")).toMatchObject({
      received: 2,
    });
    expect(JSON.stringify(s)).not.toMatch(/张三|13800138000/);
  });
});

describe("the counters", () => {
  it("equal a recount from the concerns and their events, the job's overdue marks included", async () => {
    const recount = await expectCountersMatchRecount(api);
    expect(recount.concerns).toBe(2);
    expect([...recount.recounted.keys()].some((c) => c.endsWith("|dueForResponse"))).toBe(true);
  });
});
