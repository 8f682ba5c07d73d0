import { verifyLinkToken } from "@lianxin/core";
import {
  runSmsSender,
  type SmsProvider,
  type SmsRequest,
  type SmsSenderSettings,
} from "@lianxin/functions";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, smellyCreek, submit, type TestApi } from "../support/api.js";
import { act, loginAs, staff } from "../support/staff.js";

/**
 * The SMS outbox and its sender on DynamoDB Local (issue 14): messages written with the
 * change that causes them, each sent at most once, retried while the provider proves it did
 * not send, left 状态未知 when nothing proves either way, held to the caps and quiet hours.
 */
const RESIDENT_KEY = "test-resident-key-0123456789abcdefghij";

/** A provider that answers as told and records what it was given. */
function provider(answer: (r: SmsRequest) => Promise<Awaited<ReturnType<SmsProvider["send"]>>>) {
  const sent: SmsRequest[] = [];
  const p: SmsProvider = {
    name: "test",
    async send(request) {
      sent.push(request);
      return answer(request);
    },
  };
  return { provider: p, sent };
}
const accepting = () => provider(async (r) => ({ kind: "sent", providerId: `p-${r.id}` }));

let clock = new Date("2026-12-07T02:00:00Z"); // 10:00 in Shanghai
let api: TestApi;
const settings = (p: SmsProvider, more: Partial<SmsSenderSettings> = {}): SmsSenderSettings => ({
  provider: p,
  signature: "【洛社镇】",
  siteUrl: "https://lx.test",
  residentKey: RESIDENT_KEY,
  townPerHour: 500,
  ...more,
});
const advance = (minutes: number) => {
  clock = new Date(clock.getTime() + minutes * 60_000);
};

beforeAll(async () => {
  api = await createTestApi({ now: () => clock, residentKey: RESIDENT_KEY });
});

/** A submission from its own address with the given phone; the receipt's ledger number. */
async function submitted(phone = "13800138000", extra: Record<string, unknown> = {}) {
  const res = await submit(
    api,
    { ...smellyCreek, contactPhone: phone, ...extra },
    {
      from: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    },
  );
  expect(res.status).toBe(201);
  return (await res.json()) as { ledgerNo: string; accessCode: string; smsUpdates: boolean };
}

describe("the SMS sender", () => {
  it("sends the receipt written with the concern, once, with a signed link and the code", async () => {
    const receipt = await submitted("13900000001");
    expect(receipt.smsUpdates).toBe(true);
    const [message] = await api.deps.store.listSmsOfConcern(receipt.ledgerNo);
    expect(message).toMatchObject({ kind: "receipt", state: "pending", to: "+8613900000001" });

    const first = accepting();
    const summaries = await Promise.all([
      runSmsSender(api.deps, settings(first.provider)),
      runSmsSender(api.deps, settings(first.provider)),
    ]);
    const mine = first.sent.filter((r) => r.params.ledgerNo === receipt.ledgerNo);
    expect(mine).toHaveLength(1); // Two senders at once: sent once.
    expect(summaries.reduce((n, s) => n + s.sent, 0)).toBe(first.sent.length);
    const request = mine[0] as SmsRequest;
    expect(request.text).toContain(receipt.accessCode);
    expect(request.text.startsWith("【洛社镇】")).toBe(true);
    const token = /https:\/\/lx\.test\/t\/(\S+)$/.exec(request.text)?.[1] ?? "";
    expect(verifyLinkToken(token, ["track"], clock, RESIDENT_KEY)).toMatchObject({
      ok: true,
      ledgerNo: receipt.ledgerNo,
    });

    const [stored] = await api.deps.store.listSmsOfConcern(receipt.ledgerNo);
    expect(stored).toMatchObject({
      state: "sent",
      provider: "test",
      providerId: `p-${request.id}`,
    });
    // The code is not kept once sent.
    expect(JSON.stringify(stored)).not.toContain(receipt.accessCode);
    expect(stored?.text).toContain("••••");

    const again = accepting();
    await runSmsSender(api.deps, settings(again.provider));
    expect(again.sent.filter((r) => r.params.ledgerNo === receipt.ledgerNo)).toEqual([]);
  });

  it("works through a backlog of several pages in one run", async () => {
    await runSmsSender(api.deps, settings(accepting().provider)); // Clear what earlier tests left.
    const numbers = [];
    for (let i = 0; i < 60; i++)
      numbers.push((await submitted(`1370000${String(i).padStart(4, "0")}`)).ledgerNo);
    const backlog = accepting();
    const summary = await runSmsSender(api.deps, settings(backlog.provider));
    expect(summary.sent).toBe(60);
    expect(backlog.sent.map((r) => r.params.ledgerNo).sort()).toEqual(numbers.sort());
  });

  it("sends nothing for a landline, an anonymous resident or one who opted out", async () => {
    for (const [phone, extra] of [
      ["0510-83312345", {}],
      ["13900000002", { anonymous: true }],
      ["13900000003", { smsOptOut: true }],
    ] as const) {
      const receipt = await submitted(phone, extra);
      expect(receipt.smsUpdates).toBe(false);
      expect(await api.deps.store.listSmsOfConcern(receipt.ledgerNo)).toEqual([]);
    }
  });

  it("retries a provider that refuses, then marks the message failed for admin", async () => {
    const receipt = await submitted("13900000004");
    const refusing = provider(async () => ({
      kind: "not_sent",
      error: "isv.BUSINESS_LIMIT_CONTROL",
    }));
    const tries = () => refusing.sent.filter((r) => r.params.ledgerNo === receipt.ledgerNo).length;
    await runSmsSender(api.deps, settings(refusing.provider));
    expect(tries()).toBe(1);
    await runSmsSender(api.deps, settings(refusing.provider));
    expect(tries()).toBe(1); // Backing off: not due yet.
    for (const wait of [1, 2, 4, 8]) {
      advance(wait);
      await runSmsSender(api.deps, settings(refusing.provider));
    }
    expect(tries()).toBe(5);
    const [failed] = await api.deps.store.listSmsOfConcern(receipt.ledgerNo);
    expect(failed).toMatchObject({
      state: "failed",
      attempts: 5,
      lastError: "isv.BUSINESS_LIMIT_CONTROL",
    });
    expect(JSON.stringify(failed)).not.toContain(receipt.accessCode);
    const attention = await api.deps.store.listSmsNeedingAttention(50);
    expect(attention.map((m) => m.id)).toContain(failed?.id);
    // Admin sees it with the provider's error; other roles may not look.
    const admin = await loginAs(api, "admin");
    const listed = await (await staff(api, admin, "GET", "/api/staff/sms/attention")).json();
    expect(listed.items.find((m: { id: string }) => m.id === failed?.id)).toMatchObject({
      state: "failed",
      attempts: 5,
      lastError: "isv.BUSINESS_LIMIT_CONTROL",
      to: "139****0004",
    });
    const cadre = await loginAs(api, "cadre");
    expect((await staff(api, cadre, "GET", "/api/staff/sms/attention")).status).toBe(403);
    advance(60);
    await runSmsSender(api.deps, settings(refusing.provider));
    expect(tries()).toBe(5);
  });

  it("leaves a message whose sending proved nothing 状态未知, never sending it again", async () => {
    const receipt = await submitted("13900000005");
    const silent = provider(async () => {
      throw new Error("socket hang up");
    });
    await runSmsSender(api.deps, settings(silent.provider));
    const [sending] = await api.deps.store.listSmsOfConcern(receipt.ledgerNo);
    expect(sending?.state).toBe("sending");
    advance(4);
    const working = accepting();
    await runSmsSender(api.deps, settings(working.provider));
    advance(2);
    await runSmsSender(api.deps, settings(working.provider));
    const [unknown] = await api.deps.store.listSmsOfConcern(receipt.ledgerNo);
    expect(unknown?.state).toBe("unknown");
    expect(working.sent.filter((r) => r.params.ledgerNo === receipt.ledgerNo)).toEqual([]);
  });

  it("sends each step of a concern, holding updates through the night", async () => {
    const receipt = await submitted("13900000006");
    await runSmsSender(api.deps, settings(accepting().provider));
    clock = new Date("2026-12-07T15:00:00Z"); // 23:00 in Shanghai
    const head = await loginAs(api, "head");
    expect((await act(api, head, receipt.ledgerNo, { type: "accept" })).status).toBe(200);
    const night = accepting();
    await runSmsSender(api.deps, settings(night.provider));
    expect(night.sent.filter((r) => r.params.ledgerNo === receipt.ledgerNo)).toEqual([]);
    clock = new Date("2026-12-08T00:00:00Z"); // 08:00
    const morning = accepting();
    await runSmsSender(api.deps, settings(morning.provider));
    const signed = morning.sent.filter((r) => r.params.ledgerNo === receipt.ledgerNo);
    expect(signed.map((r) => r.kind)).toEqual(["signed_for"]);
    expect(signed[0]?.params.department).toBeTruthy();
  });

  it("drops past a phone's daily cap, and pauses the town at its hourly cap", async () => {
    clock = new Date("2026-12-09T02:00:00Z");
    const phone = "13900000007";
    for (let i = 0; i < 11; i++) await submitted(phone);
    const capped = accepting();
    await runSmsSender(api.deps, settings(capped.provider));
    expect(capped.sent.filter((r) => r.to === `+86${phone}`)).toHaveLength(10);
    const attention = await api.deps.store.listSmsNeedingAttention(100);
    expect(attention.filter((m) => m.to === `+86${phone}` && m.state === "dropped")).toHaveLength(
      1,
    );

    clock = new Date("2026-12-09T05:00:00Z");
    for (let i = 0; i < 4; i++) await submitted(`1390000010${i}`);
    const town = accepting();
    const summary = await runSmsSender(api.deps, settings(town.provider, { townPerHour: 3 }));
    expect(summary).toMatchObject({ sent: 3, paused: true });
    const inbox = await api.deps.store.listInbox("role:admin", { limit: 10 });
    expect(inbox.items.map((i) => i.kind)).toContain("sms_paused");
    clock = new Date("2026-12-09T06:00:00Z");
    const next = accepting();
    expect(await runSmsSender(api.deps, settings(next.provider, { townPerHour: 3 }))).toMatchObject(
      {
        sent: 1,
        paused: false,
      },
    );
  });
});
