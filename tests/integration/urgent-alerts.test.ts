import type { StoredSms } from "@lianxin/core";
import { createApp, type SmsProvider, type SmsRequest, withInProcessSms } from "@lianxin/functions";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createTestApi,
  newIdempotencyKey,
  smellyCreek,
  submit,
  type TestApi,
} from "../support/api.js";
import { act, addAccount, loginAs, staff } from "../support/staff.js";

/**
 * Urgent categories (issue 14) on DynamoDB Local, with the sender in this process as `npm
 * start` runs it: a concern of an urgent category texts the head of the department it arrives
 * at, at any hour, the phone found on the head's account when the message is sent; a head
 * without one makes the message fail at once, for admin.
 */
const RESIDENT_KEY = "test-resident-key-0123456789abcdefghij";
const clock = new Date("2026-12-07T15:00:00Z"); // 23:00 in Shanghai: quiet hours
const HEAD_PHONE = "13912340000";

const sent: SmsRequest[] = [];
const provider: SmsProvider = {
  name: "test",
  async send(request) {
    sent.push(request);
    return { kind: "sent", providerId: `p-${request.id}` };
  },
};

let api: TestApi;
let drain: () => Promise<void>;
let admin: string;

beforeAll(async () => {
  const base = await createTestApi({ now: () => clock, residentKey: RESIDENT_KEY });
  const deps = withInProcessSms(base.deps, {
    provider,
    signature: "【洛社镇】",
    siteUrl: "https://lx.test",
    townPerHour: 500,
  });
  api = { ...base, deps, app: createApp(deps) };
  drain = () => deps.drainSms();
  admin = await loginAs(api, "admin");
  // 安监办's head, with a work mobile that admin keeps on the account.
  await addAccount(api, {
    id: "work-safety-head",
    username: "ws-head",
    name: "安监办负责人",
    role: "dept_head",
    departmentId: "work-safety",
  });
  const phone = await staff(api, admin, "PATCH", "/api/staff/accounts/work-safety-head", {
    phone: `+86 ${HEAD_PHONE}`,
  });
  expect(phone.status).toBe(200);
});

const hazard = {
  villageId: "doumen",
  categoryCode: "safety_hazard",
  title: "电线杆倾斜",
  description: "陡门村路口的电线杆严重倾斜，随时可能倒下，请尽快处理。",
  contactName: "李四",
  contactPhone: "13800138001",
};

/** A resident's submission from an address of its own; the receipt. */
async function submitted(body: Record<string, unknown>) {
  const res = await submit(api, body, { from: `10.14.${sent.length % 250}.${Date.now() % 250}` });
  expect(res.status).toBe(201);
  return (await res.json()) as { ledgerNo: string; accessCode: string };
}
const alertsOf = async (ledgerNo: string) =>
  (await api.deps.store.listSmsOfConcern(ledgerNo)).filter((m) => m.kind === "urgent_alert");
const sentFor = (ledgerNo: string) => sent.filter((r) => r.params.ledgerNo === ledgerNo);

describe("urgent categories", () => {
  it("text the department head at once at 23:00, with the concern's registration", async () => {
    const { ledgerNo } = await submitted(hazard);
    // Written in the registration's transaction, due now (quiet hours or not).
    const [alert] = await alertsOf(ledgerNo);
    expect(alert).toMatchObject({
      to: "department-head:work-safety",
      audience: "staff",
      sendAfter: clock.toISOString(),
    });
    await drain();
    const requests = sentFor(ledgerNo);
    expect(requests.map((r) => r.kind).sort()).toEqual(["receipt", "urgent_alert"]);
    const text = requests.find((r) => r.kind === "urgent_alert");
    expect(text).toMatchObject({
      to: `+86${HEAD_PHONE}`,
      text: `【洛社镇】紧急诉求${ledgerNo}（安全隐患）已交安监办，请即处理。`,
    });
    expect(text?.text).not.toContain("李四");
    const [stored] = await alertsOf(ledgerNo);
    expect(stored).toMatchObject({
      state: "sent",
      to: "department-head:work-safety",
      sentTo: `+86${HEAD_PHONE}`,
    });
    // Admin's log shows whom it went to, the mobile masked.
    const log = await (await staff(api, admin, "GET", "/api/staff/dev/sms")).json();
    expect(log.items.find((m: { id: string }) => m.id === stored?.id)).toMatchObject({
      departmentHead: "安监办",
      to: "139****0000",
    });
  });

  it("send nothing to the head for a category that is not urgent", async () => {
    const { ledgerNo } = await submitted({ ...smellyCreek, contactPhone: "13800138002" });
    await drain();
    expect(await alertsOf(ledgerNo)).toEqual([]);
    expect(sentFor(ledgerNo).map((r) => r.kind)).toEqual(["receipt"]);
  });

  it("alert whatever the channel, and are not held to a resident phone's daily cap", async () => {
    const head = await loginAs(api, "ws-head");
    const before = sent.filter((r) => r.kind === "urgent_alert").length;
    for (let i = 0; i < 11; i++) {
      const res = await api.app.request("/api/staff/concerns", {
        method: "POST",
        headers: {
          authorization: `Bearer ${head}`,
          "content-type": "application/json",
          "idempotency-key": newIdempotencyKey(),
        },
        // A call from a resident who gave no phone: only the head is texted.
        body: JSON.stringify({ ...hazard, contactPhone: undefined, channel: "phone" }),
      });
      expect(res.status).toBe(201);
    }
    await drain();
    const alerts = sent.filter((r) => r.kind === "urgent_alert").slice(before);
    expect(alerts).toHaveLength(11);
    expect(new Set(alerts.map((r) => r.to))).toEqual(new Set([`+86${HEAD_PHONE}`]));
  });

  it("fail at once, for admin, when the head has no account or no mobile; never retried", async () => {
    const { ledgerNo } = await submitted({ ...hazard, contactPhone: "13800138003" });
    await drain();
    // 安监办's head returns it to the town office: its head has no account here.
    const head = await loginAs(api, "ws-head");
    expect((await act(api, head, ledgerNo, { type: "return", reason: "不属本部门" })).status).toBe(
      200,
    );
    await drain();
    // The town office dispatches it to 水利站, whose head has an account without a mobile.
    await addAccount(api, {
      id: "water-station-head",
      username: "water-head",
      name: "水利站负责人",
      role: "dept_head",
      departmentId: "water-station",
    });
    expect(
      (await act(api, admin, ledgerNo, { type: "dispatch", departmentId: "water-station" })).status,
    ).toBe(200);
    await drain();

    const alerts = await alertsOf(ledgerNo);
    const byDepartment = (id: string) =>
      alerts.find((m) => m.to === `department-head:${id}`) as StoredSms;
    expect(alerts).toHaveLength(3);
    expect(byDepartment("work-safety").state).toBe("sent");
    expect(byDepartment("town-office")).toMatchObject({ state: "failed", attempts: 0 });
    expect(byDepartment("town-office").lastError).toMatch(/^no_head_account: 党政办负责人/);
    expect(byDepartment("water-station")).toMatchObject({ state: "failed", attempts: 0 });
    expect(byDepartment("water-station").lastError).toMatch(/^no_head_mobile: 水利站负责人/);
    expect(sentFor(ledgerNo).filter((r) => r.kind === "urgent_alert")).toHaveLength(1);

    // Listed for admin with the error and whom it was for; never tried again.
    const attention = await (await staff(api, admin, "GET", "/api/staff/sms/attention")).json();
    const listed = attention.items.find(
      (m: { id: string }) => m.id === byDepartment("water-station").id,
    );
    expect(listed).toMatchObject({
      kind: "urgent_alert",
      state: "failed",
      departmentHead: "水利站",
      to: "",
    });
    expect(listed.lastError).toContain("no_head_mobile");
    const tries = sent.length;
    clock.setTime(clock.getTime() + 20 * 60_000);
    const { runSmsSender } = await import("@lianxin/functions");
    await runSmsSender(api.deps, {
      provider,
      signature: "【洛社镇】",
      siteUrl: "https://lx.test",
      residentKey: RESIDENT_KEY,
      townPerHour: 500,
    });
    expect(sent.length).toBe(tries);
    expect((await alertsOf(ledgerNo)).map((m) => m.state).sort()).toEqual([
      "failed",
      "failed",
      "sent",
    ]);
  });

  it("follow the flag admin sets on a category", async () => {
    const directory = await (await staff(api, admin, "GET", "/api/staff/directory")).json();
    const utilities = directory.categories.find((c: { code: string }) => c.code === "utilities");
    expect(utilities.urgent).toBe(false);
    const { code: _code, retiredAt: _retired, ...edit } = utilities;
    const put = await staff(api, admin, "PUT", "/api/staff/directory/categories/utilities", {
      ...edit,
      urgent: true,
    });
    expect(put.status).toBe(200);
    const after = await (await staff(api, admin, "GET", "/api/staff/directory")).json();
    expect(after.categories.find((c: { code: string }) => c.code === "utilities").urgent).toBe(
      true,
    );
    const { ledgerNo } = await submitted({
      ...hazard,
      categoryCode: "utilities",
      contactPhone: "13800138004",
    });
    const [alert] = await alertsOf(ledgerNo);
    expect(alert?.params).toMatchObject({ category: "水电气供应" });
    expect(alert?.to).toBe(`department-head:${utilities.departmentId}`);
  });
});
