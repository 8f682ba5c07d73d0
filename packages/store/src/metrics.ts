import type { Counters } from "@lianxin/core";
import type { StoreContext, TransactItem } from "./context.js";
import { pauseBeforeRetry } from "./deadline.js";
import { keys } from "./keys.js";
import { BatchGetCommand, QueryCommand } from "./sdk.js";

/** A counter delta of any kind: concern metrics (core's MetricDelta), field work (FieldWorkDelta). */
export interface CounterDelta {
  scope: { kind: string; id: string; member?: string | undefined };
  month: string;
  field: string;
  amount: number;
}

/** Deltas summed per counter item (scope and month), its fields in first-seen order. */
export function sumCounterDeltas(
  deltas: Iterable<CounterDelta>,
): Array<{ key: { pk: string; sk: string }; fields: Map<string, number> }> {
  const items = new Map<string, { key: { pk: string; sk: string }; fields: Map<string, number> }>();
  for (const d of deltas) {
    const key = keys.metrics(d.scope.kind, d.scope.id, d.month, d.scope.member);
    const id = `${key.pk}|${key.sk}`;
    const entry = items.get(id) ?? { key, fields: new Map<string, number>() };
    entry.fields.set(d.field, (entry.fields.get(d.field) ?? 0) + d.amount);
    items.set(id, entry);
  }
  return [...items.values()];
}

/**
 * The counter updates for a change, one UpdateItem (ADD) per scope and month, to go in
 * the change's transaction. Deltas for the same item are merged first. The one writer of
 * counter updates: concern counters (AP-C3) and field-work counters (AP-F1) alike.
 */
export function counterUpdates(ctx: StoreContext, deltas: Iterable<CounterDelta>): TransactItem[] {
  return sumCounterDeltas(deltas).map(({ key, fields }) => {
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

/**
 * AP-M1: one scope's counters for a month range: a Query on its partition, at most one
 * item a month, whatever the history's length.
 */
export async function readCounters(
  ctx: StoreContext,
  scope: { kind: string; id: string },
  fromMonth: string,
  toMonth: string,
): Promise<Array<{ month: string; member: string | null; counters: Counters }>> {
  const rows: Array<{ month: string; member: string | null; counters: Counters }> = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await ctx.client.send(
      new QueryCommand({
        TableName: ctx.tableName,
        KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
        ExpressionAttributeValues: {
          ":pk": keys.metricsPartition(scope.kind, scope.id),
          ":from": fromMonth,
          // "~" sorts after "#": the last month's per-person items are included.
          ":to": `${toMonth}~`,
        },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const { pk: _pk, sk, ...counters } = item;
      const [month, member] = String(sk).split("#");
      rows.push({ month: month as string, member: member ?? null, counters: counters as Counters });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return rows;
}

/**
 * AP-M2: the counter items of many scopes for the given months, 100 keys a BatchGetItem
 * (a dashboard's rankings: every village and department, one item per month). The number
 * of requests follows scopes × months, never the history.
 */
export async function readCountersBatch(
  ctx: StoreContext,
  scopes: Array<{ kind: string; id: string }>,
  months: string[],
): Promise<
  Array<{ scope: { kind: string; id: string }; rows: Array<{ month: string; counters: Counters }> }>
> {
  const out = new Map<string, Array<{ month: string; counters: Counters }>>(
    scopes.map((s) => [keys.metricsPartition(s.kind, s.id), []]),
  );
  const all = scopes.flatMap((s) => months.map((m) => keys.metrics(s.kind, s.id, m)));
  const chunks: Array<Array<Record<string, string>>> = [];
  for (let i = 0; i < all.length; i += 100) chunks.push(all.slice(i, i + 100));
  await Promise.all(
    chunks.map(async (chunk) => {
      let pending: Array<Record<string, unknown>> = chunk;
      for (let attempt = 0; pending.length; attempt++) {
        if (attempt >= 8) throw new Error("counter reads left unprocessed after 8 attempts");
        const result = await ctx.client.send(
          new BatchGetCommand({ RequestItems: { [ctx.tableName]: { Keys: pending } } }),
        );
        for (const item of result.Responses?.[ctx.tableName] ?? []) {
          const { pk, sk, ...counters } = item;
          out.get(String(pk))?.push({ month: String(sk), counters: counters as Counters });
        }
        pending = (result.UnprocessedKeys?.[ctx.tableName]?.Keys ?? []) as Array<
          Record<string, unknown>
        >;
        if (pending.length) await pauseBeforeRetry(25 * 2 ** attempt);
      }
    }),
  );
  return scopes.map((scope) => ({
    scope,
    rows: out.get(keys.metricsPartition(scope.kind, scope.id)) ?? [],
  }));
}
