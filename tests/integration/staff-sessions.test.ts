import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, smellyCreek, submit, type TestApi, track } from "../support/api.js";
import { act, addAccount, DEMO_PASSWORD, loginAs, staff } from "../support/staff.js";

let api: TestApi;
let now = new Date("2026-11-27T02:00:00.000Z");

beforeAll(async () => {
  api = await createTestApi({
    now: () => now,
    limits: {
      submissionsPerHour: 1000,
      wrongCodesPer15Minutes: 5,
      messagesPerHour: 20,
      uploadsPerHour: 60,
    },
  });
});

const login = (username: string, password: string) =>
  api.app.request("/api/staff/session", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });

describe("staff sessions", () => {
  it("signs in with a signed, expiring token and the user", async () => {
    const res = await login("cadre", DEMO_PASSWORD);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.token).toMatch(/^v1\.[\w-]+\.[\w-]+$/);
    expect(body.expiresAt).toBe("2026-11-27T10:00:00.000Z");
    expect(body.user).toEqual({
      id: "staff-cadre-env",
      username: "cadre",
      name: "环保分局干部（演示）",
      role: "cadre",
      departmentId: "env-bureau",
      villageIds: [],
    });
    expect(JSON.stringify(body)).not.toContain("passwordHash");
  });

  it("answers a wrong password and an unknown user alike", async () => {
    const wrong = await login("leader", "not-the-password");
    const unknown = await login("nobody", "not-the-password");
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it("locks the account for 15 minutes after 5 failures in 15 minutes", async () => {
    await addAccount(api, {
      id: "t-lock",
      username: "lockme",
      name: "测试",
      role: "cadre",
      departmentId: "justice",
    });
    for (let i = 0; i < 5; i++) expect((await login("lockme", "wrong-password")).status).toBe(401);
    const locked = await login("lockme", DEMO_PASSWORD);
    expect(locked.status).toBe(423);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(800);
    now = new Date(now.getTime() + 16 * 60_000);
    expect((await login("lockme", DEMO_PASSWORD)).status).toBe(201);
  });

  it("counts failures in any 15 minutes, also across a quarter-hour boundary", async () => {
    await addAccount(api, {
      id: "t-lock-window",
      username: "slider",
      name: "测试",
      role: "cadre",
      departmentId: "justice",
    });
    const QUARTER = 15 * 60_000;
    // A minute before a quarter hour (fixed 15-minute buckets would split the five).
    now = new Date((Math.floor(now.getTime() / QUARTER) + 2) * QUARTER - 60_000);
    for (let i = 0; i < 3; i++) expect((await login("slider", "wrong-password")).status).toBe(401);
    now = new Date(now.getTime() + 90_000);
    for (let i = 0; i < 2; i++) expect((await login("slider", "wrong-password")).status).toBe(401);
    expect((await login("slider", DEMO_PASSWORD)).status).toBe(423);

    // Failures spread over more than 15 minutes do not lock.
    now = new Date(now.getTime() + 16 * 60_000);
    expect((await login("slider", DEMO_PASSWORD)).status).toBe(201);
    for (let i = 0; i < 4; i++) expect((await login("slider", "wrong-password")).status).toBe(401);
    now = new Date(now.getTime() + 15 * 60_000 + 1000);
    expect((await login("slider", "wrong-password")).status).toBe(401);
    expect((await login("slider", DEMO_PASSWORD)).status).toBe(201);
  });

  it("keeps only the newest failed sign-ins of a username", async () => {
    const counts: number[] = [];
    for (let i = 0; i < 23; i++) {
      counts.push(await api.deps.store.recordLoginFailure("ghost", now, 15 * 60));
    }
    // All 23 fall within the window; the item holds the newest 20, which is more than any rule counts.
    expect(counts.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(counts.slice(20)).toEqual([21, 21, 21]);
  });

  it("revokes the session at logout, and expires it after 8 hours", async () => {
    const token = await loginAs(api, "head");
    expect((await staff(api, token, "GET", "/api/staff/me")).status).toBe(200);
    expect((await staff(api, token, "DELETE", "/api/staff/session")).status).toBe(204);
    expect((await staff(api, token, "GET", "/api/staff/me")).status).toBe(401);
    const other = await loginAs(api, "head");
    now = new Date(now.getTime() + 8 * 3_600_000 + 1000);
    expect((await staff(api, other, "GET", "/api/staff/me")).status).toBe(401);
  });

  it("makes the holder change a password admin reset before doing anything else", async () => {
    await addAccount(api, {
      id: "t-reset",
      username: "resetme",
      name: "测试",
      role: "cadre",
      departmentId: "justice",
    });
    const admin = await loginAs(api, "admin");
    expect(
      (
        await staff(api, admin, "POST", "/api/staff/users/t-reset/password-reset", {
          newPassword: "temporary-1234",
        })
      ).status,
    ).toBe(204);
    expect((await login("resetme", DEMO_PASSWORD)).status).toBe(401);
    const res = await login("resetme", "temporary-1234");
    const body = await res.json();
    expect(body.mustChangePassword).toBe(true);
    const queue = await staff(api, body.token, "GET", "/api/staff/queue");
    expect(queue.status).toBe(403);
    expect((await queue.json()).error.code).toBe("password_change_required");
    const short = await staff(api, body.token, "POST", "/api/staff/password", {
      currentPassword: "temporary-1234",
      newPassword: "short",
    });
    expect(short.status).toBe(400);
    expect(
      (
        await staff(api, body.token, "POST", "/api/staff/password", {
          currentPassword: "temporary-1234",
          newPassword: "a-long-new-password",
        })
      ).status,
    ).toBe(204);
    expect((await staff(api, body.token, "GET", "/api/staff/queue")).status).toBe(200);
  });
});

describe("staff registration and access codes", () => {
  it("registers a concern received by phone, and reissues a lost code after checking the phone", async () => {
    const cadre = await loginAs(api, "cadre");
    const res = await api.app.request("/api/staff/concerns", {
      method: "POST",
      headers: {
        authorization: `Bearer ${cadre}`,
        "content-type": "application/json",
        "idempotency-key": "staff-phone-0001",
      },
      body: JSON.stringify({ ...smellyCreek, channel: "phone" }),
    });
    expect(res.status).toBe(201);
    const receipt = await res.json();
    const view = await (
      await staff(api, cadre, "GET", `/api/staff/concerns/${receipt.ledgerNo}`)
    ).json();
    expect(view.channel).toBe("phone");
    expect(view.timeline[0].actor).toMatchObject({ kind: "staff", id: "staff-cadre-env" });

    const wrongPhone = await staff(
      api,
      cadre,
      "POST",
      `/api/staff/concerns/${receipt.ledgerNo}/access-code`,
      { contactPhone: "13900000000" },
    );
    expect(wrongPhone.status).toBe(400);
    const reissued = await staff(
      api,
      cadre,
      "POST",
      `/api/staff/concerns/${receipt.ledgerNo}/access-code`,
      { contactPhone: "138 0013 8000" },
    );
    expect(reissued.status).toBe(201);
    const { accessCode } = await reissued.json();
    expect(accessCode).not.toBe(receipt.accessCode);
    expect((await track(api, receipt.ledgerNo, receipt.accessCode)).status).toBe(404);
    expect((await track(api, receipt.ledgerNo, accessCode)).status).toBe(200);
  });
});

describe("the resident's rating through the API", () => {
  it("reopens on the first dissatisfaction; the contact leader orders a redo after the second", async () => {
    const receipt = await (await submit(api, smellyCreek)).json();
    const cadre = await loginAs(api, "cadre");
    const leader = await loginAs(api, "leader");
    const rate = (rating: string) =>
      api.app.request(`/api/concerns/${receipt.ledgerNo}/feedback`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-access-code": receipt.accessCode },
        body: JSON.stringify({ rating }),
      });
    expect((await rate("satisfied")).status).toBe(409); // nothing to rate yet
    await act(api, cadre, receipt.ledgerNo, { type: "accept" });
    await act(api, cadre, receipt.ledgerNo, {
      type: "answer",
      outcome: "explained",
      publicReply: "已解释",
    });
    expect(await (await rate("dissatisfied")).json()).toMatchObject({
      status: "in_progress",
      flags: { reopened: true },
    });
    await act(api, cadre, receipt.ledgerNo, {
      type: "answer",
      outcome: "explained",
      publicReply: "再次解释",
    });
    // The redone answer is open for rating again (the first rating rated the first answer).
    expect(await (await track(api, receipt.ledgerNo, receipt.accessCode)).json()).toMatchObject({
      status: "answered",
      publicReply: "再次解释",
      rating: null,
      canRate: true,
    });
    expect(await (await rate("dissatisfied")).json()).toMatchObject({ status: "answered" });
    expect(await (await track(api, receipt.ledgerNo, receipt.accessCode)).json()).toMatchObject({
      rating: { rating: "dissatisfied" },
      canRate: false,
    });
    // The contact leader is told to verify it.
    const inbox = await (await staff(api, leader, "GET", "/api/staff/inbox")).json();
    expect(inbox.items).toContainEqual(
      expect.objectContaining({ kind: "verification_needed", ledgerNo: receipt.ledgerNo }),
    );
    const view = await (
      await staff(api, leader, "GET", `/api/staff/concerns/${receipt.ledgerNo}`)
    ).json();
    expect(view.allowedActions).toEqual(expect.arrayContaining(["strike_off", "redo"]));
    const redo = await act(api, leader, receipt.ledgerNo, {
      type: "redo",
      reason: "请再次上门核实",
    });
    expect((await redo.json()).status).toBe("in_progress");
    expect((await rate("satisfied")).status).toBe(409);
  });
});
