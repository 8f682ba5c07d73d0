import { seededRandom } from "@lianxin/core/demo";
import { describe, expect, it } from "vitest";
import type { StoreContext } from "./context.js";
import { COUNTER_SHARDS, keys } from "./keys.js";
import {
  type CounterDelta,
  counterShard,
  counterUpdates,
  readCounters,
  readCountersBatch,
  readMemberCounters,
  sumCounterDeltas,
  sumCounterShards,
} from "./metrics.js";
import { counterItems } from "./seed.js";

const ctx = { tableName: "t" } as StoreContext;

const delta = (
  kind: string,
  id: string,
  month: string,
  field: string,
  amount = 1,
  member?: string,
): CounterDelta => ({ scope: member ? { kind, id, member } : { kind, id }, month, field, amount });

describe("counter keys", () => {
  it("keep shard 0 on the unsharded key, so older items and seeds read unchanged", () => {
    expect(keys.metrics("village", "meijing", "2026-11")).toEqual({
      pk: "METRICS#village#meijing",
      sk: "2026-11",
    });
    expect(keys.metrics("village_people", "meijing", "2026-11", "staff-li", 0)).toEqual({
      pk: "METRICS#village_people#meijing",
      sk: "2026-11#staff-li",
    });
    expect(keys.metrics("village", "meijing", "2026-11", undefined, 3).sk).toBe("2026-11@3");
    expect(keys.metrics("village_people", "meijing", "2026-11", "staff-li", 2).sk).toBe(
      "2026-11#staff-li@2",
    );
  });

  it("refuse a shard that no read would ask for", () => {
    for (const shard of [-1, COUNTER_SHARDS, 1.5]) {
      expect(() => keys.metrics("village", "meijing", "2026-11", undefined, shard)).toThrow(
        RangeError,
      );
    }
  });

  it("list every shard of a counter, shard 0 first, and read each sort key back", () => {
    for (const member of [undefined, "staff-li"]) {
      const all = keys.metricsShards("department_people", "env-bureau", "2026-02", member);
      expect(all).toHaveLength(COUNTER_SHARDS);
      expect(all[0]).toEqual(keys.metrics("department_people", "env-bureau", "2026-02", member));
      expect(new Set(all.map((k) => k.sk)).size).toBe(COUNTER_SHARDS);
      expect(all.map((k) => keys.metricsSort(k.sk))).toEqual(
        all.map((_, shard) => ({ month: "2026-02", member: member ?? null, shard })),
      );
    }
  });

  it("keep a month's shards inside AP-M1's BETWEEN <from> AND <to>~, and other months out", () => {
    const inRange = (sk: string, from: string, to: string) => sk >= from && sk <= `${to}~`;
    for (const member of [undefined, "staff-li", "0", "zzz"]) {
      for (const { sk } of keys.metricsShards("village_people", "meijing", "2026-11", member)) {
        expect(inRange(sk, "2026-11", "2026-11")).toBe(true);
        expect(inRange(sk, "2026-09", "2026-12")).toBe(true);
        expect(inRange(sk, "2026-12", "2027-03")).toBe(false);
        expect(inRange(sk, "2026-08", "2026-10")).toBe(false);
      }
    }
  });
});

describe("counterShard", () => {
  it("spreads draws in [0, 1) uniformly over every shard, and never past the last", () => {
    expect(counterShard(() => 0)).toBe(0);
    expect(counterShard(() => 0.999_999)).toBe(COUNTER_SHARDS - 1);
    expect(counterShard(() => 1)).toBe(COUNTER_SHARDS - 1);
    const random = seededRandom(7);
    const hits = new Array<number>(COUNTER_SHARDS).fill(0);
    for (let i = 0; i < 4_000; i++) {
      const shard = counterShard(random);
      hits[shard] = (hits[shard] ?? 0) + 1;
    }
    // Each within 20 % of its fair share.
    for (const h of hits)
      expect(Math.abs(h - 4_000 / COUNTER_SHARDS)).toBeLessThan(800 / COUNTER_SHARDS);
  });
});

describe("counterUpdates", () => {
  const deltas = [
    delta("village", "meijing", "2026-11", "received"),
    delta("department", "env-bureau", "2026-11", "received"),
    delta("village", "meijing", "2026-11", "dueForResponse"),
    delta("village", "meijing", "2026-11", "received", 2),
    delta("village_people", "meijing", "2026-11", "answered", 1, "staff-li"),
  ];

  it("sends one ADD per counter, its deltas merged, on the shard drawn for it", () => {
    const draws = [0.3, 0.9, 0.6]; // shards 1, 3, 2 at four shards
    const updates = counterUpdates(ctx, deltas, () => draws.shift() ?? 0);
    expect(updates.map((u) => u.Update?.Key)).toEqual([
      keys.metrics(
        "village",
        "meijing",
        "2026-11",
        undefined,
        counterShard(() => 0.3),
      ),
      keys.metrics(
        "department",
        "env-bureau",
        "2026-11",
        undefined,
        counterShard(() => 0.9),
      ),
      keys.metrics(
        "village_people",
        "meijing",
        "2026-11",
        "staff-li",
        counterShard(() => 0.6),
      ),
    ]);
    const village = updates[0]?.Update;
    expect(village?.UpdateExpression).toBe("ADD #f0 :v0, #f1 :v1");
    expect(village?.ExpressionAttributeNames).toEqual({
      "#f0": "received",
      "#f1": "dueForResponse",
    });
    expect(village?.ExpressionAttributeValues).toEqual({ ":v0": 3, ":v1": 1 });
  });

  it("draws at random by default: a change's counters land on more than one shard over time", () => {
    const shards = new Set<string>();
    for (let i = 0; i < 200; i++) {
      for (const u of counterUpdates(ctx, deltas.slice(0, 1)))
        shards.add(String(u.Update?.Key?.sk));
    }
    expect(shards.size).toBe(COUNTER_SHARDS);
  });

  it("leave the sum over shards of many changes equal to the sum of their deltas", () => {
    const random = seededRandom(13);
    const stored = new Map<string, Record<string, unknown>>();
    const expected = new Map<string, number>();
    for (let change = 0; change < 500; change++) {
      const month = `2026-${String(1 + (change % 3)).padStart(2, "0")}`;
      const member = change % 2 ? "staff-li" : "staff-wang";
      const own = [
        delta("village", "meijing", month, "received"),
        delta("department", "env-bureau", month, "answered", change % 4),
        delta("department_people", "env-bureau", month, "answered", 1, member),
      ];
      for (const d of own) {
        const at = `${d.scope.kind}|${month}|${d.scope.member ?? ""}|${d.field}`;
        expected.set(at, (expected.get(at) ?? 0) + d.amount);
      }
      // What DynamoDB's ADD does with each Update.
      for (const { Update } of counterUpdates(ctx, own, random)) {
        const key = Update?.Key as { pk: string; sk: string };
        const item = stored.get(`${key.pk}|${key.sk}`) ?? { ...key };
        for (const [name, field] of Object.entries(Update?.ExpressionAttributeNames ?? {})) {
          const value = Update?.ExpressionAttributeValues?.[`:v${name.slice(2)}`] as number;
          item[field] = ((item[field] as number | undefined) ?? 0) + value;
        }
        stored.set(`${key.pk}|${key.sk}`, item);
      }
    }
    // Every counter is spread over every shard by now, and summing restores the totals.
    expect(stored.size).toBe(3 * 4 * COUNTER_SHARDS);
    const read = new Map<string, number>();
    for (const row of sumCounterShards(stored.values())) {
      const kind = row.pk.split("#")[1];
      for (const [field, value] of Object.entries(row.counters)) {
        read.set(`${kind}|${row.month}|${row.member ?? ""}|${field}`, value);
      }
    }
    expect(Object.fromEntries(read)).toEqual(Object.fromEntries(expected));
  });
});

describe("sumCounterShards", () => {
  it("sums a counter's shards into one row per partition, month and member, first seen first", () => {
    const pk = keys.metricsPartition("village_people", "meijing");
    const rows = sumCounterShards([
      { ...keys.metrics("village_people", "meijing", "2026-10"), received: 1 },
      { ...keys.metrics("village_people", "meijing", "2026-10", "staff-li"), answered: 2 },
      { ...keys.metrics("village_people", "meijing", "2026-10", "staff-li", 3), answered: 5 },
      {
        ...keys.metrics("village_people", "meijing", "2026-10", undefined, 1),
        received: 4,
        rt0: 1,
      },
      { ...keys.metrics("village_people", "meijing", "2026-11", undefined, 2), received: 7 },
      { ...keys.metrics("village", "meijing", "2026-10", undefined, 2), received: 9, note: "x" },
    ]);
    expect(rows).toEqual([
      { pk, month: "2026-10", member: null, counters: { received: 5, rt0: 1 } },
      { pk, month: "2026-10", member: "staff-li", counters: { answered: 7 } },
      { pk, month: "2026-11", member: null, counters: { received: 7 } },
      {
        pk: keys.metricsPartition("village", "meijing"),
        month: "2026-10",
        member: null,
        counters: { received: 9 },
      },
    ]);
  });
});

describe("seeded counters (counterItems)", () => {
  it("keep writing shard 0: the items a demo table had before sharding", () => {
    const items = counterItems([
      delta("village", "meijing", "2026-11", "received"),
      delta("village", "meijing", "2026-11", "received"),
    ]);
    expect(items).toEqual([{ ...keys.metrics("village", "meijing", "2026-11"), received: 2 }]);
    expect(sumCounterDeltas([delta("person", "staff-li", "2026-11", "answered")])[0]?.key).toEqual(
      keys.metrics("person", "staff-li", "2026-11"),
    );
  });
});

/** A client that answers from `items` as DynamoDB would, recording what it was asked. */
function fakeTable(items: Array<Record<string, unknown>>, options: { pageSize?: number } = {}) {
  const sent: Array<{ name: string; input: Record<string, unknown> }> = [];
  let unprocessedOnce = true;
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const name = command.constructor.name;
      const input = command.input;
      sent.push({ name, input });
      if (name === "QueryCommand") {
        const v = input.ExpressionAttributeValues as Record<":pk" | ":from" | ":to", string>;
        const all = items
          .filter(
            (i) => i.pk === v[":pk"] && String(i.sk) >= v[":from"] && String(i.sk) <= v[":to"],
          )
          .sort((a, b) => (String(a.sk) < String(b.sk) ? -1 : 1));
        const start = Number((input.ExclusiveStartKey as { at?: number } | undefined)?.at ?? 0);
        const size = options.pageSize ?? all.length;
        const page = all.slice(start, start + size);
        const more = start + size < all.length;
        return { Items: page, ...(more ? { LastEvaluatedKey: { at: start + size } } : {}) };
      }
      const asked =
        Object.values(
          input.RequestItems as Record<string, { Keys: Array<{ pk: string; sk: string }> }>,
        )[0]?.Keys ?? [];
      // The first request leaves its last key unprocessed, as a throttled table may.
      const left = unprocessedOnce && asked.length > 1 ? asked.slice(-1) : [];
      unprocessedOnce = false;
      const done = asked.slice(0, asked.length - left.length);
      const found = items.filter((i) => done.some((k) => k.pk === i.pk && k.sk === i.sk));
      return {
        Responses: { t: found },
        ...(left.length ? { UnprocessedKeys: { t: { Keys: left } } } : {}),
      };
    },
  };
  return { ctx: { client, tableName: "t" } as unknown as StoreContext, sent };
}

describe("readCounters (AP-M1)", () => {
  it("sums each month's and person's shards across pages, by month then person", async () => {
    const at = (month: string, member: string | undefined, shard: number, received: number) => ({
      ...keys.metrics("village_people", "meijing", month, member, shard),
      received,
    });
    const { ctx, sent } = fakeTable(
      [
        at("2026-09", undefined, 0, 1),
        at("2026-10", "staff-li-2", 0, 1),
        at("2026-10", "staff-li", 3, 2),
        at("2026-10", undefined, 2, 4),
        at("2026-10", "staff-li", 1, 8),
        at("2026-11", undefined, 0, 16),
        at("2026-11", undefined, 3, 32),
        at("2026-12", undefined, 0, 64),
      ],
      { pageSize: 2 },
    );
    const rows = await readCounters(
      ctx,
      { kind: "village_people", id: "meijing" },
      "2026-10",
      "2026-11",
    );
    expect(rows).toEqual([
      { month: "2026-10", member: null, counters: { received: 4 } },
      { month: "2026-10", member: "staff-li", counters: { received: 10 } },
      { month: "2026-10", member: "staff-li-2", counters: { received: 1 } },
      { month: "2026-11", member: null, counters: { received: 48 } },
    ]);
    expect(sent.map((s) => s.name)).toEqual(["QueryCommand", "QueryCommand", "QueryCommand"]);
  });
});

describe("readCountersBatch (AP-M2)", () => {
  it("asks for every shard of each scope and month, 100 keys a request, and sums them", async () => {
    const villages = Array.from({ length: 30 }, (_, i) => ({ kind: "village", id: `v${i}` }));
    const items = [
      { ...keys.metrics("village", "v0", "2026-11", undefined, 1), received: 2 },
      { ...keys.metrics("village", "v0", "2026-11", undefined, 3), received: 3, answered: 1 },
      { ...keys.metrics("village", "v0", "2026-10"), received: 5 },
      { ...keys.metrics("village", "v29", "2026-11", undefined, 2), received: 7 },
    ];
    const { ctx, sent } = fakeTable(items);
    const result = await readCountersBatch(ctx, villages, ["2026-10", "2026-11"]);
    const asked = sent.flatMap(
      (s) => (s.input.RequestItems as Record<string, { Keys: unknown[] }>).t?.Keys ?? [],
    );
    // 30 scopes × 2 months × every shard, each asked once (the unprocessed one again).
    expect(new Set(asked.map((k) => JSON.stringify(k))).size).toBe(30 * 2 * COUNTER_SHARDS);
    expect(asked).toHaveLength(30 * 2 * COUNTER_SHARDS + 1);
    expect(
      sent.every(
        (s) =>
          ((s.input.RequestItems as Record<string, { Keys: unknown[] }>).t?.Keys.length ?? 0) <=
          100,
      ),
    ).toBe(true);
    expect(result[0]).toEqual({
      scope: villages[0],
      rows: [
        { month: "2026-10", counters: { received: 5 } },
        { month: "2026-11", counters: { received: 5, answered: 1 } },
      ],
    });
    expect(result[29]?.rows).toEqual([{ month: "2026-11", counters: { received: 7 } }]);
    expect(result.slice(1, 29).every((r) => r.rows.length === 0)).toBe(true);
  });
});

describe("readMemberCounters (AP-M7)", () => {
  it("reads the given member items by key, every shard, summed per key", async () => {
    const items = [
      { ...keys.metrics("fieldwork_village", "v1", "2026-11", "lead-a", 0), logs: 1 },
      { ...keys.metrics("fieldwork_village", "v1", "2026-11", "lead-a", 2), logs: 2 },
      // Not asked for: another person in the same village and month.
      { ...keys.metrics("fieldwork_village", "v1", "2026-11", "other"), logs: 4 },
      { ...keys.metrics("fieldwork_village", "v1", "2026-11"), logs: 7 },
    ];
    const { ctx, sent } = fakeTable(items);
    const wanted = [
      { kind: "fieldwork_village", id: "v1", member: "lead-a", month: "2026-11" },
      { kind: "fieldwork_village", id: "v2", member: "head-b", month: "2026-11" },
    ];
    const rows = await readMemberCounters(ctx, wanted);
    const asked = sent.flatMap(
      (s) => (s.input.RequestItems as Record<string, { Keys: unknown[] }>).t?.Keys ?? [],
    );
    expect(new Set(asked.map((k) => JSON.stringify(k))).size).toBe(2 * COUNTER_SHARDS);
    expect(rows).toEqual([{ ...wanted[0], counters: { logs: 3 } }]);
  });
});
