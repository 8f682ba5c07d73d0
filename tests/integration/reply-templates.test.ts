import { seedDemoReplyTemplates } from "@lianxin/functions/local";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, smellyCreek, submit, type TestApi } from "../support/api.js";
import { addAccount, loginAs, staff } from "../support/staff.js";

/**
 * 答复模板 (issue 16) on DynamoDB Local: admin creates, edits (the audit keeps the old text)
 * and retires templates (hidden from a concern's forms, still in admin's list); only admin
 * edits; a stale version is a 409; a concern's templates come filled, its category's first,
 * then the general ones, and only to those who may see the concern and take the action;
 * bad input is a 400 naming the field, in Chinese and in English.
 */
let api: TestApi;
let admin: string;
let cadre: string;
let leader: string;
let otherCadre: string;
let ledgerNo: string;

// From 2026-12-06 23:30 UTC (12月7日 in Shanghai), a second a reading: audits sort by time.
let clock = Date.parse("2026-12-06T23:30:00.000Z");
const AT = expect.stringMatching(/^2026-12-06T23:/);

const post = (token: string, path: string, body: unknown, lang?: string) =>
  api.app.request(path, {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      ...(lang ? { "accept-language": lang } : {}),
    },
    body: JSON.stringify(body),
  });

const template = (over: Record<string, unknown> = {}) => ({
  title: "河道已清淤",
  body: "您反映的{village}河道问题（{ledgerNo}）已由{department}于{today}清淤，请监督。",
  categoryCode: "environment",
  outcomes: ["resolved"],
  actions: ["answer"],
  ...over,
});

async function create(over: Record<string, unknown> = {}) {
  const res = await post(admin, "/api/staff/reply-templates", template(over));
  expect(res.status).toBe(201);
  return res.json();
}

const offered = async (token: string, action = "answer") =>
  staff(api, token, "GET", `/api/staff/concerns/${ledgerNo}/reply-templates?action=${action}`);

beforeAll(async () => {
  const now = () => {
    clock += 1000;
    return new Date(clock);
  };
  api = await createTestApi({ now });
  admin = await loginAs(api, "admin");
  cadre = await loginAs(api, "cadre");
  leader = await loginAs(api, "leader");
  otherCadre = await addAccount(api, {
    id: "t-templates-justice",
    username: "templatesjustice",
    name: "司法所干部",
    role: "cadre",
    departmentId: "justice",
  });
  const res = await submit(api, smellyCreek);
  expect(res.status).toBe(201);
  ledgerNo = (await res.json()).ledgerNo;
});

describe("admin keeps the templates", () => {
  it("creates, edits with the old text audited, and retires", async () => {
    const created = await create();
    expect(created).toMatchObject({
      version: 0,
      retiredAt: null,
      createdBy: { id: "staff-admin" },
    });

    const edited = await api.app.request(`/api/staff/reply-templates/${created.id}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
      body: JSON.stringify({
        ...template({ body: "{village}的河道已清淤，{department}将于{dueDate}前复查。" }),
        expectedVersion: 0,
        reason: "加上复查日期",
      }),
    });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ version: 1 });

    const trail = await staff(
      api,
      admin,
      "GET",
      `/api/staff/audit?subject=${encodeURIComponent(`reply_template#${created.id}`)}`,
    );
    expect(trail.status).toBe(200);
    const { items } = await trail.json();
    expect(items).toHaveLength(2);
    // Newest first: the edit keeps the old text and the new, who, when and why.
    expect(items[0]).toMatchObject({
      actor: { id: "staff-admin" },
      at: AT,
      reason: "加上复查日期",
      before: { body: template().body, version: 0 },
      after: { body: "{village}的河道已清淤，{department}将于{dueDate}前复查。", version: 1 },
    });
    expect(items[1]).toMatchObject({ before: null, after: { body: template().body } });

    const retired = await post(admin, `/api/staff/reply-templates/${created.id}/retire`, {
      expectedVersion: 1,
      reason: "不再使用",
    });
    expect(retired.status).toBe(200);
    expect(await retired.json()).toMatchObject({ version: 2, retireReason: "不再使用" });

    // Still in admin's list, hidden from the concern's forms.
    const list = await (await staff(api, admin, "GET", "/api/staff/reply-templates")).json();
    expect(list.items.find((t: { id: string }) => t.id === created.id)).toMatchObject({
      retiredAt: AT,
    });
    const forms = await (await offered(cadre)).json();
    expect(forms.items.map((t: { id: string }) => t.id)).not.toContain(created.id);
    const afterRetire = await (
      await staff(
        api,
        admin,
        "GET",
        `/api/staff/audit?subject=${encodeURIComponent(`reply_template#${created.id}`)}`,
      )
    ).json();
    expect(afterRetire.items[0]).toMatchObject({ reason: "不再使用", after: { retiredAt: AT } });
  });

  it("refuses a stale version with 409 and the current one", async () => {
    const created = await create({ title: "并发编辑" });
    const edit = (expectedVersion: number) =>
      api.app.request(`/api/staff/reply-templates/${created.id}`, {
        method: "PUT",
        headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
        body: JSON.stringify({ ...template({ title: "并发编辑" }), expectedVersion }),
      });
    expect((await edit(0)).status).toBe(200);
    const stale = await edit(0);
    expect(stale.status).toBe(409);
    expect((await stale.json()).error).toMatchObject({ code: "conflict", currentVersion: 1 });
    const staleRetire = await post(admin, `/api/staff/reply-templates/${created.id}/retire`, {
      expectedVersion: 0,
      reason: "过时",
    });
    expect(staleRetire.status).toBe(409);
    expect(
      (
        await post(admin, "/api/staff/reply-templates/no-such-template/retire", {
          expectedVersion: 0,
          reason: "过时",
        })
      ).status,
    ).toBe(404);
  });

  it("lets only admin list, create, edit and retire", async () => {
    const created = await create({ title: "只有党政办可改" });
    for (const token of [
      cadre,
      leader,
      await loginAs(api, "head"),
      await loginAs(api, "inspector"),
    ]) {
      expect((await staff(api, token, "GET", "/api/staff/reply-templates")).status).toBe(403);
      expect((await post(token, "/api/staff/reply-templates", template())).status).toBe(403);
      const put = await api.app.request(`/api/staff/reply-templates/${created.id}`, {
        method: "PUT",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ ...template(), expectedVersion: 0 }),
      });
      expect(put.status).toBe(403);
      expect(
        (
          await post(token, `/api/staff/reply-templates/${created.id}/retire`, {
            expectedVersion: 0,
            reason: "过时",
          })
        ).status,
      ).toBe(403);
    }
    const still = await (await staff(api, admin, "GET", "/api/staff/reply-templates")).json();
    expect(still.items.find((t: { id: string }) => t.id === created.id)).toMatchObject({
      version: 0,
      retiredAt: null,
    });
  });

  it("filters admin's list by category and action", async () => {
    await create({ title: "通用回应", categoryCode: null, actions: ["respond"], outcomes: [] });
    const general = await (
      await staff(api, admin, "GET", "/api/staff/reply-templates?category=general")
    ).json();
    expect(general.items.length).toBeGreaterThan(0);
    expect(general.items.every((t: { categoryCode: unknown }) => t.categoryCode === null)).toBe(
      true,
    );
    const responds = await (
      await staff(api, admin, "GET", "/api/staff/reply-templates?action=respond")
    ).json();
    expect(responds.items.map((t: { title: string }) => t.title)).toContain("通用回应");
    expect(responds.items.every((t: { actions: string[] }) => t.actions.includes("respond"))).toBe(
      true,
    );
    expect((await staff(api, admin, "GET", "/api/staff/reply-templates?action=merge")).status).toBe(
      400,
    );
  });
});

describe("a concern's forms offer its templates, filled", () => {
  it("lists the category's first, then general ones, with every placeholder filled", async () => {
    const general = await create({
      title: "通用答复",
      categoryCode: null,
      body: "{ledgerNo}：已于{today}答复，期限{dueDate}。",
      outcomes: [],
    });
    const env = await create({ title: "环保答复" });
    await create({ title: "道路答复", categoryCode: "roads_lighting" });
    const res = await offered(cadre);
    expect(res.status).toBe(200);
    const { items } = await res.json();
    const ids = items.map((t: { id: string }) => t.id);
    expect(ids.indexOf(env.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(env.id)).toBeLessThan(ids.indexOf(general.id));
    expect(
      items.every((t: { categoryCode: string | null }) => t.categoryCode !== "roads_lighting"),
    ).toBe(true);
    const filledEnv = items.find((t: { id: string }) => t.id === env.id);
    expect(filledEnv.text).toBe(
      `您反映的梅泾村河道问题（${ledgerNo}）已由环保分局于12月7日清淤，请监督。`,
    );
    const filledGeneral = items.find((t: { id: string }) => t.id === general.id);
    expect(filledGeneral.text).toMatch(
      new RegExp(`^${ledgerNo}：已于12月7日答复，期限\\d{1,2}月\\d{1,2}日。$`),
    );
    // A respond form gets only respond templates.
    const responds = await (await offered(cadre, "respond")).json();
    expect(responds.items.every((t: { actions: string[] }) => t.actions.includes("respond"))).toBe(
      true,
    );
  });

  it("answers 404 to staff who cannot see the concern, 403 to those who may not act", async () => {
    expect((await offered(otherCadre)).status).toBe(404);
    // The contact leader sees the concern but answers nothing.
    expect((await offered(leader)).status).toBe(403);
    expect(
      (await staff(api, cadre, "GET", "/api/staff/concerns/LS-2026-999999/reply-templates")).status,
    ).toBe(404);
    expect((await offered(cadre, "merge")).status).toBe(400);
  });
});

describe("bad input", () => {
  it("refuses unknown placeholders and unbalanced braces, naming the field, in both languages", async () => {
    const zh = await post(
      admin,
      "/api/staff/reply-templates",
      template({ body: "您好{resident}" }),
    );
    expect(zh.status).toBe(400);
    const zhBody = await zh.json();
    expect(zhBody.error.code).toBe("validation_failed");
    expect(zhBody.error.fields.body).toContain("{resident}");
    expect(zhBody.error.fields.body).toMatch(/占位符/);
    const en = await post(
      admin,
      "/api/staff/reply-templates",
      template({ body: "Hello {village" }),
      "en",
    );
    expect(en.status).toBe(400);
    expect((await en.json()).error.fields.body).toMatch(/Unbalanced braces/);
  });

  it("refuses an unknown category, a wrong outcome or action, and control characters", async () => {
    const unknown = await post(
      admin,
      "/api/staff/reply-templates",
      template({ categoryCode: "nope" }),
      "en",
    );
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.fields.categoryCode).toBe("Unknown category");
    for (const [over, field] of [
      [{ outcomes: ["perfect"] }, "outcomes.0"],
      [{ actions: ["merge"] }, "actions.0"],
      [{ actions: [] }, "actions"],
      [{ title: "标题\u202E" }, "title"],
    ] as const) {
      const res = await post(admin, "/api/staff/reply-templates", template(over));
      expect(res.status, field).toBe(400);
      expect(Object.keys((await res.json()).error.fields), field).toContain(field);
    }
    const noReason = await post(admin, "/api/staff/reply-templates/x/retire", {
      expectedVersion: 0,
    });
    expect(noReason.status).toBe(400);
  });
});

describe("the demo's templates (npm start)", () => {
  it("are seeded once, audited, and offered on a concern of their category", async () => {
    const fresh = await createTestApi();
    const seeded = await seedDemoReplyTemplates(fresh.deps.store, {
      now: new Date(),
      newId: () => crypto.randomUUID(),
    });
    expect(seeded).toBeGreaterThanOrEqual(8);
    expect(
      await seedDemoReplyTemplates(fresh.deps.store, {
        now: new Date(),
        newId: () => crypto.randomUUID(),
      }),
    ).toBe(0);
    const token = await loginAs(fresh, "cadre");
    const res = await submit(fresh, smellyCreek);
    const { ledgerNo: no } = await res.json();
    const forms = await (
      await staff(fresh, token, "GET", `/api/staff/concerns/${no}/reply-templates?action=answer`)
    ).json();
    expect(forms.items[0]).toMatchObject({
      id: "demo-environment-answer",
      categoryCode: "environment",
    });
    expect(forms.items[0].text).toContain(`梅泾村河道问题（编号 ${no}）`);
    const trail = await (
      await staff(
        fresh,
        await loginAs(fresh, "admin"),
        "GET",
        "/api/staff/audit?subject=reply_template%23demo-environment-answer",
      )
    ).json();
    expect(trail.items).toHaveLength(1);
  });
});
