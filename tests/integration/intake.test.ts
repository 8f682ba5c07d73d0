import { buildDemoDirectory } from "@lianxin/core/demo";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createTestApi,
  newIdempotencyKey,
  smellyCreek,
  submit,
  type TestApi,
  track,
} from "../support/api.js";
import { loginAs, staff } from "../support/staff.js";

const directory = buildDemoDirectory();
const meijing = directory.villages.find((v) => v.id === "meijing");
const meijingLeader = directory.leaders.find((l) => l.id === meijing?.contactLeaderId);

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi({
    now: () => new Date("2026-11-27T02:00:00.000Z"),
    limits: {
      submissionsPerHour: 1000,
      wrongCodesPer15Minutes: 5,
      messagesPerHour: 20,
      uploadsPerHour: 60,
    },
  });
});

describe("health and directory", () => {
  it("answers health once the database does", async () => {
    const res = await api.app.request("/api/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("lists villages with their contact leader and categories with their limits", async () => {
    const res = await api.app.request("/api/directory");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.villages).toHaveLength(26);
    const village = body.villages.find((v: { id: string }) => v.id === "meijing");
    expect(village).toMatchObject({
      name: "梅泾村",
      kind: "village",
      contactLeader: { name: meijingLeader?.name, title: meijingLeader?.title },
    });
    expect(village.groups[0]).toEqual({ id: "meijing-01", name: "倪巷组" });
    const env = body.categories.find((c: { code: string }) => c.code === "environment");
    expect(env).toMatchObject({
      name: "环境与河道",
      limits: { answer: { amount: 7, unit: "days" } },
    });
    const en = await (
      await api.app.request("/api/directory", { headers: { "accept-language": "en" } })
    ).json();
    expect(en.categories.find((c: { code: string }) => c.code === "environment").name).toBe(
      "Environment and waterways",
    );
  });
});

describe("submitting and tracking a concern", () => {
  it("puts 梅泾村's smelly creek on the ledger, routed to 环保分局 and the contact leader", async () => {
    const res = await submit(api, smellyCreek);
    expect(res.status).toBe(201);
    const receipt = await res.json();
    expect(receipt.ledgerNo).toMatch(/^LS-2026-\d{6}$/);
    expect(receipt.accessCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(receipt.status).toBe("assigned");
    expect(receipt.routing).toEqual({
      department: { id: "env-bureau", name: "环保分局" },
      contactLeader: { name: meijingLeader?.name },
    });
    expect(receipt.dueAt).toBe("2026-12-04T02:00:00.000Z");

    const view = await track(api, receipt.ledgerNo, receipt.accessCode);
    expect(view.status).toBe(200);
    expect(view.headers.get("cache-control")).toBe("no-store");
    const body = await view.json();
    expect(body).toMatchObject({
      ledgerNo: receipt.ledgerNo,
      status: "assigned",
      category: { code: "environment", name: "环境与河道" },
      village: { id: "meijing", name: "梅泾村" },
      group: { id: "meijing-01", name: "倪巷组" },
      createdAt: "2026-11-27T02:00:00.000Z",
      dueAt: receipt.dueAt,
      flags: { overdue: false, supervised: false, reopened: false },
    });
    expect(body.timeline.map((e: { type: string }) => e.type)).toEqual(["submitted", "routed"]);
    // The resident's view never carries personal data.
    const text = JSON.stringify(body);
    for (const secret of ["张三", "13800138000", "18 号", "accessCodeHash", '"contact":']) {
      expect(text).not.toContain(secret);
    }
  });

  it("accepts the code as people type it: lower case, hyphens, O for 0", async () => {
    const receipt = await (await submit(api, smellyCreek)).json();
    const sloppy = `${receipt.accessCode.slice(0, 5)}-${receipt.accessCode.slice(5)}`
      .toLowerCase()
      .replace(/0/g, "o");
    expect((await track(api, receipt.ledgerNo.toLowerCase(), sloppy)).status).toBe(200);
  });

  it("answers a wrong code, a missing code and an unknown number with the same 404", async () => {
    const receipt = await (await submit(api, smellyCreek)).json();
    const wrong = await track(api, receipt.ledgerNo, "0000000000");
    const missing = await track(api, receipt.ledgerNo);
    const unknown = await track(api, "LS-2026-999999", receipt.accessCode);
    const bodies = await Promise.all([wrong, missing, unknown].map((r) => r.json()));
    expect([wrong.status, missing.status, unknown.status]).toEqual([404, 404, 404]);
    expect(bodies[0]).toEqual(bodies[1]);
    expect(bodies[1]).toEqual(bodies[2]);
    expect(bodies[0].error.code).toBe("not_found");
  });

  // Issue 12 reversed the old rule ("after 5 wrong codes even the right one is refused"):
  // anyone could lock a resident out of their own concern by its sequential number.
  it("refuses wrong codes after 5 in 15 minutes, with Retry-After, but never the right one", async () => {
    const receipt = await (await submit(api, smellyCreek)).json();
    for (let i = 0; i < 5; i++)
      expect((await track(api, receipt.ledgerNo, "ZZZZZZZZZZ")).status).toBe(404);
    const refused = await track(api, receipt.ledgerNo, "ZZZZZZZZZY", "en");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await refused.json()).error.message).toMatch(/try again/);
    expect((await track(api, receipt.ledgerNo, receipt.accessCode)).status).toBe(200);
  });

  it("lets the resident add information to the public timeline", async () => {
    const receipt = await (await submit(api, smellyCreek)).json();
    const post = (body: unknown, code = receipt.accessCode) =>
      api.app.request(`/api/concerns/${receipt.ledgerNo}/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-access-code": code },
        body: JSON.stringify(body),
      });
    const added = await post({ text: "今天上午又闻到臭味，河面有死鱼。" });
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({
      type: "message",
      text: "今天上午又闻到臭味，河面有死鱼。",
    });
    expect((await post({ text: "" })).status).toBe(400);
    expect((await post({ text: "x" }, "0000000000")).status).toBe(404);
    const view = await (await track(api, receipt.ledgerNo, receipt.accessCode)).json();
    expect(view.timeline.at(-1)).toMatchObject({
      type: "message",
      text: "今天上午又闻到臭味，河面有死鱼。",
    });
  });

  it("sends a complaint about cadres' conduct to the discipline commission", async () => {
    const res = await submit(api, {
      ...smellyCreek,
      categoryCode: "cadre_conduct",
      groupId: undefined,
    });
    expect((await res.json()).routing.department.name).toBe("纪委");
  });

  it("puts what no rule routes into triage at the town office", async () => {
    const res = await submit(api, {
      ...smellyCreek,
      villageId: "yaxi",
      groupId: undefined,
      categoryCode: "other",
    });
    const receipt = await res.json();
    expect(receipt.status).toBe("triage");
    expect(receipt.routing.department.name).toBe("党政办");
  });

  it("keeps no name or phone for an anonymous concern", async () => {
    const receipt = await (await submit(api, { ...smellyCreek, anonymous: true })).json();
    const stored = await api.deps.store.getConcernWithEvents(receipt.ledgerNo);
    expect(stored?.concern.contact).toEqual({
      name: null,
      phone: null,
      address: smellyCreek.address,
    });
    expect(stored?.concern.anonymous).toBe(true);
  });

  it("stores only the hash of the access code", async () => {
    const receipt = await (await submit(api, smellyCreek)).json();
    const stored = await api.deps.store.getConcernWithEvents(receipt.ledgerNo);
    expect(JSON.stringify(stored)).not.toContain(receipt.accessCode);
  });
});

describe("idempotent submission", () => {
  it("returns the same 201 for the same key and body, and 422 for another body", async () => {
    const key = newIdempotencyKey();
    const first = await (await submit(api, smellyCreek, { key })).json();
    const again = await submit(api, { ...smellyCreek }, { key });
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(first);
    const other = await submit(api, { ...smellyCreek, title: "另一件事" }, { key });
    expect(other.status).toBe(422);
    expect((await other.json()).error.code).toBe("idempotency_conflict");
  });
});

describe("ledger years", () => {
  it("takes the ledger year in Asia/Shanghai", async () => {
    const newYear = await createTestApi({ now: () => new Date("2026-12-31T16:30:00.000Z") });
    const receipt = await (await submit(newYear, smellyCreek)).json();
    expect(receipt.ledgerNo).toBe("LS-2027-000001");
  });
});

describe("phone numbers", () => {
  it("takes every number the forms take, stored without separators", async () => {
    const token = await loginAs(api, "cadre");
    for (const [typed, stored] of [
      ["(0510) 8331 2345 转 8", "051083312345转8"],
      ["83312345", "83312345"],
      ["+86 138-0013-8000", "+8613800138000"],
      ["１３８００１３８０００", "13800138000"],
    ]) {
      const res = await submit(api, { ...smellyCreek, contactPhone: typed });
      expect(res.status, typed).toBe(201);
      const { ledgerNo } = await res.json();
      const view = await (await staff(api, token, "GET", `/api/staff/concerns/${ledgerNo}`)).json();
      expect(view.contact.phone).toBe(stored);
    }
  });

  it("refuses what cannot be a Chinese phone number, in the caller's language", async () => {
    const zh = await submit(api, { ...smellyCreek, contactPhone: "12345" });
    expect(zh.status).toBe(400);
    expect((await zh.json()).error.fields.contactPhone).toContain("区号");
    const en = await submit(
      api,
      { ...smellyCreek, contactPhone: "+1 415 555 0100" },
      { headers: { "accept-language": "en" } },
    );
    expect(en.status).toBe(400);
    expect((await en.json()).error.fields.contactPhone).toContain("area code");
  });
});
