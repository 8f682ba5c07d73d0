import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, SITE_SECRET, type TestApi } from "../support/api.js";
import { DEMO_PASSWORD, loginAs, staff } from "../support/staff.js";

/**
 * Sign-in as an attacker finds it (issue 12): usernames cannot be told apart by their lock,
 * one address cannot spray passwords across accounts, and a changed or reset password ends
 * the account's other sessions.
 */
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});

const signIn = (username: string, password: string, address = "198.51.100.20") =>
  api.app.request("/api/staff/session", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-lianxin-client-address": address,
      "x-lianxin-site-secret": SITE_SECRET,
    },
    body: JSON.stringify({ username, password }),
  });

describe("sign-in", () => {
  it("locks a username without an account exactly as one with an account", async () => {
    const answers: Record<string, number[]> = { cadre2: [], "no-such-person": [] };
    for (const username of Object.keys(answers)) {
      for (let i = 0; i < 6; i++) {
        const res = await signIn(username, `wrong-password-${i}`, `203.0.113.${i + 1}`);
        answers[username]?.push(res.status);
      }
    }
    expect(answers.cadre2).toEqual([401, 401, 401, 401, 401, 423]);
    expect(answers["no-such-person"]).toEqual(answers.cadre2);
  });

  it("stops one address that sprays passwords across usernames; others sign in", async () => {
    const sprayer = "192.0.2.99";
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++)
      statuses.push((await signIn(`user${i}`, "guess-guess", sprayer)).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    expect((await signIn("inspector", DEMO_PASSWORD, sprayer)).status).toBe(429);
    expect((await signIn("inspector", DEMO_PASSWORD, "192.0.2.100")).status).toBe(201);
  });

  it("ends the account's other sessions when its password changes, and all of them on a reset", async () => {
    const here = await loginAs(api, "head");
    const elsewhere = await loginAs(api, "head");
    const change = await staff(api, here, "POST", "/api/staff/password", {
      currentPassword: DEMO_PASSWORD,
      newPassword: "a-new-long-password",
    });
    expect(change.status).toBe(204);
    expect((await staff(api, here, "GET", "/api/staff/me")).status).toBe(200);
    expect((await staff(api, elsewhere, "GET", "/api/staff/me")).status).toBe(401);

    const admin = await loginAs(api, "admin");
    const me = await (await staff(api, here, "GET", "/api/staff/me")).json();
    const reset = await staff(api, admin, "POST", `/api/staff/users/${me.user.id}/password-reset`, {
      newPassword: "reset-by-the-office",
    });
    expect(reset.status).toBe(204);
    expect((await staff(api, here, "GET", "/api/staff/me")).status).toBe(401);
    expect((await staff(api, admin, "GET", "/api/staff/me")).status).toBe(200);
  });
});
