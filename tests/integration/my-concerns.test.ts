import type { SmsRequest } from "@lianxin/functions";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, smellyCreek, submit, type TestApi } from "../support/api.js";
import { newestCodeSentTo } from "../support/sms.js";

/**
 * "我的诉求" (issue 14): a resident signs in with a mobile and a one-time code and sees every
 * concern submitted with that number in the last two years (and no one else's), opens each
 * one with the session, and signs out on the server. A number without concerns gets the
 * same answer and no code.
 */
let api: TestApi;
let clock = new Date("2026-12-07T02:00:00Z");
const sent: SmsRequest[] = [];

beforeAll(async () => {
  api = await createTestApi({ now: () => clock });
});

const HEADERS = {
  "content-type": "application/json",
  "x-lianxin-site-secret": "test-site-secret",
};
const post = (path: string, body: unknown, from = "10.6.0.1") =>
  api.app.request(path, {
    method: "POST",
    headers: { ...HEADERS, "x-lianxin-client-address": from },
    body: JSON.stringify(body),
  });
const withSession = (path: string, session: string, method = "GET") =>
  api.app.request(path, {
    method,
    headers: { ...HEADERS, "x-lianxin-client-address": "10.6.0.9", "x-resident-session": session },
  });

const codeSentTo = (mobile: string) => newestCodeSentTo(api, sent, mobile);

async function submitted(contact: Record<string, unknown>, title: string) {
  const res = await submit(
    api,
    { ...smellyCreek, title, ...contact },
    { from: `10.7.${Math.floor(Math.random() * 250)}.1` },
  );
  expect(res.status).toBe(201);
  return (await res.json()) as { ledgerNo: string; accessCode: string };
}

async function signIn(phone: string): Promise<string> {
  expect((await post("/api/resident/sign-in", { phone })).status).toBe(202);
  const code = await codeSentTo(phone.replace(/\D/g, "").slice(-11));
  expect(code).toMatch(/^\d{6}$/);
  const res = await post("/api/resident/sign-in/verify", { phone, code });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { session: string; expiresAt: string };
  expect(body.expiresAt).toBe(new Date(clock.getTime() + 30 * 60_000).toISOString());
  return body.session;
}

describe("我的诉求", () => {
  it("lists two concerns of one phone, newest first, and not a third of another phone", async () => {
    const first = await submitted({ contactPhone: "13900002001" }, "路灯不亮");
    clock = new Date(clock.getTime() + 60_000);
    const second = await submitted({ contactPhone: "+86 139-0000-2001" }, "河道发臭");
    const other = await submitted({ contactPhone: "13900002002" }, "别人的事");
    const anonymous = await submitted({ contactPhone: "13900002001", anonymous: true }, "匿名反映");
    const session = await signIn("13900002001");
    const list = await withSession("/api/resident/concerns", session);
    expect(list.status).toBe(200);
    expect(list.headers.get("cache-control")).toContain("no-store");
    const { items } = (await list.json()) as { items: Array<{ ledgerNo: string; title: string }> };
    expect(items.map((i) => i.ledgerNo)).toEqual([second.ledgerNo, first.ledgerNo]);
    expect(JSON.stringify(items)).not.toContain("13900002001");
    // The session opens its own concerns, not another phone's, nor the anonymous one.
    expect((await withSession(`/api/concerns/${first.ledgerNo}`, session)).status).toBe(200);
    expect((await withSession(`/api/concerns/${other.ledgerNo}`, session)).status).toBe(404);
    expect((await withSession(`/api/concerns/${anonymous.ledgerNo}`, session)).status).toBe(404);
    // And rates, adds information and stops SMS as the code does.
    const added = await api.app.request(`/api/concerns/${first.ledgerNo}/messages`, {
      method: "POST",
      headers: {
        ...HEADERS,
        "x-lianxin-client-address": "10.6.0.9",
        "x-resident-session": session,
      },
      body: JSON.stringify({ text: "晚上八点以后最明显" }),
    });
    expect(added.status).toBe(201);
  });

  it("sends no code to a number without concerns, with the same answer", async () => {
    const before = sent.length;
    const res = await post("/api/resident/sign-in", { phone: "13900002999" }, "10.6.0.2");
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ sent: true });
    await codeSentTo("13900002999");
    expect(sent.slice(before).filter((r) => r.kind === "one_time_code")).toEqual([]);
    const verify = await post(
      "/api/resident/sign-in/verify",
      { phone: "13900002999", code: "123456" },
      "10.6.0.2",
    );
    expect(verify.status).toBe(400);
  });

  it("refuses a bad body in the caller's language and a landline", async () => {
    const res = await api.app.request("/api/resident/sign-in", {
      method: "POST",
      headers: { ...HEADERS, "x-lianxin-client-address": "10.6.0.3", "accept-language": "en" },
      body: JSON.stringify({ phone: "abc" }),
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.fields.phone).toMatch(/[A-Za-z]/);
    expect(body.error.fields.phone).not.toMatch(/[\u4e00-\u9fff]/);
    const landline = await post("/api/resident/sign-in", { phone: "0510-83312345" }, "10.6.0.3");
    expect(landline.status).toBe(202);
  });

  it("ends a session at sign-out and after 30 minutes, and refuses a forged one", async () => {
    await submitted({ contactPhone: "13900002003" }, "噪声扰民");
    const session = await signIn("13900002003");
    expect((await withSession("/api/resident/concerns", session)).status).toBe(200);
    expect((await withSession("/api/resident/session", session, "DELETE")).status).toBe(204);
    expect((await withSession("/api/resident/concerns", session)).status).toBe(401);
    // Signing out again is already done.
    expect((await withSession("/api/resident/session", session, "DELETE")).status).toBe(204);

    const later = await signIn("13900002003");
    clock = new Date(clock.getTime() + 30 * 60_000 + 1000);
    expect((await withSession("/api/resident/concerns", later)).status).toBe(401);
    expect((await withSession("/api/resident/concerns", "x".repeat(43))).status).toBe(401);
    expect((await withSession("/api/resident/concerns", "")).status).toBe(401);
  });

  it("does not list a concern older than two years", async () => {
    const old = await submitted({ contactPhone: "13900002004" }, "旧事");
    clock = new Date(clock.getTime() + 731 * 86_400_000);
    const recent = await submitted({ contactPhone: "13900002004" }, "新事");
    const session = await signIn("13900002004");
    const { items } = (await (await withSession("/api/resident/concerns", session)).json()) as {
      items: Array<{ ledgerNo: string }>;
    };
    expect(items.map((i) => i.ledgerNo)).toEqual([recent.ledgerNo]);
    expect((await withSession(`/api/concerns/${old.ledgerNo}`, session)).status).toBe(404);
  });
});
