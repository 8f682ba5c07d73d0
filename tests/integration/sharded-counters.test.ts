import { ScanCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { addMonths, shanghaiMonth } from "@lianxin/core";
import { seededRandom } from "@lianxin/core/demo";
import { createApp, createDeps, readConfig } from "@lianxin/functions";
import { prepareLocalDatabase } from "@lianxin/functions/local";
import { COUNTER_SHARDS, createDynamoClient, createStore, keys } from "@lianxin/store";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, smellyCreek, submit, type TestApi } from "../support/api.js";
import { createTestTable } from "../support/database.js";
import { expectCountersMatchRecount, recountCounters } from "../support/recount.js";
import { act, loginAs, staff } from "../support/staff.js";

/**
 * Sharded counters (issue 13, item 4; store README "Sharded counters"): every change ADDs to
 * one of COUNTER_SHARDS items of each counter, at random, and every read sums them.
 */

/** Where the submissions go: two villages of 环保分局's, and another department's. */
const PLACES = [
  { villageId: "meijing", groupId: "meijing-01", categoryCode: "environment" },
  { villageId: "doumen", categoryCode: "environment" },
  { villageId: "qinxiang", categoryCode: "roads_lighting" },
] as const;
const SUBMISSIONS = 36;

describe.each([
  { mode: "plain DynamoDB Local", simulate: false },
  { mode: "conflict simulator", simulate: true },
])("counters after a burst of changes ($mode)", ({ simulate }) => {
  let api: TestApi;
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
      { simulate },
    );
  });

  it("equal a recount from the concerns and their events, spread over several shards", async () => {
    const { groupId: _, ...anywhere } = smellyCreek;
    const responses = await Promise.all(
      Array.from({ length: SUBMISSIONS }, (_, i) =>
        submit(api, { ...anywhere, ...PLACES[i % PLACES.length], title: `计数 ${i}` }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(SUBMISSIONS).fill(201));
    const receipts = await Promise.all(responses.map((r) => r.json()));

    // 环保分局's cadre signs for and responds to its concerns, four at a time: the actions'
    // ADDs race each other on the department's, the villages' and the cadre's month counters.
    const cadre = await loginAs(api, "cadre");
    const ours: Array<{ ledgerNo: string }> = receipts.filter(
      (r) => r.routing.department.id === "env-bureau",
    );
    expect(ours.length).toBeGreaterThan(10);
    const queue = [...ours];
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          statuses.push((await act(api, cadre, next.ledgerNo, { type: "accept" })).status);
          const respond = { type: "respond", method: "phone", summary: "电话联系反映人" };
          statuses.push((await act(api, cadre, next.ledgerNo, respond)).status);
        }
      }),
    );
    expect(statuses).toEqual(Array(ours.length * 2).fill(200));

    const recount = await expectCountersMatchRecount(api);
    expect(recount.concerns).toBe(SUBMISSIONS);
    // Summed over shards, `received` per village and per department is the number of concerns.
    for (const kind of ["village", "department"]) {
      const received = [...recount.stored]
        .filter(([cell]) => cell.startsWith(`${kind}|`) && cell.endsWith("|received"))
        .reduce((sum, [, n]) => sum + n, 0);
      expect(received, kind).toBe(SUBMISSIONS);
    }
    // Every response this month counted (and the comparison was not vacuous).
    const responded = [...recount.stored]
      .filter(
        ([cell]) => cell.startsWith("department|env-bureau|") && cell.endsWith("|dueForResponse"),
      )
      .reduce((sum, [, n]) => sum + n, 0);
    expect(responded).toBe(ours.length);
    // The ADDs went to more than one shard: with sharding off, every counter had one item.
    const month = [...recount.shardsPerCounter.keys()].find((c) =>
      c.startsWith("village|meijing|"),
    );
    expect(recount.shardsPerCounter.get(month ?? "")).toBeGreaterThan(1);
    expect(recount.shardsPerCounter.get(`department|env-bureau|${month?.split("|")[2]}`)).toBe(
      COUNTER_SHARDS,
    );
  });

  it("and the recount notices a count lost, doubled or hidden on a shard", async () => {
    await expectCountersMatchRecount(api);
    const { villageId } = PLACES[0];
    const counter = [...(await recountCounters(api)).shardsPerCounter.keys()].find((c) =>
      c.startsWith(`village|${villageId}|`),
    );
    const month = String(counter?.split("|")[2]);
    const client = createDynamoClient({ endpoint: api.endpoint, region: "local" });
    const add = (shard: number, amount: number) =>
      client.send(
        new UpdateCommand({
          TableName: api.tableName,
          Key: keys.metrics("village", villageId, month, undefined, shard),
          UpdateExpression: "ADD received :n",
          ExpressionAttributeValues: { ":n": amount },
        }),
      );
    try {
      await add(0, 1); // doubled
      await expect(expectCountersMatchRecount(api)).rejects.toThrow(/received/);
      await add(0, -2); // lost
      await expect(expectCountersMatchRecount(api)).rejects.toThrow(/received/);
      await add(0, 1);
      await expectCountersMatchRecount(api);
      await add(COUNTER_SHARDS - 1, 1); // on the last shard
      await expect(expectCountersMatchRecount(api)).rejects.toThrow(/received/);
      await add(COUNTER_SHARDS - 1, -1);
      await expectCountersMatchRecount(api);
    } finally {
      client.destroy();
    }
  });
});

/**
 * The demo campaign's tables as they were before sharding (every counter on shard 0), and the
 * same counters spread over the shards as random ADDs would leave them (some counters without
 * a shard 0 at all): every figure read from counters must be the same on both.
 */
describe("figures read from sharded counters", () => {
  const now = new Date();
  type Target = { app: ReturnType<typeof createApp>; admin: string };
  let legacy: Target;
  let sharded: Target;

  beforeAll(async () => {
    const a = await createTestTable();
    await prepareLocalDatabase({ ...a, demoCampaign: true });
    const b = await createTestTable();
    const split = await copyWithCountersSplit(a, b);
    expect(split.counters).toBeGreaterThan(1_000);
    expect(split.withoutShardZero).toBeGreaterThan(100);
    const open = async (table: { endpoint: string; tableName: string }) => {
      const app = createApp(
        createDeps(readConfig({ TABLE_NAME: table.tableName, DYNAMODB_ENDPOINT: table.endpoint }), {
          now: () => now,
        }),
      );
      return { app, admin: await loginAs({ app } as TestApi, "admin") };
    };
    [legacy, sharded] = await Promise.all([open(a), open(b)]);
  }, 180_000);

  const get = async (target: Target, path: string) => {
    const res = await staff({ app: target.app } as TestApi, target.admin, "GET", path);
    expect(res.status, path).toBe(200);
    return res.json();
  };

  it.each([
    "/api/staff/dashboard?scope=town",
    "/api/staff/dashboard?scope=village:meijing",
    "/api/staff/dashboard?scope=department:env-bureau",
    "/api/staff/dashboard?scope=person:staff-cadre-env",
    `/api/staff/dashboard?scope=department:env-bureau&from=${addMonths(shanghaiMonth(now), -11)}`,
    "/api/statistics",
    "/api/statistics/field-work",
    "/api/staff/reports/quarterly?department=env-bureau",
    "/api/staff/reports/annual",
  ])("%s", async (path) => {
    const before = await get(legacy, path);
    const after = await get(sharded, path);
    expect(after).toEqual(before);
    // Twice: the second read takes the sealed months from the process's cache.
    expect(await get(sharded, path)).toEqual(before);
    if (path.includes("scope=town")) expect(before.totals.received).toBeGreaterThan(100);
  });
});

/**
 * Copies table `from` into `to`, each counter item split over the shards at random weights;
 * every third counter leaves shard 0 out.
 */
async function copyWithCountersSplit(
  from: { endpoint: string; tableName: string },
  to: { endpoint: string; tableName: string },
) {
  const client = createDynamoClient({ endpoint: from.endpoint, region: "local" });
  const random = seededRandom(4);
  const out: Record<string, unknown>[] = [];
  let counters = 0;
  let withoutShardZero = 0;
  try {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new ScanCommand({ TableName: from.tableName, ExclusiveStartKey }),
      );
      for (const item of page.Items ?? []) {
        const pk = String(item.pk);
        if (!pk.startsWith(keys.metricsPrefix)) {
          out.push(item);
          continue;
        }
        const [kind = "", ...id] = pk.slice(keys.metricsPrefix.length).split("#");
        const { pk: _pk, sk, ...fields } = item;
        const { month, member, shard } = keys.metricsSort(String(sk));
        expect(shard).toBe(0);
        const shards = Array.from({ length: COUNTER_SHARDS }, (_, k) => k).filter(
          (k) => k > 0 || counters % 3 !== 0,
        );
        if (counters++ % 3 === 0) withoutShardZero++;
        const parts: Array<Record<string, unknown>> = shards.map((k) =>
          keys.metrics(kind, id.join("#"), month, member ?? undefined, k),
        );
        for (const [field, value] of Object.entries(fields)) {
          const weights = shards.map(() => random());
          const total = weights.reduce((a, b) => a + b, 0);
          let left = Number(value);
          for (const [i, part] of parts.entries()) {
            const last = i === parts.length - 1;
            const share = last ? left : Math.floor((Number(value) * (weights[i] ?? 0)) / total);
            left -= share;
            if (share !== 0) part[field] = share;
          }
        }
        out.push(...parts.filter((p) => Object.keys(p).length > 2));
      }
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    await createStore(client, to.tableName).seedItems(out);
  } finally {
    client.destroy();
  }
  return { counters, withoutShardZero };
}
