import { buildDemoDirectory } from "@lianxin/core/demo";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, newIdempotencyKey, submit, type TestApi } from "../support/api.js";
import { act, loginAs, staff } from "../support/staff.js";

/**
 * 红黑榜 through the real use cases on DynamoDB Local: concerns submitted and handled as
 * staff do, a field log written as the contact leader does, time injected.
 */
let api: TestApi;
let now = new Date("2026-11-02T01:00:00.000Z"); // Monday 09:00 in Shanghai
let admin: string;
let leader: string;

const directory = buildDemoDirectory();
const nameOf = (kind: "villages" | "departments", id: string) =>
  (directory[kind] as Array<{ id: string; name: string }>).find((u) => u.id === id)?.name;
const quiet = directory.villages.find(
  (v) => !["meijing", "doumen", "park", "xinhe", "yaxi"].includes(v.id) && !v.retiredAt,
);

async function file(villageId: string, categoryCode: string, description: string) {
  const res = await submit(api, { villageId, categoryCode, description });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()).ledgerNo as string;
}

/** Accepted, answered with `outcome` and struck off by the office, the same morning. */
async function handle(ledgerNo: string, outcome: "resolved" | "explained") {
  for (const action of [
    { type: "accept" },
    { type: "answer", outcome, publicReply: "已按要求办理并答复群众。" },
    { type: "strike_off", verificationNote: "电话核实情况属实" },
  ]) {
    const res = await act(api, admin, ledgerNo, action);
    expect(res.status, await res.clone().text()).toBe(200);
  }
}

type Unit = {
  id: string;
  name: string;
  score: number | null;
  received: number;
  black?: string[];
  measures: Record<string, number | null>;
};
type KindView = { ranked: Unit[]; red: Unit[]; black: Unit[]; insufficient: Unit[] };
async function rankings(query: string) {
  const res = await staff(api, admin, "GET", `/api/staff/dashboard/rankings?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as {
    rules: { minReceived: number; threshold: number };
    departments: KindView;
    villages: KindView;
    slowest: { departments: Array<{ id: string; name: string }>; villages: unknown[] };
  };
}

beforeAll(async () => {
  api = await createTestApi({
    now: () => now,
    sessionHours: 24 * 400,
    limits: {
      submissionsPerHour: 200,
      wrongCodesPer15Minutes: 5,
      messagesPerHour: 20,
      uploadsPerHour: 60,
    },
  });
  admin = await loginAs(api, "admin");
  leader = await loginAs(api, "leader");
  if (!quiet) throw new Error("no third village in the demo directory");
  // 环保分局: five environment concerns in 梅泾村, resolved; 城管: three road concerns in
  // 陡门村, only explained; 农业: one concern in a third village.
  for (let i = 0; i < 5; i++) {
    await handle(
      await file("meijing", "environment", `倪巷浜第${i + 1}段河水发黑发臭，请尽快治理。`),
      "resolved",
    );
  }
  for (let i = 0; i < 3; i++) {
    await handle(
      await file("doumen", "roads_lighting", `陡门村第${i + 1}处路灯不亮，晚上出行不便。`),
      "explained",
    );
  }
  await file(quiet.id, "agriculture", "农田灌溉渠堵塞，影响秋播，希望疏通。");
  // The contact leader of 梅泾村 was there this month: the village's compliance is met.
  const log = await api.app.request("/api/staff/field-logs", {
    method: "POST",
    headers: {
      authorization: `Bearer ${leader}`,
      "content-type": "application/json",
      "idempotency-key": newIdempotencyKey(),
    },
    body: JSON.stringify({
      date: "2026-11-02",
      villageId: "meijing",
      groupId: "meijing-01",
      kind: "household_visits",
      peopleReached: 6,
      enterprises: 0,
      peopleConsulted: 6,
      notes: "走访倪巷组农户，了解河道整治意见。",
    }),
  });
  expect(log.status, await log.clone().text()).toBe(201);
});

describe("GET /api/staff/dashboard/rankings", () => {
  it("ranks departments apart on the composite score, with names, and lists the few apart", async () => {
    const r = await rankings("from=2026-11&to=2026-11");
    expect(r.rules).toMatchObject({ minReceived: 3, threshold: 80 });
    const depts = r.departments.ranked;
    expect(depts.map((u) => u.id)).toEqual(["env-bureau", "urban-management"]);
    expect(depts.map((u) => u.name)).toEqual([
      nameOf("departments", "env-bureau"),
      nameOf("departments", "urban-management"),
    ]);
    const [env, urban] = depts as [Unit, Unit];
    // Both responded to everything; only the resolutions differ.
    expect(env.measures.response).toBe(1);
    expect(urban.measures.response).toBe(1);
    expect(env.measures.resolution).toBe(1);
    expect(urban.measures.resolution).toBe(0);
    expect(env.score).toBeGreaterThan(urban.score as number);
    expect(urban.score).toBeLessThan(80);
    expect(r.departments.black.map((u) => [u.id, u.black])).toEqual([
      ["urban-management", ["score"]],
    ]);
    expect(r.departments.red.map((u) => u.id)).toEqual(["env-bureau"]);
    // 农业服务中心 had one concern: listed apart, not ranked.
    expect(r.departments.insufficient.map((u) => [u.id, u.received])).toEqual([
      ["agri-service", 1],
    ]);
    expect(r.departments.insufficient[0]?.name).toBe(nameOf("departments", "agri-service"));
    expect(r.villages.insufficient.map((u) => u.id)).toEqual([quiet?.id]);
    expect(r.villages.ranked.map((u) => u.id)).toEqual(["meijing", "doumen"]);
    // Compliance read from the field-work counter of 梅泾村's contact leader.
    expect(r.villages.ranked[0]?.measures.compliance).toBe(1);
    expect(r.villages.ranked[1]?.measures.compliance).toBeNull();
    expect(r.slowest.departments.map((u) => u.name)).toEqual(
      expect.arrayContaining([nameOf("departments", "env-bureau")]),
    );
  });

  it("has an empty 黑榜 when nobody ranked is below the threshold", async () => {
    const r = await rankings("from=2026-11&to=2026-11&min=4");
    expect(r.rules.minReceived).toBe(4);
    expect(r.departments.ranked.map((u) => [u.id, u.score])).toEqual([["env-bureau", 100]]);
    expect(r.departments.black).toEqual([]);
    expect(r.villages.black).toEqual([]);
    expect(r.departments.insufficient.map((u) => u.id)).toEqual([
      "urban-management",
      "agri-service",
    ]);
  });

  it("puts a unit with an item overdue now on the 黑榜", async () => {
    await file("meijing", "environment", "梅泾村桥边有人倾倒建筑垃圾，污染河道。");
    now = new Date("2026-11-06T08:00:00.000Z"); // days past the sign-for limit, untouched
    const r = await rankings("from=2026-11&to=2026-11&min=4");
    expect(r.departments.black.map((u) => [u.id, u.black])).toEqual([
      ["env-bureau", ["overdue_now"]],
    ]);
    expect(r.villages.black.map((u) => [u.id, u.black])).toEqual([["meijing", ["overdue_now"]]]);
    expect(r.departments.red).toEqual([]);
  });

  it("answers bad input with 400 and a message in both languages", async () => {
    for (const q of ["from=2026-12&to=2026-11", "min=0", "min=abc", "from=2020-01&to=2026-11"]) {
      const res = await staff(api, admin, "GET", `/api/staff/dashboard/rankings?${q}`);
      expect(res.status, q).toBe(400);
    }
    for (const [lang, words] of [
      ["zh-CN", "起始月份应不晚于结束月份"],
      ["en", "from must not be after to"],
    ] as const) {
      const res = await api.app.request("/api/staff/dashboard/rankings?from=2026-12&to=2026-11", {
        headers: { authorization: `Bearer ${admin}`, "accept-language": lang },
      });
      expect(res.status).toBe(400);
      expect((await res.json()).error.fields.from).toContain(words);
    }
    const res = await staff(api, null, "GET", "/api/staff/dashboard/rankings");
    expect(res.status).toBe(401);
  });
});

describe("the rankings' reads", () => {
  it("do not grow with the history: the same requests before and after more concerns", async () => {
    const sent: string[] = [];
    let clock = new Date("2026-10-05T02:00:00.000Z");
    const counted = await createTestApi(
      { now: () => clock, sessionHours: 24 * 400, limits: { submissionsPerHour: 500 } as never },
      {
        wrapClient: (client) => {
          type Command = { constructor: { name: string } };
          const send = client.send.bind(client) as unknown as (
            c: Command,
            ...r: unknown[]
          ) => unknown;
          return Object.assign(Object.create(client), {
            send: (command: Command, ...rest: unknown[]) => {
              sent.push(command.constructor.name);
              return send(command, ...rest);
            },
          });
        },
      },
    );
    const token = await loginAs(counted, "admin");
    const fileAndClose = async (month: number, i: number) => {
      const res = await submit(counted, {
        villageId: i % 2 ? "meijing" : "doumen",
        categoryCode: i % 2 ? "environment" : "roads_lighting",
        description: `第${month}月第${i + 1}件：河道和路灯的问题，请尽快处理。`,
      });
      const { ledgerNo } = await res.json();
      for (const action of [
        { type: "accept" },
        { type: "answer", outcome: "resolved", publicReply: "已办理。" },
        { type: "strike_off", verificationNote: "已核实" },
      ]) {
        expect((await act(counted, token, ledgerNo, action)).status).toBe(200);
      }
    };
    for (let i = 0; i < 4; i++) await fileAndClose(10, i);
    clock = new Date("2026-11-20T02:00:00.000Z");
    const read = async () => {
      sent.length = 0;
      const res = await staff(
        counted,
        token,
        "GET",
        "/api/staff/dashboard/rankings?from=2026-06&to=2026-11",
      );
      expect(res.status).toBe(200);
      return [...sent];
    };
    await read(); // warms the directory and the sealed months
    const before = await read();
    // More history: October (sealed now) and November get many more concerns.
    clock = new Date("2026-10-12T02:00:00.000Z");
    for (let i = 0; i < 6; i++) await fileAndClose(10, i + 10);
    clock = new Date("2026-11-20T02:00:00.000Z");
    for (let i = 0; i < 6; i++) await fileAndClose(11, i);
    const after = await read();
    expect(after).toEqual(before);
    // By key: the open month's unit counters and the duty-holders' member items (units ×
    // months × 4 shards, 100 keys a BatchGetItem); besides them only the session, the rotation
    // plans and one page of the late lane.
    const others = before.filter((c) => c !== "BatchGetCommand");
    expect(others.length).toBeLessThanOrEqual(4);
  });
});
