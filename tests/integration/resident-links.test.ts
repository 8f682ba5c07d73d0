import { signLinkToken } from "@lianxin/core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createTestApi,
  newIdempotencyKey,
  smellyCreek,
  submit,
  type TestApi,
} from "../support/api.js";
import { act, loginAs, staff } from "../support/staff.js";

/**
 * What a resident's SMS lets them do (issue 14): a link's signed token opens the concern for
 * its purpose only; 停止短信通知 is an event and stops the messages; staff registering a call
 * send them only when they ticked that the resident was told.
 */
const RESIDENT_KEY = "test-resident-key-links-0123456789abcdef";
let api: TestApi;
const clock = new Date("2026-12-07T02:00:00Z");
const DAY = 86_400_000;

beforeAll(async () => {
  api = await createTestApi({ now: () => clock, residentKey: RESIDENT_KEY });
});

const token = (ledgerNo: string, purpose: "track" | "rate", days = 30, key = RESIDENT_KEY) =>
  signLinkToken({ purpose, ledgerNo, expiresAt: new Date(clock.getTime() + days * DAY) }, key);

const withToken = (path: string, t: string, init: RequestInit = {}, from = "10.7.0.1") =>
  api.app.request(path, {
    ...init,
    headers: {
      "x-link-token": t,
      "x-lianxin-client-address": from,
      "x-lianxin-site-secret": "test-site-secret",
      ...(init.body ? { "content-type": "application/json" } : {}),
    },
  });

async function answered(): Promise<{ ledgerNo: string; accessCode: string }> {
  const res = await submit(api, smellyCreek, { from: `10.8.${Math.floor(Math.random() * 200)}.1` });
  const receipt = await res.json();
  const head = await loginAs(api, "head");
  expect((await act(api, head, receipt.ledgerNo, { type: "accept" })).status).toBe(200);
  const answer = await act(api, head, receipt.ledgerNo, {
    type: "answer",
    outcome: "resolved",
    publicReply: "已清淤，河水已恢复。",
  });
  expect(answer.status).toBe(200);
  return receipt;
}

describe("links in residents' SMS", () => {
  it("open the tracking view; only a rating link rates", async () => {
    const { ledgerNo } = await answered();
    const track = token(ledgerNo, "track");
    const view = await withToken(`/api/concerns/${ledgerNo}`, track);
    expect(view.status).toBe(200);
    expect((await view.json()).ledgerNo).toBe(ledgerNo);

    const rate = (t: string) =>
      withToken(`/api/concerns/${ledgerNo}/feedback`, t, {
        method: "POST",
        body: JSON.stringify({ rating: "satisfied" }),
      });
    expect((await rate(track)).status).toBe(404);
    expect((await rate(token(ledgerNo, "rate", 7))).status).toBe(201);
  });

  it("refuse a token for another concern, forged, or expired, as a wrong code is refused", async () => {
    const a = await answered();
    const b = await answered();
    expect(
      (await withToken(`/api/concerns/${a.ledgerNo}`, token(b.ledgerNo, "track"))).status,
    ).toBe(404);
    expect(
      (
        await withToken(
          `/api/concerns/${a.ledgerNo}`,
          token(a.ledgerNo, "track", 30, "x".repeat(40)),
        )
      ).status,
    ).toBe(404);
    expect(
      (await withToken(`/api/concerns/${a.ledgerNo}`, token(a.ledgerNo, "track", -1))).status,
    ).toBe(404);
    expect((await withToken(`/api/concerns/${a.ledgerNo}`, "garbage")).status).toBe(404);
    // Wrong tokens count against the address like wrong codes: it is stopped, others are not.
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) {
      statuses.push(
        (
          await withToken(
            `/api/concerns/${a.ledgerNo}`,
            `track.${a.ledgerNo}.zz.${"A".repeat(16)}`,
            {},
            "10.7.9.9",
          )
        ).status,
      );
    }
    expect(statuses.at(-1)).toBe(429);
    expect(
      (await withToken(`/api/concerns/${a.ledgerNo}`, token(a.ledgerNo, "track"), {}, "10.7.9.10"))
        .status,
    ).toBe(200);
  });
});

describe("停止短信通知", () => {
  it("is recorded as an event, and no message follows it", async () => {
    const res = await submit(api, smellyCreek, { from: "10.6.0.1" });
    const { ledgerNo, accessCode, smsUpdates } = await res.json();
    expect(smsUpdates).toBe(true);
    const stop = () =>
      api.app.request(`/api/concerns/${ledgerNo}/sms-opt-out`, {
        method: "POST",
        headers: { "x-access-code": accessCode },
      });
    expect(await (await stop()).json()).toEqual({ smsUpdates: false });
    expect((await stop()).status).toBe(200); // Again: nothing more happens.
    const found = await api.deps.store.getConcernWithEvents(ledgerNo);
    expect(found?.events.filter((e) => e.type === "sms_opted_out")).toHaveLength(1);
    const head = await loginAs(api, "head");
    await act(api, head, ledgerNo, { type: "accept" });
    const kinds = (await api.deps.store.listSmsOfConcern(ledgerNo)).map((m) => m.kind);
    expect(kinds).toEqual(["receipt"]);
    const wrong = await api.app.request(`/api/concerns/${ledgerNo}/sms-opt-out`, {
      method: "POST",
      headers: { "x-access-code": "0000000000" },
    });
    expect(wrong.status).toBe(404);
  });
});

describe("staff registering a call", () => {
  it("send SMS only when they ticked that the resident was told", async () => {
    const head = await loginAs(api, "head");
    const register = async (told?: boolean) => {
      const res = await api.app.request("/api/staff/concerns", {
        method: "POST",
        headers: {
          authorization: `Bearer ${head}`,
          "content-type": "application/json",
          "idempotency-key": newIdempotencyKey(),
        },
        body: JSON.stringify({
          ...smellyCreek,
          channel: "phone",
          ...(told === undefined ? {} : { residentToldOfSms: told }),
        }),
      });
      expect(res.status).toBe(201);
      return res.json();
    };
    const told = await register(true);
    expect(told.smsUpdates).toBe(true);
    expect((await api.deps.store.listSmsOfConcern(told.ledgerNo)).map((m) => m.kind)).toEqual([
      "receipt",
    ]);
    for (const notTold of [await register(false), await register()]) {
      expect(notTold.smsUpdates).toBe(false);
      expect(await api.deps.store.listSmsOfConcern(notTold.ledgerNo)).toEqual([]);
    }
  });
});

describe("the local SMS sink's page", () => {
  it("lists what the sender took, codes blanked, and is not there on a deployed stage", async () => {
    const admin = await loginAs(api, "admin");
    // A phone of its own: the file's other messages to the default phone would count against
    // its daily cap (10), and which of them the sender takes first is not this test's concern.
    const res = await submit(
      api,
      { ...smellyCreek, contactPhone: "13800139999" },
      { from: "10.6.0.9" },
    );
    const { ledgerNo, accessCode } = await res.json();
    const { runSmsSender, localSmsSink } = await import("@lianxin/functions");
    await runSmsSender(api.deps, {
      provider: localSmsSink({ log: () => {} }),
      signature: "【洛社镇】",
      siteUrl: "http://localhost:4321",
      residentKey: RESIDENT_KEY,
      townPerHour: 500,
    });
    const page = await (await staff(api, admin, "GET", "/api/staff/dev/sms")).json();
    const entry = page.items.find((i: { ledgerNo: string }) => i.ledgerNo === ledgerNo);
    expect(entry).toMatchObject({ kind: "receipt", state: "sent", to: "138****9999" });
    expect(entry.text).toContain(ledgerNo);
    expect(entry.text).toContain("http://localhost:4321/t/track.");
    expect(entry.text).not.toContain(accessCode);
    const deployed = await createTestApi({ localStack: false });
    const token = await loginAs(deployed, "admin");
    expect((await staff(deployed, token, "GET", "/api/staff/dev/sms")).status).toBe(404);
  });
});
