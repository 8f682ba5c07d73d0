import { type ActionType, bulkActionsFor, type StaffUser } from "@lianxin/core";
import { buildDemoDirectory } from "@lianxin/core/demo";
import { BULK_ACTIONS } from "@lianxin/core/vocabulary";
import { routes } from "@lianxin/functions";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, smellyCreek, submit, type TestApi } from "../support/api.js";
import {
  addAccount,
  DEMO_PASSWORD,
  doumenGroup,
  EVERYONE,
  loginAs,
  signInEveryone,
  staff,
  type Who,
} from "../support/staff.js";

/**
 * The authorization matrix of the back office (issue 3), checked on the server per request:
 * - every staff endpoint without a session, with a forged, an expired and a revoked one: 401;
 * - every back-office endpoint × every role;
 * - every action × every role, on a concern in a state where the action is allowed, for an
 *   ordinary concern and for a complaint about a cadre's conduct: allowed → 200 and its event;
 *   refused → 403 if the role may see the concern, 404 if not, and nothing changes;
 * - every showing of a resident's name and phone is in the access log, and only those.
 */
const directory = buildDemoDirectory();

let api: TestApi;
let offsetMs = 0;
let t: Record<Who, string>;
const tokens: Record<"expired" | "revoked" | "forged", string> = {
  expired: "",
  revoked: "",
  forged: "",
};

beforeAll(async () => {
  api = await createTestApi({
    now: () => new Date(Date.now() + offsetMs),
    limits: {
      submissionsPerHour: 10_000,
      wrongCodesPer15Minutes: 5,
      messagesPerHour: 20,
      uploadsPerHour: 60,
    },
  });
  t = await signInEveryone(api);
  // Signed in 9 hours ago: past the 8-hour session.
  offsetMs = -9 * 3_600_000;
  tokens.expired = await loginAs(api, "admin");
  offsetMs = 0;
  tokens.revoked = await loginAs(api, "admin");
  expect((await staff(api, tokens.revoked, "DELETE", "/api/staff/session")).status).toBe(204);
  tokens.forged = `${t.admin.slice(0, -2)}xx`;
});

// ---------------------------------------------------------------------------------------------
// Concerns in the state each action needs.

type Kind = "creek" | "held" | "conduct";
type State = "triage" | "assigned" | "accepted" | "answered" | "verifying";
interface Filed {
  ledgerNo: string;
  accessCode: string;
}

const bodies: Record<Kind, Record<string, unknown>> = {
  // 梅泾村, 环保分局; the group's holder is 环保分局's head.
  creek: smellyCreek,
  // 陡门村, 环保分局; the group's holder heads another department.
  held: { ...smellyCreek, villageId: "doumen", groupId: doumenGroup?.id },
  // A complaint about a cadre's conduct: the discipline commission's.
  conduct: {
    ...smellyCreek,
    groupId: undefined,
    categoryCode: "cadre_conduct",
    title: "村干部作风问题",
    description: "有村干部在处理低保申请时吃拿卡要，群众意见很大。",
  },
};

async function version(ledgerNo: string): Promise<number> {
  return (await (await staff(api, t.admin, "GET", `/api/staff/concerns/${ledgerNo}`)).json())
    .version;
}

/** Admin moves the concern on (admin may do every step), at its current version. */
async function adminAct(ledgerNo: string, action: Record<string, unknown>) {
  const res = await staff(api, t.admin, "POST", `/api/staff/concerns/${ledgerNo}/actions`, {
    expectedVersion: await version(ledgerNo),
    ...action,
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function rate(filed: Filed, rating: string) {
  const res = await api.app.request(`/api/concerns/${filed.ledgerNo}/feedback`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-access-code": filed.accessCode },
    body: JSON.stringify({ rating }),
  });
  expect(res.status).toBe(201);
}

async function prepare(kind: Kind, state: State): Promise<Filed> {
  const res = await submit(api, bodies[kind]);
  expect(res.status).toBe(201);
  const filed: Filed = await res.json();
  const answer = { type: "answer", outcome: "explained", publicReply: "已答复" };
  if (state === "triage") await adminAct(filed.ledgerNo, { type: "return", reason: "退回分派" });
  if (state === "accepted" || state === "answered" || state === "verifying")
    await adminAct(filed.ledgerNo, { type: "accept" });
  if (state === "answered" || state === "verifying") await adminAct(filed.ledgerNo, answer);
  if (state === "verifying") {
    await rate(filed, "dissatisfied");
    await adminAct(filed.ledgerNo, answer);
    await rate(filed, "dissatisfied");
  }
  return filed;
}

// ---------------------------------------------------------------------------------------------
// The rules (issue 3), written out.

const inAWhile = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
const ACTIONS: Record<
  ActionType,
  { state: State; body: (kind: Kind) => Record<string, unknown>; event: string }
> = {
  dispatch: {
    state: "triage",
    body: (k) => ({ departmentId: k === "conduct" ? "discipline" : "env-bureau" }),
    event: "dispatched",
  },
  accept: { state: "assigned", body: () => ({}), event: "accepted" },
  return: { state: "assigned", body: () => ({ reason: "不属于本部门" }), event: "returned" },
  assign: {
    state: "assigned",
    body: (k) => ({ assigneeId: k === "conduct" ? "staff-inspector" : "staff-cadre-env" }),
    event: "assigned",
  },
  respond: {
    state: "accepted",
    body: () => ({ method: "phone", summary: "已电话联系" }),
    event: "responded",
  },
  note: { state: "assigned", body: () => ({ text: "内部备注" }), event: "noted" },
  defer: {
    state: "accepted",
    body: () => ({ committedDate: inAWhile, reason: "资金到位后实施" }),
    event: "deferred",
  },
  extend: {
    state: "accepted",
    body: () => ({ workingDays: 5, publicReason: "需协调" }),
    event: "extended",
  },
  answer: {
    state: "accepted",
    body: () => ({ outcome: "resolved", publicReply: "已解决" }),
    event: "answered",
  },
  supervise: { state: "assigned", body: () => ({ note: "请抓紧办理" }), event: "supervised" },
  merge: { state: "assigned", body: () => ({}), event: "merged" },
  strike_off: {
    state: "answered",
    body: () => ({ verificationNote: "现场核实" }),
    event: "struck_off",
  },
  redo: { state: "verifying", body: () => ({ reason: "请再次核实" }), event: "redo_ordered" },
  urge: { state: "accepted", body: () => ({ note: "请尽快答复群众" }), event: "urged" },
};

/** Who may do each action: on 梅泾村's concern (the holder: on 陡门村's), and on a conduct complaint. */
const ALLOWED: Record<ActionType, { standard: Who[]; conduct: Who[] }> = {
  dispatch: { standard: ["admin"], conduct: ["admin"] },
  accept: { standard: ["admin", "head", "cadre"], conduct: ["admin", "inspector"] },
  return: { standard: ["admin", "head", "cadre"], conduct: ["admin", "inspector"] },
  assign: { standard: ["admin", "head"], conduct: ["admin", "inspector"] },
  respond: { standard: ["admin", "head", "cadre"], conduct: ["admin", "inspector"] },
  note: {
    standard: ["admin", "leader", "head", "cadre", "holder"],
    conduct: ["admin", "inspector"],
  },
  defer: { standard: ["admin", "head", "cadre"], conduct: ["admin", "inspector"] },
  extend: { standard: ["admin", "head", "cadre"], conduct: ["admin", "inspector"] },
  answer: { standard: ["admin", "head", "cadre"], conduct: ["admin", "inspector"] },
  supervise: { standard: ["admin", "leader", "inspector"], conduct: ["admin", "inspector"] },
  merge: { standard: ["admin", "head", "cadre"], conduct: ["admin", "inspector"] },
  strike_off: { standard: ["admin", "leader"], conduct: ["admin"] },
  redo: { standard: ["admin", "leader"], conduct: ["admin"] },
  urge: { standard: ["admin", "leader", "inspector"], conduct: ["admin", "inspector"] },
};

/** Who may see the concern at all (others get 404): the department's while it is theirs. */
function sees(who: Who, kind: Kind, state: State): boolean {
  if (kind === "conduct") return who === "admin" || who === "inspector";
  if (who === "holder") return true; // holds 陡门村's group: sees that concern in any state
  const always: Who[] = ["admin", "leader", "head", "inspector"]; // head: holds 梅泾村's groups
  return always.includes(who) || (who === "cadre" && state !== "triage");
}

const kindFor = (who: Who, standard: boolean): Kind =>
  !standard ? "conduct" : who === "holder" ? "held" : "creek";

async function attempt(who: Who, kind: Kind, type: ActionType, filed: Filed) {
  let body = ACTIONS[type].body(kind);
  if (type === "merge") body = { targetLedgerNo: (await prepare(kind, "assigned")).ledgerNo };
  const before = await version(filed.ledgerNo);
  const res = await staff(api, t[who], "POST", `/api/staff/concerns/${filed.ledgerNo}/actions`, {
    type,
    expectedVersion: before,
    ...body,
  });
  return { res, before };
}

describe("every action × every role", () => {
  for (const standard of [true, false]) {
    const label = standard ? "an ordinary concern" : "a complaint about a cadre's conduct";
    it.each(Object.keys(ACTIONS) as ActionType[])(`%s on ${label}`, async (type) => {
      const { state, event } = ACTIONS[type];
      const allowed = standard ? ALLOWED[type].standard : ALLOWED[type].conduct;
      // One concern per kind serves every refusal (a refusal changes nothing).
      const shared: Partial<Record<Kind, Filed>> = {};
      const got: Record<string, number> = {};
      const want: Record<string, number> = {};
      for (const who of EVERYONE) {
        const kind = kindFor(who, standard);
        const may = allowed.includes(who);
        want[who] = may ? 200 : sees(who, kind, state) ? 403 : 404;
        shared[kind] ??= await prepare(kind, state);
        const filed = may ? await prepare(kind, state) : (shared[kind] as Filed);
        const { res, before } = await attempt(who, kind, type, filed);
        got[who] = res.status;
        if (res.status === 200) {
          const view = await res.json();
          expect(view.version).toBeGreaterThan(before);
          expect(view.timeline.at(-1)).toMatchObject({
            type: event,
            actor: { kind: "staff", id: expect.any(String) },
          });
        } else {
          expect(await version(filed.ledgerNo)).toBe(before);
        }
      }
      expect(got).toEqual(want);
    });
  }
});

// ---------------------------------------------------------------------------------------------

/** The demo role of each account the matrix signs in. */
const ROLE_OF: Record<Who, StaffUser["role"]> = {
  admin: "admin",
  leader: "leader",
  park: "leader",
  head: "dept_head",
  cadre: "cadre",
  cadre2: "cadre",
  inspector: "inspector",
  holder: "dept_head",
};

/**
 * 批量办理 (issue 16): a role that never takes the action is refused the whole request (403);
 * otherwise each item gets what the single action would answer (done, 403 or 404).
 */
describe("every bulk action × every role", () => {
  for (const standard of [true, false]) {
    const label = standard ? "an ordinary concern" : "a complaint about a cadre's conduct";
    it.each([...BULK_ACTIONS])(`%s on ${label}`, async (type) => {
      const { state, event } = ACTIONS[type];
      const allowed = standard ? ALLOWED[type].standard : ALLOWED[type].conduct;
      const shared: Partial<Record<Kind, Filed>> = {};
      const got: Record<string, number | string> = {};
      const want: Record<string, number | string> = {};
      for (const who of EVERYONE) {
        const kind = kindFor(who, standard);
        const takes = bulkActionsFor({ role: ROLE_OF[who] }).includes(type);
        const may = allowed.includes(who);
        want[who] = !takes ? 403 : may ? "done" : sees(who, kind, state) ? 403 : 404;
        shared[kind] ??= await prepare(kind, state);
        const filed = may ? await prepare(kind, state) : (shared[kind] as Filed);
        const before = await version(filed.ledgerNo);
        const res = await staff(api, t[who], "POST", "/api/staff/bulk-actions", {
          type,
          items: [{ ledgerNo: filed.ledgerNo, version: before }],
          ...ACTIONS[type].body(kind),
        });
        if (res.status !== 200) {
          got[who] = res.status;
          continue;
        }
        const [item] = (await res.json()).items;
        got[who] = item.outcome === "done" ? "done" : item.httpStatus;
        if (item.outcome === "done") {
          expect(item.version).toBe(before + 1);
          expect(
            (await api.deps.store.getConcernWithEvents(filed.ledgerNo))?.events.at(-1),
          ).toMatchObject({ type: event, actor: { kind: "staff" } });
        } else {
          expect(await version(filed.ledgerNo)).toBe(before);
        }
      }
      expect(got).toEqual(want);
    });
  }
});

// ---------------------------------------------------------------------------------------------

describe("every staff endpoint without a valid session", () => {
  const fill = (path: string) =>
    path
      .replace(":ledgerNo", "LS-2026-000001")
      .replace(":villageId", "meijing")
      .replace(":kind", "village")
      .replace(/:[A-Za-z]+/g, "x");
  const staffRoutes = routes.filter((r) => r.access === "staff");

  it("covers the back office's paths", () => {
    const paths = new Set(staffRoutes.map((r) => `${r.method} ${r.path}`));
    for (const p of [
      "DELETE /api/staff/session",
      "GET /api/staff/queue",
      "POST /api/staff/concerns",
      "GET /api/staff/concerns/:ledgerNo",
      "POST /api/staff/concerns/:ledgerNo/actions",
      "GET /api/staff/notices",
      "PATCH /api/staff/notices/:id",
      "POST /api/staff/notices/:id/publish",
    ]) {
      expect(paths).toContain(p);
    }
  });

  it.each(["none", "forged", "expired", "revoked"] as const)(
    "answers 401 to every one of them with %s",
    async (which) => {
      const token = which === "none" ? null : tokens[which];
      const wrong: string[] = [];
      for (const r of staffRoutes) {
        const body = r.method === "GET" || r.method === "DELETE" ? undefined : {};
        const res = await staff(api, token, r.method, fill(r.path), body);
        if (res.status !== 401) wrong.push(`${r.method} ${r.path} → ${res.status}`);
        else expect((await res.json()).error.code).toBe("unauthorized");
      }
      expect(wrong).toEqual([]);
    },
  );
});

describe("every back-office endpoint × every role", () => {
  async function statuses(request: (who: Who) => Promise<Response>): Promise<Record<Who, number>> {
    const out = {} as Record<Who, number>;
    for (const who of EVERYONE) out[who] = (await request(who)).status;
    return out;
  }
  const only = (allowed: Partial<Record<Who, number>>, otherwise = 403) =>
    Object.fromEntries(EVERYONE.map((w) => [w, allowed[w] ?? otherwise]));
  const get = (path: string) => (who: Who) => staff(api, t[who], "GET", path);

  it("reads: me, queues, departments, concerns, notices, access log, calendar", async () => {
    const everyone = only({}, 200);
    expect(await statuses(get("/api/staff/me"))).toEqual(everyone);
    expect(await statuses(get("/api/staff/queue"))).toEqual(everyone);
    expect(await statuses(get("/api/staff/queue?status=assigned&overdue=true"))).toEqual(everyone);
    expect(await statuses(get("/api/staff/queue?scope=all"))).toEqual(
      only({ admin: 200, inspector: 200 }),
    );
    expect(await statuses(get("/api/staff/queue?scope=triage"))).toEqual(
      only({ admin: 200, inspector: 200 }),
    );
    expect(await statuses(get("/api/staff/queue?scope=groups"))).toEqual(
      only({ head: 200, holder: 200 }),
    );
    expect(await statuses(get("/api/staff/departments"))).toEqual(everyone);
    // 检索: any signed-in staff; each result is checked per concern (staff-search.test.ts).
    expect(await statuses(get(`/api/staff/search?q=${encodeURIComponent("路灯")}`))).toEqual(
      everyone,
    );
    expect(await statuses(get("/api/staff/search?q=13800138000"))).toEqual(everyone);
    expect(await statuses(get("/api/staff/departments/env-bureau/staff"))).toEqual(
      only({ admin: 200, head: 200, cadre: 200 }),
    );
    expect(await statuses(get("/api/staff/notices?state=draft"))).toEqual(
      only({ admin: 200, inspector: 200 }),
    );
    expect(await statuses(get("/api/staff/access-log"))).toEqual(
      only({ admin: 200, inspector: 200 }),
    );
    expect(await statuses(get("/api/staff/calendar"))).toEqual(
      only({ admin: 200, inspector: 200 }),
    );
    // 纪委监督清单 (issue 17).
    expect(await statuses(get("/api/staff/inspection"))).toEqual(
      only({ admin: 200, inspector: 200 }),
    );
    const creek = await prepare("creek", "assigned");
    expect(await statuses(get(`/api/staff/concerns/${creek.ledgerNo}`))).toEqual(
      only({ admin: 200, leader: 200, head: 200, cadre: 200, inspector: 200 }, 404),
    );
    // 陡门村 is also the demo leader's contact village; its group is held by another head.
    const held = await prepare("held", "assigned");
    expect(await statuses(get(`/api/staff/concerns/${held.ledgerNo}`))).toEqual(
      only({ admin: 200, leader: 200, head: 200, cadre: 200, inspector: 200, holder: 200 }, 404),
    );
    const conduct = await prepare("conduct", "assigned");
    expect(await statuses(get(`/api/staff/concerns/${conduct.ledgerNo}`))).toEqual(
      only({ admin: 200, inspector: 200 }, 404),
    );
  });

  it("possible duplicates: whoever sees the concern; merging offered to whoever may merge", async () => {
    const creek = await prepare("creek", "assigned");
    const path = `/api/staff/concerns/${creek.ledgerNo}/duplicates`;
    expect(await statuses(get(path))).toEqual(
      only({ admin: 200, leader: 200, head: 200, cadre: 200, inspector: 200 }, 404),
    );
    const offered: Partial<Record<Who, boolean>> = {};
    for (const who of ["admin", "leader", "head", "cadre", "inspector"] as const) {
      offered[who] = (await (await get(path)(who)).json()).mayMerge;
    }
    expect(offered).toEqual({
      admin: true,
      leader: false,
      head: true,
      cadre: true,
      inspector: false,
    });
    const conduct = await prepare("conduct", "assigned");
    expect(await statuses(get(`/api/staff/concerns/${conduct.ledgerNo}/duplicates`))).toEqual(
      only({ admin: 200, inspector: 200 }, 404),
    );
  });

  it("registration by every role, with the channel", async () => {
    let n = 0;
    const got = await statuses((who) =>
      api.app.request("/api/staff/concerns", {
        method: "POST",
        headers: {
          authorization: `Bearer ${t[who]}`,
          "content-type": "application/json",
          "idempotency-key": `matrix-register-${Date.now()}-${++n}`,
        },
        body: JSON.stringify({ ...smellyCreek, channel: "visit" }),
      }),
    );
    expect(got).toEqual(only({}, 201));
  });

  it("the access code: the handling department and admin, after checking the phone", async () => {
    const creek = await prepare("creek", "assigned");
    const got = await statuses((who) =>
      staff(api, t[who], "POST", `/api/staff/concerns/${creek.ledgerNo}/access-code`, {
        contactPhone: smellyCreek.contactPhone,
      }),
    );
    // Inspectors read everything but edit nothing outside conduct complaints; leaders neither.
    expect(got).toEqual(
      only({ admin: 201, head: 201, cadre: 201, leader: 403, inspector: 403 }, 404),
    );
    const conduct = await prepare("conduct", "assigned");
    const onConduct = await statuses((who) =>
      staff(api, t[who], "POST", `/api/staff/concerns/${conduct.ledgerNo}/access-code`, {
        contactPhone: smellyCreek.contactPhone,
      }),
    );
    expect(onConduct).toEqual(only({ admin: 201, inspector: 201 }, 404));
  });

  it("notices: only admin edits and publishes a draft", async () => {
    const filed = await prepare("creek", "answered");
    await adminAct(filed.ledgerNo, { type: "strike_off", verificationNote: "核实" });
    const id = filed.ledgerNo;
    expect(
      await statuses((who) =>
        staff(api, t[who], "PATCH", `/api/staff/notices/${id}`, { publicReply: "已清淤完毕。" }),
      ),
    ).toEqual(only({ admin: 200 }));
    expect(
      await statuses((who) => staff(api, t[who], "POST", `/api/staff/notices/${id}/publish`)),
    ).toEqual(only({ admin: 200 }));
    // Published once: a second approval is a conflict, and the public sees it.
    expect((await staff(api, t.admin, "POST", `/api/staff/notices/${id}/publish`)).status).toBe(
      409,
    );
    expect((await api.app.request(`/api/notices/${id}`)).status).toBe(200);
  });

  it("a description made public early (Open311): only admin, once reviewed", async () => {
    for (const kind of ["creek", "conduct"] as const) {
      const filed = await prepare(kind, "assigned");
      const before = await version(filed.ledgerNo);
      const got = await statuses((who) =>
        staff(api, t[who], "POST", `/api/staff/concerns/${filed.ledgerNo}/public-description`, {
          expectedVersion: before,
        }),
      );
      // A conduct complaint is never public: refused for admin too (409), and 403 for the rest.
      expect(got).toEqual(only({ admin: kind === "creek" ? 200 : 409 }));
      expect(await version(filed.ledgerNo)).toBe(kind === "creek" ? before + 1 : before);
    }
  });

  it("settings: only admin resets passwords and edits the calendar and limits", async () => {
    await addAccount(api, {
      id: "t-matrix-reset",
      username: "matrixreset",
      name: "测试",
      role: "cadre",
      departmentId: "justice",
    });
    expect(
      await statuses((who) =>
        staff(api, t[who], "POST", "/api/staff/users/t-matrix-reset/password-reset", {
          newPassword: "temporary-1234",
        }),
      ),
    ).toEqual(only({ admin: 204 }));
    expect(
      await statuses((who) =>
        staff(api, t[who], "PUT", "/api/staff/calendar", { holidays: {}, workdays: {} }),
      ),
    ).toEqual(only({ admin: 200 }));
    const limits = {
      signFor: { amount: 1, unit: "working_days" },
      respond: { amount: 1, unit: "working_days" },
      answer: { amount: 7, unit: "days" },
    };
    expect(
      await statuses((who) =>
        staff(api, t[who], "PATCH", "/api/staff/categories/environment", { limits }),
      ),
    ).toEqual(only({ admin: 200 }));
  });

  it("reply templates: admin keeps them; those who may answer a concern read them filled", async () => {
    expect(await statuses(get("/api/staff/reply-templates"))).toEqual(only({ admin: 200 }));
    let n = 0;
    const created = await statuses((who) =>
      staff(api, t[who], "POST", "/api/staff/reply-templates", {
        title: `矩阵模板 ${++n}`,
        body: "{village}的问题已处理。",
        categoryCode: null,
        outcomes: [],
        actions: ["answer"],
      }),
    );
    expect(created).toEqual(only({ admin: 201 }));
    const creek = await prepare("creek", "assigned");
    expect(await statuses(get(`/api/staff/concerns/${creek.ledgerNo}/reply-templates`))).toEqual(
      only({ admin: 200, head: 200, cadre: 200, leader: 403, inspector: 403 }, 404),
    );
    const conduct = await prepare("conduct", "assigned");
    expect(
      await statuses(get(`/api/staff/concerns/${conduct.ledgerNo}/reply-templates?action=answer`)),
    ).toEqual(only({ admin: 200, inspector: 200 }, 404));
  });

  it("signing out: every role, and the token is dead afterwards", async () => {
    for (const who of EVERYONE) {
      const username = who === "holder" ? "holder" : who;
      const token = await loginAs(api, username, DEMO_PASSWORD);
      expect((await staff(api, token, "DELETE", "/api/staff/session")).status).toBe(204);
      expect((await staff(api, token, "GET", "/api/staff/me")).status).toBe(401);
    }
  });
});

describe("personal data and the access log", () => {
  async function logged(ledgerNo: string): Promise<string[]> {
    const res = await staff(api, t.inspector, "GET", `/api/staff/access-log?ledgerNo=${ledgerNo}`);
    expect(res.status).toBe(200);
    return (await res.json()).items.map((e: { staffId: string }) => e.staffId);
  }

  it("shows name and phone to those who may see them, logs each showing, masks for the rest", async () => {
    const creek = await prepare("creek", "assigned");
    const held = await prepare("held", "assigned");
    const shown: Record<string, boolean> = {};
    for (const who of EVERYONE) {
      const no = who === "holder" ? held.ledgerNo : creek.ledgerNo;
      const res = await staff(api, t[who], "GET", `/api/staff/concerns/${no}`);
      if (res.status !== 200) continue;
      const { contact } = await res.json();
      shown[who] = !contact.masked;
      if (contact.masked) {
        expect(JSON.stringify(contact)).not.toMatch(/张三|13800138000/);
      } else {
        expect(contact).toMatchObject({ name: "张三", phone: "13800138000" });
      }
    }
    expect(shown).toEqual({
      admin: true,
      leader: true,
      head: true,
      cadre: true,
      inspector: true,
      holder: false,
    });
    // Each unmasked showing once (the inspector's reading of the log is no showing).
    const leaderId = directory.villages.find((v) => v.id === "meijing")?.contactLeaderId;
    const headId = directory.departments.find((d) => d.id === "env-bureau")?.head.id;
    expect((await logged(creek.ledgerNo)).sort()).toEqual(
      ["staff-admin", leaderId, headId, "staff-cadre-env", "staff-inspector"].sort(),
    );
    expect(await logged(held.ledgerNo)).toEqual([]);
    // An action's answer shows the concern again: logged too.
    const res = await staff(api, t.cadre, "POST", `/api/staff/concerns/${creek.ledgerNo}/actions`, {
      type: "accept",
      expectedVersion: await version(creek.ledgerNo),
    });
    expect(res.status).toBe(200);
    expect((await logged(creek.ledgerNo)).filter((id) => id === "staff-cadre-env")).toHaveLength(2);
  });
});
