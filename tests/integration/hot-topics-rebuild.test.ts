import { DeleteCommand, ScanCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { rebuildSealedMonths } from "@lianxin/functions";
import { createDynamoClient } from "@lianxin/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, smellyCreek, submit, type TestApi } from "../support/api.js";
import { act, loginAs, staff } from "../support/staff.js";

/**
 * 热点 on old data: months counted before the category fields and the period index get
 * them from the rebuild script, exactly as live writes count them; the hot-topics answer
 * then names the category that rose.
 */
let api: TestApi;
let clock = new Date("2026-10-12T02:00:00.000Z");
let cadre: string;
const client = () => createDynamoClient({ endpoint: api.endpoint, region: "local" });
let db: ReturnType<typeof createDynamoClient>;
const roads = {
  ...smellyCreek,
  categoryCode: "roads_lighting",
  title: "路灯不亮",
  description: "梅泾村倪巷组路口的路灯坏了一个多月，晚上很黑，老人走路不安全。",
};

async function file(body: unknown) {
  const res = await submit(api, body);
  expect(res.status).toBe(201);
  return (await res.json()) as { ledgerNo: string; accessCode: string };
}

async function answerAndRate(r: { ledgerNo: string; accessCode: string }, rating: string) {
  for (const action of [
    { type: "accept" },
    { type: "respond", method: "visit", summary: "现场查看" },
    {
      type: "answer",
      outcome: "resolved",
      publicReply: "已清理河道并安排定期保洁，问题已整改到位。",
    },
  ]) {
    const res = await act(api, cadre, r.ledgerNo, action);
    expect(res.status, await res.clone().text()).toBe(200);
  }
  const rated = await api.app.request(`/api/concerns/${r.ledgerNo}/feedback`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-access-code": r.accessCode },
    body: JSON.stringify({ rating }),
  });
  expect(rated.status).toBe(201);
}

async function scan(prefix: string) {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({ TableName: api.tableName, ConsistentRead: true, ExclusiveStartKey }),
    );
    items.push(...(page.Items ?? []).filter((i) => String(i.pk).startsWith(prefix)));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items.sort((a, b) =>
    `${a.pk}|${a.sk}` < `${b.pk}|${b.sk}` ? -1 : `${a.pk}|${a.sk}` > `${b.pk}|${b.sk}` ? 1 : 0,
  );
}

/** Category fields per counter (shards summed) of the units, months 2026-10 and 2026-11. */
async function categoryCells() {
  const out: Record<string, number> = {};
  for (const item of await scan("METRICS#")) {
    const pk = String(item.pk);
    if (!pk.startsWith("METRICS#village#") && !pk.startsWith("METRICS#department#")) continue;
    const month = String(item.sk).slice(0, 7);
    for (const [field, value] of Object.entries(item)) {
      if (!field.includes(".")) continue;
      const k = `${pk}|${month}|${field}`;
      out[k] = (out[k] ?? 0) + Number(value);
    }
  }
  return out;
}

let envClosed: string;
let envDissatisfied: string;

beforeAll(async () => {
  api = await createTestApi({
    now: () => clock,
    sessionHours: 24 * 400,
    limits: {
      submissionsPerHour: 1000,
      wrongCodesPer15Minutes: 5,
      messagesPerHour: 20,
      uploadsPerHour: 60,
    },
  } as never);
  db = client();
  cadre = await loginAs(api, "cadre");
  // October: two environment concerns (one closed, one rated dissatisfied), one roads.
  const a = await file(smellyCreek);
  const b = await file(smellyCreek);
  await file(roads);
  clock = new Date("2026-10-13T02:00:00.000Z");
  await answerAndRate(a, "satisfied");
  await answerAndRate(b, "dissatisfied");
  envClosed = a.ledgerNo;
  envDissatisfied = b.ledgerNo;
  // November: six environment concerns, one roads.
  clock = new Date("2026-11-12T02:00:00.000Z");
  for (let i = 0; i < 6; i++) await file(smellyCreek);
  await file(roads);
  clock = new Date("2026-12-07T02:00:00.000Z");
}, 120_000);

afterAll(() => db?.destroy());

describe("the rebuild of sealed months", () => {
  it("recounts what live writes counted, on a table from before the category fields", async () => {
    const live = await categoryCells();
    const livePeriod = await scan("PERIOD#");
    expect(live["METRICS#village#meijing|2026-10|received.environment"]).toBe(2);
    expect(live["METRICS#village#meijing|2026-10|closed.environment"]).toBe(1);
    expect(live["METRICS#village#meijing|2026-11|received.environment"]).toBe(6);
    expect(livePeriod.length).toBeGreaterThan(0);

    // Old data: no category field, no period index (as before the release).
    for (const item of await scan("METRICS#")) {
      const fields = Object.keys(item).filter((f) => f.includes("."));
      if (!fields.length) continue;
      await db.send(
        new UpdateCommand({
          TableName: api.tableName,
          Key: { pk: item.pk, sk: item.sk },
          UpdateExpression: `REMOVE ${fields.map((_, i) => `#f${i}`).join(", ")}`,
          ExpressionAttributeNames: Object.fromEntries(fields.map((f, i) => [`#f${i}`, f])),
        }),
      );
    }
    for (const item of livePeriod) {
      await db.send(
        new DeleteCommand({ TableName: api.tableName, Key: { pk: item.pk, sk: item.sk } }),
      );
    }
    // A stale field on another shard, as a half-finished earlier run could leave.
    await db.send(
      new UpdateCommand({
        TableName: api.tableName,
        Key: { pk: "METRICS#village#meijing", sk: "2026-10@2" },
        UpdateExpression: "SET #f = :v",
        ExpressionAttributeNames: { "#f": "received.environment" },
        ExpressionAttributeValues: { ":v": 5 },
      }),
    );
    expect(await categoryCells()).toEqual({
      "METRICS#village#meijing|2026-10|received.environment": 5,
    });

    const lines: string[] = [];
    const first = await rebuildSealedMonths(api.deps.store, {
      now: clock,
      force: true,
      log: (l) => lines.push(l),
    });
    expect(first.months).toEqual(["2026-10", "2026-11"]);
    expect(lines.at(-1)).toMatch(/2 months rebuilt/);
    const afterFirst = { counters: await scan("METRICS#"), period: await scan("PERIOD#") };
    expect(await categoryCells()).toEqual(live);
    expect(afterFirst.period).toEqual(livePeriod);
    // Category fields live on shard 0 only after a rebuild.
    expect(
      afterFirst.counters.filter(
        (i) => String(i.sk).includes("@") && Object.keys(i).some((f) => f.includes(".")),
      ),
    ).toEqual([]);

    const second = await rebuildSealedMonths(api.deps.store, { now: clock, force: true });
    expect(second.months).toEqual(["2026-10", "2026-11"]);
    expect({ counters: await scan("METRICS#"), period: await scan("PERIOD#") }).toEqual(afterFirst);

    // The marker: nothing newly sealed, nothing done.
    expect((await rebuildSealedMonths(api.deps.store, { now: clock })).months).toEqual([]);
    const january = await rebuildSealedMonths(api.deps.store, {
      now: new Date("2027-01-02T02:00:00Z"),
    });
    expect(january.months).toEqual(["2026-12"]);
  });

  it("gives an old month's period figures exactly their events", async () => {
    const list = async (fact: "closed" | "ratedDissatisfied" | "reopened") =>
      (
        await api.deps.store.readPeriodIndex({
          scope: { kind: "village", id: "meijing" },
          month: "2026-10",
          fact,
        })
      ).items.map((i) => i.ledgerNo);
    expect(await list("closed")).toEqual([envClosed]);
    expect(await list("ratedDissatisfied")).toEqual([envDissatisfied]);
    expect(await list("reopened")).toEqual([envDissatisfied]);
    const dept = await api.deps.store.readPeriodIndex({
      scope: { kind: "department", id: "env-bureau" },
      month: "2026-10",
      fact: "closed",
    });
    expect(dept.items.map((i) => i.ledgerNo)).toEqual([envClosed]);
    expect(
      (
        await api.deps.store.readPeriodIndex({
          scope: { kind: "village", id: "meijing" },
          month: "2026-11",
          fact: "closed",
        })
      ).items,
    ).toEqual([]);
  });
});

describe("GET /api/staff/dashboard/hot-topics", () => {
  it("names the category that rose, where, in both languages", async () => {
    const admin = await loginAs(api, "admin");
    const res = await staff(
      api,
      admin,
      "GET",
      "/api/staff/dashboard/hot-topics?scope=town&from=2026-11&to=2026-11",
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.headline).toMatchObject({
      kind: "rise",
      category: { code: "environment", name: "环境与河道" },
    });
    expect(body.headline.text).toBe(
      "2026-11，环境与河道类诉求环比增加 200 %（2 → 6 件），集中在梅泾村（6 件）。",
    );
    expect(body.byVolume.map((c: { code: string }) => c.code)).toEqual([
      "environment",
      "roads_lighting",
    ]);
    expect(body.table.rows[0]).toMatchObject({
      village: { id: "meijing", name: "梅泾村" },
      total: 7,
    });
    expect(body.coverage.comparable).toBe(true);
    const en = await api.app.request(
      "/api/staff/dashboard/hot-topics?scope=villages:meijing,doumen&from=2026-11&to=2026-11",
      { headers: { authorization: `Bearer ${admin}`, "accept-language": "en" } },
    );
    expect(en.status).toBe(200);
    expect((await en.json()).headline.text).toBe(
      "In 2026-11, Environment and waterways concerns: up 200 % on the previous period (2 → 6), mostly in 梅泾村 (6).",
    );
  });

  it("refuses scopes the user may not see and bad input, with a message", async () => {
    const res = await staff(api, cadre, "GET", "/api/staff/dashboard/hot-topics?scope=town");
    expect(res.status).toBe(403);
    const bad = await staff(api, cadre, "GET", "/api/staff/dashboard/hot-topics?scope=everything");
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(JSON.stringify(body)).toMatch(/[\u4e00-\u9fff]/);
    const own = await staff(
      api,
      cadre,
      "GET",
      "/api/staff/dashboard/hot-topics?scope=department:env-bureau&from=2026-11&to=2026-11",
    );
    expect(own.status).toBe(200);
    expect((await own.json()).headline.text).toBe(
      "2026-11，环境与河道类诉求环比增加 200 %（2 → 6 件）。",
    );
  });
});
