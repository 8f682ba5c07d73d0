import { runEscalationJob } from "@lianxin/functions";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, submit, type TestApi } from "../support/api.js";
import { loginAs, staff } from "../support/staff.js";

/**
 * The grid (issue 6): rotation plans change who holds a villager group, the escalation
 * job's rotation step applies a new period, and routing names the new holder; the public
 * village page shows names and posts only, and the next service days.
 */
let api: TestApi;
let now = new Date("2026-03-10T02:00:00.000Z"); // a Tuesday in Asia/Shanghai
let admin: string;
let leader: string;
let head: string;

beforeAll(async () => {
  api = await createTestApi({
    now: () => now,
    sessionHours: 24 * 400,
    directoryCacheMs: 0,
  });
  admin = await loginAs(api, "admin");
  leader = await loginAs(api, "leader");
  head = await loginAs(api, "head");
});

const holdersOf = async (villageId: string) => {
  const directory = await api.deps.store.loadDirectory();
  const village = directory.villages.find((v) => v.id === villageId);
  return Object.fromEntries((village?.groups ?? []).map((g) => [g.id, g.holderId]));
};

describe("rotation", () => {
  it("refuses an infeasible plan with the reason and a way out", async () => {
    // 张镇村 has seven groups: changing every two months needs 14 months to cover them all.
    const res = await staff(api, admin, "PUT", "/api/staff/rotation/zhangzhen", {
      startMonth: "2026-03",
      horizonMonths: 12,
      intervalMonths: 2,
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.reason).toBe("horizon_too_short");
    expect(body.error.minimumHorizonMonths).toBe(14);
    expect(body.error.fields.horizonMonths).toMatch(/14/);
  });

  it("only admin plans; staff read", async () => {
    const body = { startMonth: "2026-03", horizonMonths: 12, intervalMonths: 2 };
    expect((await staff(api, leader, "PUT", "/api/staff/rotation/yaxi", body)).status).toBe(403);
    expect((await staff(api, admin, "PUT", "/api/staff/rotation/nowhere", body)).status).toBe(404);
    expect((await staff(api, head, "GET", "/api/staff/rotation/yaxi")).status).toBe(200);
  });

  it("saving applies the current period; the job applies the next; routing follows", async () => {
    // 雅西社区: four groups, two paired heads (信访办, 应急管理办), each holding two today.
    expect(await holdersOf("yaxi")).toEqual({
      "yaxi-01": "petitions-head",
      "yaxi-02": "emergency-head",
      "yaxi-03": "petitions-head",
      "yaxi-04": "emergency-head",
    });
    const saved = await staff(api, admin, "PUT", "/api/staff/rotation/yaxi", {
      startMonth: "2026-03",
      horizonMonths: 12,
      intervalMonths: 2,
    });
    expect(saved.status).toBe(200);
    const view = await saved.json();
    expect(view.plan.periods).toHaveLength(6);
    expect(view.plan.currentPeriod).toBe(0);
    // Period 1 keeps each head on a group they held; nobody holds two.
    expect(await holdersOf("yaxi")).toEqual({
      "yaxi-01": "petitions-head",
      "yaxi-02": "emergency-head",
      "yaxi-03": null,
      "yaxi-04": null,
    });
    expect(view.groups.find((g: { id: string }) => g.id === "yaxi-01").holder.id).toBe(
      "petitions-head",
    );
    expect(
      view.heads.map((h: { id: string; coverage: { covered: string[] } }) => [
        h.id,
        h.coverage.covered,
      ]),
    ).toEqual([
      ["emergency-head", ["yaxi-02"]],
      ["petitions-head", ["yaxi-01"]],
    ]);

    // Nothing changes while the period runs.
    expect((await runEscalationJob(api.deps)).groupsRotated).toBe(0);

    // May: the second period begins; the job's rotation step moves the holders, once.
    now = new Date("2026-05-02T01:00:00.000Z");
    expect((await runEscalationJob(api.deps)).groupsRotated).toBe(3);
    expect(await holdersOf("yaxi")).toEqual({
      "yaxi-01": "emergency-head",
      "yaxi-02": null,
      "yaxi-03": "petitions-head",
      "yaxi-04": null,
    });
    expect((await runEscalationJob(api.deps)).groupsRotated).toBe(0);

    // A group-level concern now goes to the new holder.
    const res = await submit(api, {
      villageId: "yaxi",
      groupId: "yaxi-01",
      categoryCode: "housing",
      title: "楼道灯不亮",
      description: "雅西一区 5 号楼楼道灯坏了一个多月，晚上上下楼很不方便。",
      address: "雅西一区 5 号楼",
      contactName: "李四",
      contactPhone: "13900139000",
    });
    expect(res.status).toBe(201);
    const { ledgerNo } = await res.json();
    const stored = await api.deps.store.getConcernWithEvents(ledgerNo);
    // 雅西一区 was 信访办's head's in March and April; from May it is 应急管理办's head's.
    expect(stored?.concern.routing.groupHolder?.id).toBe("emergency-head");

    const after = await (await staff(api, admin, "GET", "/api/staff/rotation/yaxi")).json();
    expect(after.plan.currentPeriod).toBe(1);
    expect(after.heads.map((h: { coverage: { covered: string[] } }) => h.coverage.covered)).toEqual(
      [
        ["yaxi-01", "yaxi-02"],
        ["yaxi-01", "yaxi-03"],
      ],
    );
  });
});

describe("party members and the public village page", () => {
  it("admin registers, edits and retires a party member; the public page shows names and posts only", async () => {
    const created = await staff(api, admin, "POST", "/api/staff/party-members", {
      name: "周志红",
      villageId: "meijing",
      post: {
        kind: "households",
        groupId: "meijing-01",
        households: "倪巷组 12–30 号",
        title: "联系户",
      },
    });
    expect(created.status).toBe(201);
    const member = await created.json();
    expect(
      (
        await staff(api, leader, "POST", "/api/staff/party-members", {
          name: "x",
          villageId: "meijing",
          post: { kind: "group", groupId: "meijing-01", title: "t" },
        })
      ).status,
    ).toBe(403);
    const bad = await staff(api, admin, "POST", "/api/staff/party-members", {
      name: "x",
      villageId: "meijing",
      post: { kind: "group", groupId: "yaxi-01", title: "t" },
    });
    expect(bad.status).toBe(400);

    const edited = await staff(api, admin, "PUT", `/api/staff/party-members/${member.id}`, {
      name: "周志红",
      villageId: "meijing",
      post: { kind: "group", groupId: "meijing-02", title: "政策宣讲员" },
    });
    expect(edited.status).toBe(200);

    const page = await (await api.app.request("/api/villages/meijing")).json();
    expect(page.village.name).toBe("梅泾村");
    expect(page.contactLeader.name).toBe("王建国");
    expect(page.pairedDepartments).toEqual([{ id: "env-bureau", name: "环保分局" }]);
    expect(page.partyMembers).toContainEqual({
      name: "周志红",
      post: {
        kind: "group",
        title: "政策宣讲员",
        group: { id: "meijing-02", name: "梅东组" },
        households: null,
      },
    });
    expect(page.groups[0]).toEqual({
      id: "meijing-01",
      name: "倪巷组",
      holder: { name: expect.any(String) },
    });
    const text = JSON.stringify(page);
    expect(text).not.toMatch(/phone|1[3-9]\d{9}|holderId|personId|"id":"pm-/);

    expect(
      (await staff(api, admin, "POST", `/api/staff/party-members/${member.id}/retire`)).status,
    ).toBe(200);
    const afterRetire = await (await api.app.request("/api/villages/meijing")).json();
    expect(afterRetire.partyMembers.map((m: { name: string }) => m.name)).not.toContain("周志红");
    const list = await (
      await staff(api, admin, "GET", "/api/staff/party-members?villageId=meijing")
    ).json();
    expect(list.items.find((m: { id: string }) => m.id === member.id).retiredAt).not.toBe(null);
    expect((await api.app.request("/api/villages/nowhere")).status).toBe(404);
  });
});

describe("service days", () => {
  it("shows 雅西社区's next Mondays at the gate office, and what staff schedule", async () => {
    now = new Date("2026-09-24T02:00:00.000Z"); // Thursday; 2026-10-05 is a National Day Monday
    const page = await (await api.app.request("/api/villages/yaxi")).json();
    expect(page.nextServiceDays.slice(0, 3)).toEqual([
      expect.objectContaining({ date: "2026-09-28", place: "小区门卫室", startTime: "08:30" }),
      expect.objectContaining({ date: "2026-10-12" }),
      expect.objectContaining({ date: "2026-10-19" }),
    ]);
    expect(page.nextServiceDays[0].host.name).toBeTruthy();

    // The leader (王建国: 梅泾村 and 陡门村) schedules a day in a contact village, not elsewhere.
    const ok = await staff(api, leader, "POST", "/api/staff/service-days", {
      villageId: "meijing",
      place: "梅泾村村委会",
      startTime: "09:00",
      endTime: "11:00",
      schedule: { kind: "once", date: "2026-09-30" },
    });
    expect(ok.status).toBe(201);
    const day = await ok.json();
    const elsewhere = await staff(api, leader, "POST", "/api/staff/service-days", {
      villageId: "yaxi",
      place: "x",
      startTime: "09:00",
      endTime: "11:00",
      schedule: { kind: "once", date: "2026-09-30" },
    });
    expect(elsewhere.status).toBe(400);
    const cadre = await loginAs(api, "cadre");
    expect(
      (
        await staff(api, cadre, "POST", "/api/staff/service-days", {
          villageId: "meijing",
          place: "x",
          startTime: "09:00",
          endTime: "11:00",
          schedule: { kind: "once", date: "2026-09-30" },
        })
      ).status,
    ).toBe(403);

    // A day held is logged as a field visit (一线办公), once per day: 陡门村 meets on Thursdays.
    const heldPath = "/api/staff/service-days/sd-doumen-dusk/held";
    const held = await staff(api, leader, "POST", heldPath, {
      date: "2026-09-24",
      peopleReached: 12,
    });
    expect(held.status).toBe(201);
    expect(await held.json()).toMatchObject({
      kind: "office_hours",
      serviceDayId: "sd-doumen-dusk",
      villageId: "doumen",
      date: "2026-09-24",
      peopleReached: 12,
    });
    expect((await staff(api, leader, "POST", heldPath, { date: "2026-09-24" })).status).toBe(200);
    for (const date of ["2026-09-23", "2026-10-01"]) {
      expect((await staff(api, leader, "POST", heldPath, { date })).status).toBe(400);
    }
    expect((await staff(api, head, "POST", heldPath, { date: "2026-09-24" })).status).toBe(403);

    const mine = await (
      await staff(api, leader, "GET", "/api/staff/service-days?mine=true")
    ).json();
    expect(mine.items.map((d: { id: string }) => d.id)).toContain(day.id);
    expect(mine.items.find((d: { id: string }) => d.id === day.id).next).toEqual(["2026-09-30"]);
    // Its dates up to today, newest first, each with its log once held.
    expect(mine.items.find((d: { id: string }) => d.id === day.id).past).toEqual([]);
    expect(mine.items.find((d: { id: string }) => d.id === "sd-doumen-dusk").past).toEqual([
      { date: "2026-09-24", logId: "fl-sd-doumen-dusk-2026-09-24" },
      { date: "2026-09-17", logId: null },
      { date: "2026-09-10", logId: null },
      { date: "2026-09-03", logId: null },
    ]);
    const meijing = await (await api.app.request("/api/villages/meijing")).json();
    expect(meijing.nextServiceDays[0]).toMatchObject({ date: "2026-09-30", place: "梅泾村村委会" });

    expect(
      (await staff(api, head, "POST", `/api/staff/service-days/${day.id}/retire`)).status,
    ).toBe(403);
    expect(
      (await staff(api, leader, "POST", `/api/staff/service-days/${day.id}/retire`)).status,
    ).toBe(200);
    const gone = await (await api.app.request("/api/villages/meijing")).json();
    expect(
      gone.nextServiceDays.filter((d: { startTime: string }) => d.startTime === "09:00"),
    ).toEqual([]);
  });
});
