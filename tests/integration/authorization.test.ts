import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, smellyCreek, submit, type TestApi } from "../support/api.js";
import { act, doumenGroup, EVERYONE, signInEveryone, staff, type Who } from "../support/staff.js";

/**
 * Who may see and do what, per request, on the server: every staff endpoint and the
 * actions × every role, no session, and a revoked one.
 */
let api: TestApi;
let t: Record<Who, string>;
let creek: { ledgerNo: string }; // 梅泾村, 环保分局, with name and phone
let conduct: { ledgerNo: string }; // a complaint about a cadre, 梅泾村
let held: { ledgerNo: string }; // 陡门村 group concern handled by 环保分局, group held by another head

beforeAll(async () => {
  api = await createTestApi({
    limits: {
      submissionsPerHour: 1000,
      wrongCodesPer15Minutes: 5,
      messagesPerHour: 20,
      uploadsPerHour: 60,
    },
  });
  t = await signInEveryone(api);
  creek = await (await submit(api, smellyCreek)).json();
  conduct = await (
    await submit(api, {
      ...smellyCreek,
      groupId: undefined,
      categoryCode: "cadre_conduct",
      title: "村干部作风问题",
      description: "有村干部在处理低保申请时吃拿卡要，群众意见很大。",
    })
  ).json();
  held = await (
    await submit(api, { ...smellyCreek, villageId: "doumen", groupId: doumenGroup?.id })
  ).json();
});

async function statuses(path: string, method = "GET", body?: unknown) {
  const out: Record<string, number> = {};
  for (const who of EVERYONE) out[who] = (await staff(api, t[who], method, path, body)).status;
  out.none = (await staff(api, null, method, path, body)).status;
  out.forged = (await staff(api, `${t.admin}x`, method, path, body)).status;
  return out;
}

describe("reading concerns", () => {
  it("shows a concern to its department, its contact leader, inspectors and admin only", async () => {
    expect(await statuses(`/api/staff/concerns/${creek.ledgerNo}`)).toEqual({
      admin: 200,
      leader: 200,
      park: 404,
      head: 200,
      cadre: 200,
      cadre2: 404,
      inspector: 200,
      holder: 404,
      none: 401,
      forged: 401,
    });
  });

  it("keeps complaints about cadres' conduct from every department and leader", async () => {
    expect(await statuses(`/api/staff/concerns/${conduct.ledgerNo}`)).toEqual({
      admin: 200,
      leader: 404,
      park: 404,
      head: 404,
      cadre: 404,
      cadre2: 404,
      inspector: 200,
      holder: 404,
      none: 401,
      forged: 401,
    });
    const leaderQueue = await (await staff(api, t.leader, "GET", "/api/staff/queue")).json();
    expect(leaderQueue.items.map((i: { ledgerNo: string }) => i.ledgerNo)).not.toContain(
      conduct.ledgerNo,
    );
    expect(leaderQueue.items.map((i: { ledgerNo: string }) => i.ledgerNo)).toContain(
      creek.ledgerNo,
    );
    const inspectorQueue = await (await staff(api, t.inspector, "GET", "/api/staff/queue")).json();
    expect(inspectorQueue.items.map((i: { ledgerNo: string }) => i.ledgerNo)).toContain(
      conduct.ledgerNo,
    );
  });

  it("masks the resident's name and phone for a group holder outside the department, and logs every showing", async () => {
    const asHolder = await (
      await staff(api, t.holder, "GET", `/api/staff/concerns/${held.ledgerNo}`)
    ).json();
    expect(asHolder.contact).toEqual({
      name: "张*",
      phone: "138****8000",
      address: "***",
      masked: true,
    });
    const asCadre = await (
      await staff(api, t.cadre, "GET", `/api/staff/concerns/${held.ledgerNo}`)
    ).json();
    expect(asCadre.contact).toMatchObject({ name: "张三", phone: "13800138000", masked: false });
    const log = await (
      await staff(api, t.inspector, "GET", `/api/staff/access-log?ledgerNo=${held.ledgerNo}`)
    ).json();
    expect(log.items.map((e: { staffId: string }) => e.staffId)).toEqual(["staff-cadre-env"]);
    const groupsQueue = await (
      await staff(api, t.holder, "GET", "/api/staff/queue?scope=groups")
    ).json();
    expect(groupsQueue.items.map((i: { ledgerNo: string }) => i.ledgerNo)).toEqual([held.ledgerNo]);
  });
});

describe("staff endpoints by role", () => {
  it.each([
    ["/api/staff/queue?scope=all", { admin: 200, inspector: 200 }],
    ["/api/staff/queue?scope=triage", { admin: 200, inspector: 200 }],
    ["/api/staff/notices?state=draft", { admin: 200, inspector: 200 }],
    ["/api/staff/access-log", { admin: 200, inspector: 200 }],
    ["/api/staff/departments/env-bureau/staff", { admin: 200, head: 200, cadre: 200 }],
    [
      "/api/staff/queue",
      {
        admin: 200,
        leader: 200,
        park: 200,
        head: 200,
        cadre: 200,
        cadre2: 200,
        inspector: 200,
        holder: 200,
      },
    ],
    [
      "/api/staff/me",
      {
        admin: 200,
        leader: 200,
        park: 200,
        head: 200,
        cadre: 200,
        cadre2: 200,
        inspector: 200,
        holder: 200,
      },
    ],
  ] as const)("GET %s", async (path, allowed) => {
    const expected = Object.fromEntries(
      EVERYONE.map((w) => [w, (allowed as Record<string, number>)[w] ?? 403]),
    );
    expect(await statuses(path)).toEqual({ ...expected, none: 401, forged: 401 });
  });

  it("lets only admin reset passwords, publish and edit notices", async () => {
    // An unknown account: admin is told so, everyone else may not even ask.
    const reset = await statuses("/api/staff/users/nobody/password-reset", "POST", {
      newPassword: "temporary-pass-1",
    });
    expect(reset).toMatchObject({ admin: 404, leader: 403, inspector: 403, cadre: 403, none: 401 });
    const patch = await statuses("/api/staff/notices/LS-2026-999999", "PATCH", { summary: "x" });
    expect(patch).toMatchObject({ admin: 404, inspector: 403, cadre: 403, leader: 403, none: 401 });
  });
});

describe("actions by role", () => {
  it("offers each role only the actions its relation allows", async () => {
    const allowed: Record<string, string[]> = {};
    for (const who of ["admin", "leader", "head", "cadre", "inspector"] as const) {
      allowed[who] = (
        await (await staff(api, t[who], "GET", `/api/staff/concerns/${creek.ledgerNo}`)).json()
      ).allowedActions;
    }
    expect(allowed.cadre).toEqual(["accept", "return", "note", "merge"]);
    expect(allowed.head).toEqual(
      expect.arrayContaining(["accept", "return", "assign", "note", "merge"]),
    );
    // 催办 (issue 11): the contact leader and the inspectors also urge the open concern.
    expect(allowed.leader).toEqual(["note", "supervise", "urge"]);
    expect(allowed.inspector).toEqual(["supervise", "urge"]);
    expect(allowed.admin).toEqual(
      expect.arrayContaining(["accept", "return", "assign", "note", "supervise", "merge"]),
    );
  });

  it("refuses on the server what a role may not do, whatever the form offered", async () => {
    expect((await act(api, t.leader, creek.ledgerNo, { type: "accept" })).status).toBe(403);
    expect(
      (await act(api, t.inspector, creek.ledgerNo, { type: "note", text: "看看" })).status,
    ).toBe(403);
    expect(
      (await act(api, t.cadre, creek.ledgerNo, { type: "dispatch", departmentId: "justice" }))
        .status,
    ).toBe(403);
    expect(
      (await act(api, t.cadre, creek.ledgerNo, { type: "strike_off", verificationNote: "x" }))
        .status,
    ).toBe(403);
    const elsewhere = await staff(
      api,
      t.cadre2,
      "POST",
      `/api/staff/concerns/${creek.ledgerNo}/actions`,
      {
        type: "accept",
        expectedVersion: 2,
      },
    );
    expect(elsewhere.status).toBe(404);
    const invalid = await act(api, t.admin, creek.ledgerNo, {
      type: "dispatch",
      departmentId: "justice",
    });
    expect(invalid.status).toBe(409);
    expect((await invalid.json()).error).toMatchObject({
      code: "invalid_transition",
      currentState: "assigned",
      currentVersion: 2,
    });
    expect(
      (await act(api, t.inspector, creek.ledgerNo, { type: "supervise", note: "请抓紧办理" }))
        .status,
    ).toBe(200);
  });
});

describe("two staff acting on the same version", () => {
  it("lets one win; the other gets 409 and the history holds exactly one", async () => {
    const fresh = await (await submit(api, smellyCreek)).json();
    const post = (token: string, body: unknown) =>
      staff(api, token, "POST", `/api/staff/concerns/${fresh.ledgerNo}/actions`, body);
    // Both sign for it: the winner's change keeps the concern in the loser's
    // department, so the loser always reads it and gets the 409 (a winning
    // "return" would take it out of their sight, and a 404 is then correct).
    const [a, b] = await Promise.all([
      post(t.cadre, { type: "accept", expectedVersion: 2 }),
      post(t.head, { type: "accept", expectedVersion: 2 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = await (a.status === 409 ? a : b).json();
    expect(loser.error).toMatchObject({ code: "conflict", currentVersion: 3 });
    const view = await (
      await staff(api, t.admin, "GET", `/api/staff/concerns/${fresh.ledgerNo}`)
    ).json();
    const types = view.timeline.map((e: { type: string }) => e.type);
    expect(types.filter((x: string) => x === "accepted")).toHaveLength(1);
    expect(view.version).toBe(3);
  });
});
