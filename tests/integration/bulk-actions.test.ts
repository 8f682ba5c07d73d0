import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, smellyCreek, submit, type TestApi } from "../support/api.js";
import { act, loginAs, staff } from "../support/staff.js";

/**
 * 批量办理 (issue 16): one action on many selected concerns, each its own action through the
 * single action's path, with its own event and version check. The answer is 200 with every
 * item's result: a stale item is a 409 with its current state while the others are applied,
 * an item the user may not act on is reported, a store failure mid-batch leaves what was done
 * done and reports the rest as not done, never a 5xx.
 */
type Role = "admin" | "leader" | "head" | "cadre" | "inspector";
let api: TestApi;
const t = {} as Record<Role, string>;

/** When set, every concern transaction (store AP-C3) after `failAfter` more fails. */
let failAfter: number | null = null;
function failingCommits(client: DynamoDBDocumentClient): DynamoDBDocumentClient {
  type Command = { input: { TransactItems?: unknown[] } };
  const send = client.send.bind(client) as unknown as (c: Command, ...r: unknown[]) => unknown;
  const wrapped = (command: Command, ...rest: unknown[]) => {
    if (failAfter !== null && command.input?.TransactItems) {
      if (failAfter <= 0) {
        return Promise.reject(
          Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8000"), {
            code: "ECONNREFUSED",
          }),
        );
      }
      failAfter--;
    }
    return send(command, ...rest);
  };
  return new Proxy(client, {
    get: (target, property, receiver) =>
      property === "send" ? wrapped : Reflect.get(target, property, receiver),
  });
}

beforeAll(async () => {
  api = await createTestApi(
    {
      limits: {
        submissionsPerHour: 10_000,
        wrongCodesPer15Minutes: 5,
        messagesPerHour: 20,
        uploadsPerHour: 60,
      },
    },
    { wrapClient: failingCommits },
  );
  for (const who of ["admin", "leader", "head", "cadre", "inspector"] as const) {
    t[who] = await loginAs(api, who);
  }
});

interface Item {
  ledgerNo: string;
  outcome: "done" | "refused" | "not_done";
  status?: string;
  version?: number;
  httpStatus?: number;
  error?: { code: string; message: string; currentState?: string; currentVersion?: number };
}

function bulk(token: string, body: unknown, lang = "zh-CN") {
  return api.app.request("/api/staff/bulk-actions", {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      "accept-language": lang,
    },
    body: JSON.stringify(body),
  });
}

async function bulkOk(token: string, body: unknown) {
  const res = await bulk(token, body);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as {
    type: string;
    counts: { done: number; refused: number; notDone: number };
    items: Item[];
  };
}

async function file(body: Record<string, unknown> = smellyCreek): Promise<string> {
  const res = await submit(api, body);
  expect(res.status).toBe(201);
  return (await res.json()).ledgerNo;
}

const stored = async (ledgerNo: string) => {
  const found = await api.deps.store.getConcernWithEvents(ledgerNo);
  if (!found) throw new Error(`no ${ledgerNo}`);
  return found;
};

/** Each concern's ledger number with its version as the queue would show it. */
const selection = async (ledgerNos: string[]) =>
  Promise.all(
    ledgerNos.map(async (ledgerNo) => ({
      ledgerNo,
      version: (await stored(ledgerNo)).concern.version,
    })),
  );

const byNo = (items: Item[], ledgerNo: string) => items.find((i) => i.ledgerNo === ledgerNo);

describe("bulk sign-for (签收) with a stale item in the batch", () => {
  it("applies the others, each with exactly one event, and answers 409 for the stale one", async () => {
    const nos = [await file(), await file(), await file(), await file(), await file()];
    const items = await selection(nos);
    const before = await Promise.all(nos.map(stored));
    // Someone adds a note to the third after the queue was read: its version moves on.
    const stale = nos[2] as string;
    expect((await act(api, t.head, stale, { type: "note", text: "先去现场看看" })).status).toBe(
      200,
    );
    const staleBefore = await stored(stale);

    const answer = await bulkOk(t.cadre, { type: "accept", items });
    expect(answer.type).toBe("accept");
    expect(answer.counts).toEqual({ done: 4, refused: 1, notDone: 0 });
    expect(answer.items.map((i) => i.ledgerNo)).toEqual(nos);

    const conflict = answer.items.filter((i) => i.httpStatus === 409);
    expect(conflict).toEqual([
      {
        ledgerNo: stale,
        outcome: "refused",
        httpStatus: 409,
        error: expect.objectContaining({
          code: "conflict",
          currentState: "assigned",
          currentVersion: staleBefore.concern.version,
          message: expect.stringContaining("刷新"),
        }),
      },
    ]);
    // The stale item is untouched.
    const staleAfter = await stored(stale);
    expect(staleAfter.concern).toEqual(staleBefore.concern);
    expect(staleAfter.events).toHaveLength(staleBefore.events.length);

    for (const [i, ledgerNo] of nos.entries()) {
      if (ledgerNo === stale) continue;
      const was = before[i] as Awaited<ReturnType<typeof stored>>;
      const now = await stored(ledgerNo);
      expect(byNo(answer.items, ledgerNo)).toEqual({
        ledgerNo,
        outcome: "done",
        status: "accepted",
        version: was.concern.version + 1,
      });
      expect(now.concern.version).toBe(was.concern.version + 1);
      expect(now.concern.status).toBe("accepted");
      const added = now.events.slice(was.events.length);
      expect(added).toHaveLength(1);
      expect(added[0]).toMatchObject({
        type: "accepted",
        seq: was.concern.version + 1,
        actor: { kind: "staff", id: "staff-cadre-env" },
      });
    }

    // Sent again as it was: every item is now refused, nothing written twice.
    const again = await bulkOk(t.cadre, { type: "accept", items });
    expect(again.counts).toEqual({ done: 0, refused: 5, notDone: 0 });
    expect(again.items.every((i) => i.httpStatus === 409)).toBe(true);
    for (const ledgerNo of nos) {
      expect(byNo(again.items, ledgerNo)?.error?.currentVersion).toBe(
        (await stored(ledgerNo)).concern.version,
      );
    }
  });

  it("reports an item the state refuses, or the user may not act on or see, and applies the rest", async () => {
    const open = await file();
    const accepted = await file();
    expect((await act(api, t.cadre, accepted, { type: "accept" })).status).toBe(200);
    // 园区: another department's concern, which the 环保分局 cadre may not see.
    const elsewhere = await file({
      ...smellyCreek,
      villageId: "park",
      groupId: undefined,
      categoryCode: "roads_lighting",
    });
    const items = await selection([open, accepted, elsewhere]);
    const answer = await bulkOk(t.cadre, { type: "accept", items });
    expect(answer.counts).toEqual({ done: 1, refused: 2, notDone: 0 });
    expect(byNo(answer.items, open)).toMatchObject({ outcome: "done", status: "accepted" });
    expect(byNo(answer.items, accepted)).toMatchObject({
      outcome: "refused",
      httpStatus: 409,
      error: { code: "invalid_transition", currentState: "accepted" },
    });
    expect(byNo(answer.items, elsewhere)).toMatchObject({
      outcome: "refused",
      httpStatus: 404,
      error: { code: "not_found" },
    });
    expect((await stored(elsewhere)).concern.status).toBe("assigned");

    // 纪委 signs for the conduct complaint it handles, not for 环保分局's creek (403).
    const conduct = await file({
      ...smellyCreek,
      groupId: undefined,
      categoryCode: "cadre_conduct",
      title: "村干部作风问题",
      description: "有村干部在处理低保申请时吃拿卡要，群众意见很大。",
    });
    const creek = await file();
    const byInspector = await bulkOk(t.inspector, {
      type: "accept",
      items: await selection([conduct, creek]),
    });
    expect(byInspector.items).toEqual([
      expect.objectContaining({ ledgerNo: conduct, outcome: "done", status: "accepted" }),
      expect.objectContaining({
        ledgerNo: creek,
        outcome: "refused",
        httpStatus: 403,
        error: expect.objectContaining({ code: "forbidden" }),
      }),
    ]);
    expect((await stored(creek)).concern.status).toBe("assigned");
  });
});

describe("each bulk action by the role that takes it", () => {
  it("dispatch: admin sends triage items to a department", async () => {
    const nos = [await file(), await file()];
    for (const no of nos) {
      expect((await act(api, t.admin, no, { type: "return", reason: "请重新分派" })).status).toBe(
        200,
      );
    }
    const items = await selection(nos);
    // A cadre never dispatches: the whole request is refused, nothing written.
    expect(
      (await bulk(t.cadre, { type: "dispatch", items, departmentId: "env-bureau" })).status,
    ).toBe(403);
    const unknown = await bulk(t.admin, { type: "dispatch", items, departmentId: "no-such" });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.fields).toEqual({ departmentId: "没有这个部门" });

    const answer = await bulkOk(t.admin, { type: "dispatch", items, departmentId: "env-bureau" });
    expect(answer.counts).toEqual({ done: 2, refused: 0, notDone: 0 });
    for (const no of nos) {
      const { concern, events } = await stored(no);
      expect(concern.status).toBe("assigned");
      expect(concern.routing.department.id).toBe("env-bureau");
      expect(events.at(-1)).toMatchObject({
        type: "dispatched",
        data: { departmentId: "env-bureau" },
      });
    }
  });

  it("assign: the department head assigns to one of the department's staff", async () => {
    const nos = [await file(), await file(), await file()];
    const items = await selection(nos);
    const answer = await bulkOk(t.head, { type: "assign", items, assigneeId: "staff-cadre-env" });
    expect(answer.counts).toEqual({ done: 3, refused: 0, notDone: 0 });
    for (const no of nos) {
      const { concern, events } = await stored(no);
      expect(concern.assignee).toMatchObject({ id: "staff-cadre-env" });
      expect(events.at(-1)).toMatchObject({
        type: "assigned",
        data: { assigneeId: "staff-cadre-env" },
      });
    }
    // Not a member of the concern's department: each item says so.
    const foreign = await bulkOk(t.head, {
      type: "assign",
      items: await selection(nos.slice(0, 1)),
      assigneeId: "staff-cadre-park",
    });
    expect(foreign.items[0]).toMatchObject({
      outcome: "refused",
      httpStatus: 400,
      error: { code: "unknown_reference", fields: { assigneeId: "不是本部门人员" } },
    });
  });

  it("supervise: the contact leader and the inspector put items under supervision", async () => {
    const mine = await file();
    const otherVillage = await file({ ...smellyCreek, villageId: "park", groupId: undefined });
    const byLeader = await bulkOk(t.leader, {
      type: "supervise",
      items: await selection([mine, otherVillage]),
      note: "请加快办理",
    });
    expect(byLeader.items).toEqual([
      expect.objectContaining({ ledgerNo: mine, outcome: "done" }),
      expect.objectContaining({ ledgerNo: otherVillage, outcome: "refused", httpStatus: 404 }),
    ]);
    const byInspector = await bulkOk(t.inspector, {
      type: "supervise",
      items: await selection([otherVillage]),
      note: "纪委督办",
    });
    expect(byInspector.counts).toEqual({ done: 1, refused: 0, notDone: 0 });
    for (const [no, note] of [
      [mine, "请加快办理"],
      [otherVillage, "纪委督办"],
    ] as const) {
      const { concern, events } = await stored(no);
      expect(concern.flags.supervised).toBe(true);
      expect(events.at(-1)).toMatchObject({ type: "supervised", reason: note });
    }
  });
});

describe("a bulk request that is not valid", () => {
  const item = (n: number) => ({ ledgerNo: `LS-2026-${String(900_000 + n)}`, version: 0 });
  const cases: [string, unknown, string, { "zh-CN": string; en: string }][] = [
    [
      "no item",
      { type: "accept", items: [] },
      "items",
      { "zh-CN": "请至少选择 1 件", en: "Select at least 1 item" },
    ],
    [
      "51 items",
      { type: "accept", items: Array.from({ length: 51 }, (_, i) => item(i)) },
      "items",
      { "zh-CN": "一次最多 50 件", en: "At most 50 items at a time" },
    ],
    [
      "a ledger number twice",
      { type: "accept", items: [item(1), item(2), { ...item(1), version: 3 }] },
      "items",
      { "zh-CN": "同一台账编号出现了两次", en: "The same ledger number is listed twice" },
    ],
    [
      "an unknown action",
      { type: "approve", items: [item(1)] },
      "type",
      { "zh-CN": "内容不正确", en: "Not valid" },
    ],
    [
      "an action without its field",
      { type: "supervise", items: [item(1)] },
      "note",
      { "zh-CN": "必填", en: "Required" },
    ],
  ];
  for (const [name, body, field, words] of cases) {
    it(`answers 400 naming the field for ${name}, in Chinese and English`, async () => {
      for (const lang of ["zh-CN", "en"] as const) {
        const res = await bulk(t.admin, body, lang);
        expect(res.status).toBe(400);
        const { error } = await res.json();
        expect(error.code).toBe("validation_failed");
        expect(error.fields).toEqual({ [field]: words[lang] });
      }
    });
  }

  it("answers 401 without a session and 403 to a role that never takes the action", async () => {
    const res = await api.app.request("/api/staff/bulk-actions", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "accept", items: [item(1)] }),
    });
    expect(res.status).toBe(401);
    expect((await bulk(t.leader, { type: "accept", items: [item(1)] })).status).toBe(403);
    expect(
      (await bulk(t.head, { type: "supervise", items: [item(1)], note: "督办" }, "en")).status,
    ).toBe(403);
  });
});

describe("the store failing mid-batch", () => {
  it("keeps what was done, reports the rest as not done, and never answers 5xx", async () => {
    const nos = await Promise.all(Array.from({ length: 10 }, () => file()));
    const items = await selection(nos);
    const before = await Promise.all(nos.map(stored));
    failAfter = 3;
    let answer: Awaited<ReturnType<typeof bulkOk>>;
    try {
      answer = await bulkOk(t.cadre, { type: "accept", items });
    } finally {
      failAfter = null;
    }
    expect(answer.counts.done).toBe(3);
    expect(answer.counts.refused).toBe(0);
    expect(answer.counts.notDone).toBe(7);
    for (const [i, ledgerNo] of nos.entries()) {
      const result = byNo(answer.items, ledgerNo);
      const was = before[i] as Awaited<ReturnType<typeof stored>>;
      const now = await stored(ledgerNo);
      if (result?.outcome === "done") {
        expect(now.concern.version).toBe(was.concern.version + 1);
        expect(result.version).toBe(now.concern.version);
      } else {
        expect(result).toMatchObject({
          outcome: "not_done",
          httpStatus: 503,
          error: { code: "unavailable", message: "服务暂时不可用，请稍后再试" },
        });
        expect(now.concern).toEqual(was.concern);
        expect(now.events).toHaveLength(was.events.length);
      }
    }
    // The store is back: the items not done go through when sent again.
    const rest = items.filter((i) => byNo(answer.items, i.ledgerNo)?.outcome === "not_done");
    expect((await bulkOk(t.cadre, { type: "accept", items: rest })).counts).toEqual({
      done: 7,
      refused: 0,
      notDone: 0,
    });
  });
});

describe("the single action, after the shared path", () => {
  it("still answers the staff view and a 409 with the current state", async () => {
    const no = await file();
    const view = await (await staff(api, t.cadre, "GET", `/api/staff/concerns/${no}`)).json();
    const ok = await staff(api, t.cadre, "POST", `/api/staff/concerns/${no}/actions`, {
      type: "accept",
      expectedVersion: view.version,
    });
    expect(ok.status).toBe(200);
    expect((await ok.json()).status).toBe("accepted");
    const stale = await staff(api, t.cadre, "POST", `/api/staff/concerns/${no}/actions`, {
      type: "note",
      text: "x",
      expectedVersion: view.version,
    });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error).toMatchObject({
      code: "conflict",
      currentState: "accepted",
      currentVersion: view.version + 1,
    });
  });
});

describe("a bulk sign-for of 30 under the conflict simulator", () => {
  it("signs for every item, 4 transactions at a time, none answered 503", async () => {
    // As on AWS: a transaction holds its items for its round trip, and another touching one
    // of them is cancelled (the items run 4 at a time and may meet on their month's counters);
    // AP-C3 sends a cancelled one again, so none of the 30 is left not done.
    const simulated = await createTestApi(
      {
        limits: {
          submissionsPerHour: 10_000,
          wrongCodesPer15Minutes: 5,
          messagesPerHour: 20,
          uploadsPerHour: 60,
        },
      },
      { simulate: true },
    );
    const token = await loginAs(simulated, "cadre");
    const items = [];
    for (let i = 0; i < 30; i++) {
      const { ledgerNo } = await (await submit(simulated, smellyCreek)).json();
      const found = await simulated.deps.store.getConcernWithEvents(ledgerNo);
      items.push({ ledgerNo, version: found?.concern.version ?? -1 });
    }
    simulated.simulator?.resetStats();
    const res = await simulated.app.request("/api/staff/bulk-actions", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ type: "accept", items }),
    });
    expect(res.status).toBe(200);
    const answer = await res.json();
    expect(answer.counts).toEqual({ done: 30, refused: 0, notDone: 0 });
    const stats = simulated.simulator?.stats;
    expect(stats?.requests.TransactWriteCommand).toBeGreaterThanOrEqual(30);
  }, 120_000);
});

describe("a bulk action near the request's deadline", () => {
  it("starts no item too close to it and answers in time with what was done", async () => {
    let delayMs = 0;
    const slowCommits = (client: DynamoDBDocumentClient): DynamoDBDocumentClient => {
      type Command = { input: { TransactItems?: unknown[] } };
      const send = client.send.bind(client) as unknown as (c: Command, ...r: unknown[]) => unknown;
      const wrapped = async (command: Command, ...rest: unknown[]) => {
        if (delayMs && command.input?.TransactItems) {
          await new Promise((r) => setTimeout(r, delayMs));
        }
        return send(command, ...rest);
      };
      return new Proxy(client, {
        get: (target, property, receiver) =>
          property === "send" ? wrapped : Reflect.get(target, property, receiver),
      });
    };
    const deadlineMs = 4_000;
    const slow = await createTestApi(
      {
        limits: {
          submissionsPerHour: 10_000,
          wrongCodesPer15Minutes: 5,
          messagesPerHour: 20,
          uploadsPerHour: 60,
        },
      },
      { wrapClient: slowCommits },
    );
    const token = await loginAs(slow, "cadre");
    const items = [];
    for (let i = 0; i < 20; i++) {
      const { ledgerNo } = await (await submit(slow, smellyCreek)).json();
      const found = await slow.deps.store.getConcernWithEvents(ledgerNo);
      items.push({ ledgerNo, version: found?.concern.version ?? -1 });
    }
    // Each commit takes a second: 20 items, 4 at a time, cannot all fit in 4 seconds. (The
    // short deadline only now: DynamoDB Local may take seconds for the setup's first calls.)
    slow.deps.requestDeadlineMs = deadlineMs;
    delayMs = 1_000;
    const started = performance.now();
    const res = await slow.app.request("/api/staff/bulk-actions", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ type: "accept", items }),
    });
    const tookMs = performance.now() - started;
    delayMs = 0;
    expect(res.status, await res.clone().text()).toBe(200);
    expect(tookMs).toBeLessThan(deadlineMs + 500);
    const answer = await res.json();
    expect(answer.counts.done).toBeGreaterThan(0);
    expect(answer.counts.notDone).toBeGreaterThan(0);
    expect(answer.counts.done + answer.counts.notDone).toBe(20);
    for (const item of answer.items) {
      const found = await slow.deps.store.getConcernWithEvents(item.ledgerNo);
      const sent = items.find((i) => i.ledgerNo === item.ledgerNo);
      if (item.outcome === "done") expect(found?.concern.version).toBe((sent?.version ?? 0) + 1);
      else expect(item).toMatchObject({ outcome: "not_done", httpStatus: 503 });
    }
  }, 120_000);
});
