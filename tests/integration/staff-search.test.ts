import { runEscalationJob, runTermIndexer } from "@lianxin/functions";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, smellyCreek, submit, type TestApi } from "../support/api.js";
import { addAccount, loginAs, staff } from "../support/staff.js";

/**
 * Staff search (issue 16) on DynamoDB Local: the word index is built by the job after commit,
 * from masked text; ledger numbers jump; a mobile finds its resident's concerns for those who
 * may see them; words intersect, newest first, counted and paged; conduct complaints stay
 * with those who read them.
 */
let api: TestApi;
const t: Record<string, string> = {};
const filed: Record<string, string> = {};

/** 钱志刚 is the resident: his name, e-mail and mobile are in his own text. */
const planted = {
  ...smellyCreek,
  title: "倪巷浜路灯不亮",
  description:
    "我是钱志刚，倪巷浜的路灯坏了三盏，晚上很黑。有事发邮件到qianzg@example.com或打13912345678。",
  contactName: "钱志刚",
  contactPhone: "139 1234 5678",
};

async function file(name: string, body: Record<string, unknown>) {
  const res = await submit(api, body);
  expect(res.status, await res.clone().text()).toBe(201);
  filed[name] = (await res.json()).ledgerNo;
}

async function search(who: string, q: string, extra = "", lang?: string) {
  const res = await api.app.request(`/api/staff/search?q=${encodeURIComponent(q)}${extra}`, {
    headers: {
      authorization: `Bearer ${t[who]}`,
      ...(lang ? { "accept-language": lang } : {}),
    },
  });
  return { status: res.status, body: await res.json() };
}

const numbers = (body: { items: Array<{ ledgerNo: string }> }) => body.items.map((i) => i.ledgerNo);

beforeAll(async () => {
  api = await createTestApi({
    limits: {
      submissionsPerHour: 10_000,
      wrongCodesPer15Minutes: 5,
      messagesPerHour: 20,
      uploadsPerHour: 60,
    },
  });
  for (const who of ["admin", "cadre", "cadre2", "inspector", "leader"]) {
    t[who] = await loginAs(api, who);
  }
  // A cadre whose account names no department: no contact is ever theirs to see.
  t.unplaced = await addAccount(api, {
    id: "staff-unplaced",
    username: "unplaced",
    name: "周无岗",
    role: "cadre",
    departmentId: null,
  });
  await file("a", planted);
  await file("pole", {
    ...smellyCreek,
    title: "路灯杆倾斜",
    description: "路灯杆被货车撞歪了，很危险。",
  });
  await file("conduct", {
    ...smellyCreek,
    groupId: undefined,
    categoryCode: "cadre_conduct",
    title: "村干部挪用路灯经费",
    description: "有村干部把修路灯的钱挪用了，路灯一直没修。",
  });
  await file("b", {
    ...smellyCreek,
    title: "梅泾村路灯不亮",
    description: "村口的路灯不亮已经一周了。",
    contactName: "陈美玲",
    contactPhone: "13700137000",
  });
}, 120_000);

describe("the word index, built by the job after commit", () => {
  it("finds nothing by words before the job ran, and the concerns after", async () => {
    const before = await search("admin", "路灯");
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ kind: "words", items: [], count: { n: 0 } });

    const summary = await runEscalationJob(api.deps);
    expect(summary.wordIndex.indexed).toBe(4);
    expect(summary.wordIndex.partial).toBe(false);
    // Idempotent: a second run finds them indexed (its overlap reads them again) and skips.
    expect((await runTermIndexer(api.deps)).indexed).toBe(0);

    const after = await search("admin", "路灯");
    expect(numbers(after.body)).toEqual([filed.b, filed.conduct, filed.pole, filed.a]);
    expect(after.body.count).toEqual({ n: 4, more: false });
    expect(after.body.nextCursor).toBeNull();
    // Rows in the queue's shape.
    expect(after.body.items[0]).toMatchObject({ ledgerNo: filed.b, title: "梅泾村路灯不亮" });
  });

  it("makes no term of personal data: the resident's name and e-mail are not findable", async () => {
    // (The masked e-mail keeps its domain, as in every public text; the mailbox is gone.)
    for (const q of ["钱志刚", "志刚", "qianzg"]) {
      const { status, body } = await search("admin", q);
      expect(status, q).toBe(200);
      expect(body.items, q).toEqual([]);
    }
    // The rest of the same text is.
    expect(numbers((await search("admin", "三盏")).body)).toEqual([filed.a]);
  });

  it("keeps the summary of each concern's terms for duplicate suggestions", async () => {
    const terms = await api.deps.store.getConcernTerms([filed.a as string, filed.b as string]);
    expect(terms.size).toBe(2);
    const [a, b] = [terms.get(filed.a as string), terms.get(filed.b as string)];
    expect(a?.length).toBeGreaterThan(5);
    // Both say 路灯不亮: their key lists share those terms' keys, and no term is stored plainly.
    expect(a?.filter((k) => b?.includes(k)).length).toBeGreaterThanOrEqual(3);
    expect(a?.some((k) => /\p{Script=Han}/u.test(k))).toBe(false);
  });
});

describe("search by words", () => {
  it("intersects the terms: every word must match, newest first, counted", async () => {
    const { body } = await search("admin", "路灯 不亮");
    expect(numbers(body)).toEqual([filed.b, filed.a]);
    expect(body.count).toEqual({ n: 2, more: false });
  });

  it("never shows a conduct complaint to those who may not read it", async () => {
    expect(numbers((await search("cadre", "路灯")).body)).toEqual([filed.b, filed.pole, filed.a]);
    expect((await search("cadre", "挪用")).body.items).toEqual([]);
    expect(numbers((await search("inspector", "挪用")).body)).toEqual([filed.conduct]);
    // Another department's cadre sees none of 环保分局's concerns.
    expect((await search("cadre2", "路灯")).body.items).toEqual([]);
  });

  it("refuses a query without a usable term, in the caller's language", async () => {
    const zh = await search("admin", "的");
    expect(zh.status).toBe(400);
    expect(JSON.stringify(zh.body)).toContain("至少两个");
    const en = await search("admin", "x", "", "en");
    expect(en.status).toBe(400);
    expect(JSON.stringify(en.body)).toContain("at least two characters");
    expect((await search("admin", "  ")).status).toBe(400);
  });

  it("pages newest first, saying N+ until the last page", async () => {
    const many: string[] = [];
    for (let i = 0; i < 23; i++) {
      const res = await submit(api, {
        ...smellyCreek,
        title: `井盖缺失第${i + 1}处`,
        description: "路边井盖不见了，晚上容易踩空。",
      });
      many.push((await res.json()).ledgerNo);
    }
    await runTermIndexer(api.deps);
    const first = await search("admin", "井盖");
    expect(numbers(first.body)).toEqual(many.slice(3).reverse());
    expect(first.body.count).toEqual({ n: 20, more: true });
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await search("admin", "井盖", `&cursor=${first.body.nextCursor}`);
    expect(numbers(second.body)).toEqual(many.slice(0, 3).reverse());
    expect(second.body.count).toEqual({ n: 23, more: false });
    expect(second.body.nextCursor).toBeNull();
    // A cursor made up is refused, not followed.
    expect((await search("admin", "井盖", "&cursor=bm9wZQ")).status).toBe(400);
  });
});

describe("search by ledger number", () => {
  it("answers where a visible concern is, however the number is typed", async () => {
    const { status, body } = await search("cadre", ` ${filed.a?.toLowerCase()} `);
    expect(status).toBe(200);
    expect(body).toEqual({ kind: "ledger", ledgerNo: filed.a });
  });

  it("says not found for a concern the user may not see, as for one that does not exist", async () => {
    const hidden = await search("cadre2", filed.a as string);
    const absent = await search("cadre2", "LS-2026-999999");
    expect(hidden.body).toMatchObject({ kind: "words", items: [], note: "ledger_not_found" });
    expect(absent.body).toEqual(hidden.body);
  });
});

describe("search by a resident's mobile", () => {
  it("finds the resident's concerns for those who may see their contact, and logs it", async () => {
    const admin = await search("admin", "13912345678");
    expect(admin.body).toMatchObject({ kind: "phone", note: null, count: { n: 1, more: false } });
    expect(numbers(admin.body)).toEqual([filed.a]);
    // The handling department's cadre sees the contact, so may find it by the phone.
    expect(numbers((await search("cadre", "+86 139-1234-5678")).body)).toEqual([filed.a]);
    const log = await api.deps.store.listAccessLog({ ledgerNo: filed.a as string, limit: 20 });
    const searches = log.items.filter((e) => e.purpose === "phone_search");
    expect(searches.map((e) => e.staffId).sort()).toEqual(
      ["staff-cadre-env", "staff-admin"].sort(),
    );
  });

  it("gives a cadre who may not see the contact nothing, and a reason to one who never may", async () => {
    const other = await search("cadre2", "13912345678");
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ kind: "phone", items: [], note: null });
    const unplaced = await search("unplaced", "13912345678");
    expect(unplaced.status).toBe(200);
    expect(unplaced.body).toMatchObject({
      kind: "phone",
      items: [],
      note: "phone_not_permitted",
    });
    // Neither search was a showing: nothing logged for them.
    const log = await api.deps.store.listAccessLog({ ledgerNo: filed.a as string, limit: 50 });
    const who = log.items.filter((e) => e.purpose === "phone_search").map((e) => e.staffId);
    expect(who).not.toContain("staff-unplaced");
    expect(who).not.toContain("staff-cadre-park");
  });

  it("finds nothing for a mobile without concerns", async () => {
    const { body } = await search("admin", "13600000000");
    expect(body).toMatchObject({ kind: "phone", items: [], count: { n: 0, more: false } });
  });
});

describe("a staff member only", () => {
  it("answers 401 without a session", async () => {
    const res = await staff(api, null, "GET", "/api/staff/search?q=路灯");
    expect(res.status).toBe(401);
  });
});
