import type { Counters } from "@lianxin/core";
import type { StoreContext, TransactItem } from "./context.js";
import { pauseBeforeRetry } from "./deadline.js";
import { COUNTER_SHARDS, keys } from "./keys.js";
import { BatchGetCommand, QueryCommand } from "./sdk.js";

/** A counter delta of any kind: concern metrics (core's MetricDelta), field work (FieldWorkDelta). */
export interface CounterDelta {
  scope: { kind: string; id: string; member?: string | undefined };
  month: string;
  field: string;
  amount: number;
}

/** A shard to add to: uniform over 0..COUNTER_SHARDS-1 from a draw in [0, 1). */
export function counterShard(random: () => number = Math.random): number {
  return Math.min(COUNTER_SHARDS - 1, Math.floor(random() * COUNTER_SHARDS));
}

/**
 * Deltas summed per counter (scope and month), its fields in first-seen order, each counter
 * keyed on the shard `shard()` picks for it (one draw a counter; shard 0 unless told).
 */
export function sumCounterDeltas(
  deltas: Iterable<CounterDelta>,
  shard: () => number = () => 0,
): Array<{ key: { pk: string; sk: string }; fields: Map<string, number> }> {
  const items = new Map<string, { key: { pk: string; sk: string }; fields: Map<string, number> }>();
  for (const d of deltas) {
    const { kind, id, member } = d.scope;
    const counter = keys.metrics(kind, id, d.month, member);
    const at = `${counter.pk}|${counter.sk}`;
    let entry = items.get(at);
    if (!entry) {
      entry = { key: keys.metrics(kind, id, d.month, member, shard()), fields: new Map() };
      items.set(at, entry);
    }
    entry.fields.set(d.field, (entry.fields.get(d.field) ?? 0) + d.amount);
  }
  return [...items.values()];
}

/**
 * The counter updates for a change, one UpdateItem (ADD) per counter, to go in the change's
 * transaction. Deltas for the same counter are merged first, then each counter's ADD goes to
 * one of its shards at random (`random`, Math.random unless a test pins it): concurrent
 * changes to one village's month meet on the same item only one time in COUNTER_SHARDS. The
 * one writer of counter updates: concern counters (AP-C3) and field-work counters (AP-F1).
 */
export function counterUpdates(
  ctx: StoreContext,
  deltas: Iterable<CounterDelta>,
  random: () => number = Math.random,
): TransactItem[] {
  return sumCounterDeltas(deltas, () => counterShard(random)).map(({ key, fields }) => {
    const names = [...fields.keys()];
    return {
      Update: {
        TableName: ctx.tableName,
        Key: key,
        UpdateExpression: `ADD ${names.map((_, i) => `#f${i} :v${i}`).join(", ")}`,
        ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#f${i}`, n])),
        ExpressionAttributeValues: Object.fromEntries(
          names.map((n, i) => [`:v${i}`, fields.get(n)]),
        ),
      },
    };
  });
}

/** One counter read back: its shards summed. */
export interface CounterRow {
  pk: string;
  month: string;
  member: string | null;
  counters: Counters;
}

/**
 * Counter items as stored, summed over their shards: one row per partition, month and member,
 * in first-seen order, every numeric field added up (keys left out).
 */
export function sumCounterShards(items: Iterable<Record<string, unknown>>): CounterRow[] {
  const rows = new Map<string, CounterRow>();
  for (const item of items) {
    const { pk, sk, ...fields } = item;
    const { month, member } = keys.metricsSort(String(sk));
    const at = `${String(pk)}|${month}|${member ?? ""}`;
    let row = rows.get(at);
    if (!row) {
      row = { pk: String(pk), month, member, counters: {} };
      rows.set(at, row);
    }
    for (const [field, value] of Object.entries(fields)) {
      if (typeof value === "number") row.counters[field] = (row.counters[field] ?? 0) + value;
    }
  }
  return [...rows.values()];
}

/**
 * AP-M1: one scope's counters for a month range: a Query on its partition, at most
 * COUNTER_SHARDS items a month (and as many per member), whatever the history's length;
 * one row per month (and member), its shards summed, by month and then member.
 */
export async function readCounters(
  ctx: StoreContext,
  scope: { kind: string; id: string },
  fromMonth: string,
  toMonth: string,
): Promise<Array<{ month: string; member: string | null; counters: Counters }>> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await ctx.client.send(
      new QueryCommand({
        TableName: ctx.tableName,
        KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
        ExpressionAttributeValues: {
          ":pk": keys.metricsPartition(scope.kind, scope.id),
          ":from": fromMonth,
          // "~" sorts after "#" and "@": the last month's per-person items and shards are in.
          ":to": `${toMonth}~`,
        },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  // A counter's shards may straddle two pages: summed once every page is in. Rows come by
  // month, then member (the unsharded keys' order), whichever shards exist.
  const order = (r: CounterRow) => `${r.month}\u0000${r.member ?? ""}`;
  return sumCounterShards(items)
    .sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0))
    .map(({ month, member, counters }) => ({ month, member, counters }));
}

/**
 * AP-M2: the counters of many scopes for the given months, every shard of each by key, 100
 * keys a BatchGetItem (a dashboard's rankings: every village and department, one counter a
 * month), summed into one row per scope and month that has any. The number of requests
 * follows scopes × months × COUNTER_SHARDS, never the history.
 */
export async function readCountersBatch(
  ctx: StoreContext,
  scopes: Array<{ kind: string; id: string }>,
  months: string[],
): Promise<
  Array<{ scope: { kind: string; id: string }; rows: Array<{ month: string; counters: Counters }> }>
> {
  const found = await batchGetKeys(
    ctx,
    scopes.flatMap((s) => months.flatMap((m) => keys.metricsShards(s.kind, s.id, m))),
  );
  const summed = new Map(sumCounterShards(found).map((r) => [`${r.pk}|${r.month}`, r.counters]));
  return scopes.map((scope) => {
    const pk = keys.metricsPartition(scope.kind, scope.id);
    return {
      scope,
      rows: months.flatMap((month) => {
        const counters = summed.get(`${pk}|${month}`);
        return counters ? [{ month, counters }] : [];
      }),
    };
  });
}

/** Every item of the keys that exists, 100 keys a BatchGetItem, unprocessed keys retried. */
async function batchGetKeys(
  ctx: StoreContext,
  all: Array<Record<string, string>>,
): Promise<Record<string, unknown>[]> {
  const chunks: Array<Array<Record<string, string>>> = [];
  for (let i = 0; i < all.length; i += 100) chunks.push(all.slice(i, i + 100));
  const found: Record<string, unknown>[] = [];
  await Promise.all(
    chunks.map(async (chunk) => {
      let pending: Array<Record<string, unknown>> = chunk;
      for (let attempt = 0; pending.length; attempt++) {
        if (attempt >= 8) throw new Error("counter reads left unprocessed after 8 attempts");
        const result = await ctx.client.send(
          new BatchGetCommand({ RequestItems: { [ctx.tableName]: { Keys: pending } } }),
        );
        found.push(...(result.Responses?.[ctx.tableName] ?? []));
        pending = (result.UnprocessedKeys?.[ctx.tableName]?.Keys ?? []) as Array<
          Record<string, unknown>
        >;
        if (pending.length) await pauseBeforeRetry(25 * 2 ** attempt);
      }
    }),
  );
  return found;
}

/**
 * AP-M7: per-member counter items by key (`<month>#<member>` in a scope's partition), every
 * shard of each, 100 keys a BatchGetItem: whether given people were engaged in given villages
 * (the field-work counters behind the rankings' compliance). One row per key that has any
 * item, its shards summed. Requests follow the keys asked for, never the history.
 */
export async function readMemberCounters(
  ctx: StoreContext,
  wanted: Array<{ kind: string; id: string; member: string; month: string }>,
): Promise<Array<{ kind: string; id: string; member: string; month: string; counters: Counters }>> {
  const found = await batchGetKeys(
    ctx,
    wanted.flatMap((w) => keys.metricsShards(w.kind, w.id, w.month, w.member)),
  );
  const summed = new Map(
    sumCounterShards(found).map((r) => [`${r.pk}|${r.month}|${r.member ?? ""}`, r.counters]),
  );
  return wanted.flatMap((w) => {
    const counters = summed.get(`${keys.metricsPartition(w.kind, w.id)}|${w.month}|${w.member}`);
    return counters ? [{ ...w, counters }] : [];
  });
}
