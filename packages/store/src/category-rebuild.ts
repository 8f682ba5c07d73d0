import type { PeriodIndexEntry } from "@lianxin/core";
import { batchGetAll, type StoreContext } from "./context.js";
import { COUNTER_SHARDS, keys } from "./keys.js";
import { periodIndexItem } from "./period-index.js";
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from "./sdk.js";
import { seedItems } from "./seed.js";

/**
 * The rebuild of sealed months (README, "Rebuilding sealed months"): never a request path.
 * A category field is a counter field with a dot (`received.<code>`, `closed.<code>`).
 */
const isCategoryField = (name: string) => name.includes(".");

/**
 * AP-M3: the earliest month any of these scopes has a counter in: one Query a scope, the
 * first sort key only (`Limit 1`). Every registration counts on its village, so over the
 * villages this is the month of the first registration.
 */
export async function firstCounterMonth(
  ctx: StoreContext,
  scopes: Array<{ kind: string; id: string }>,
): Promise<string | null> {
  const firsts = await Promise.all(
    scopes.map(async (s) => {
      const page = await ctx.client.send(
        new QueryCommand({
          TableName: ctx.tableName,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": keys.metricsPartition(s.kind, s.id) },
          ProjectionExpression: "sk",
          Limit: 1,
        }),
      );
      const sk = page.Items?.[0]?.sk;
      return typeof sk === "string" ? keys.metricsSort(sk).month : null;
    }),
  );
  return firsts.filter((m): m is string => !!m).sort()[0] ?? null;
}

/**
 * AP-M4: make one month's category fields of these unit counters exactly `figures` (scope
 * `kind|id` → field → count): reads every shard (consistent BatchGetItem), then SETs the
 * absolute values on shard 0 and REMOVEs every other category field from all shards. The
 * other fields are not touched. Run twice, the second changes nothing. Returns the items
 * updated.
 */
export async function replaceCategoryFields(
  ctx: StoreContext,
  month: string,
  scopes: Array<{ kind: string; id: string }>,
  figures: Map<string, Record<string, number>>,
): Promise<number> {
  const found = await batchGetAll(
    ctx,
    scopes.flatMap((s) => keys.metricsShards(s.kind, s.id, month)),
    { consistent: true },
  );
  const byKey = new Map(found.map((i) => [`${String(i.pk)}|${String(i.sk)}`, i]));
  let updated = 0;
  for (const scope of scopes) {
    const wanted = figures.get(`${scope.kind}|${scope.id}`) ?? {};
    const shardKeys = keys.metricsShards(scope.kind, scope.id, month);
    for (let shard = 0; shard < COUNTER_SHARDS; shard++) {
      const key = shardKeys[shard] as { pk: string; sk: string };
      const item = byKey.get(`${key.pk}|${key.sk}`);
      const present = Object.keys(item ?? {}).filter(isCategoryField);
      const set = shard === 0 ? Object.entries(wanted).filter(([, n]) => n > 0) : [];
      const remove = present.filter((f) => !set.some(([name]) => name === f));
      if (!set.length && !remove.length) continue;
      const names: Record<string, string> = {};
      const values: Record<string, number> = {};
      const sets = set.map(([name, n], i) => {
        names[`#s${i}`] = name;
        values[`:s${i}`] = n;
        return `#s${i} = :s${i}`;
      });
      const removes = remove.map((name, i) => {
        names[`#r${i}`] = name;
        return `#r${i}`;
      });
      await ctx.client.send(
        new UpdateCommand({
          TableName: ctx.tableName,
          Key: key,
          UpdateExpression: [
            sets.length ? `SET ${sets.join(", ")}` : "",
            removes.length ? `REMOVE ${removes.join(", ")}` : "",
          ]
            .filter(Boolean)
            .join(" "),
          ExpressionAttributeNames: names,
          ...(sets.length ? { ExpressionAttributeValues: values } : {}),
        }),
      );
      updated++;
    }
  }
  return updated;
}

/** AP-PI2: period-index items of past events (BatchWriteItem; the keys are the events'). */
export async function putPeriodIndexEntries(
  ctx: StoreContext,
  entries: readonly PeriodIndexEntry[],
): Promise<void> {
  await seedItems(ctx, entries.map(periodIndexItem), { concurrency: 4 });
}

export interface SealedMonthsMarker {
  /** The schema of the rebuild: a new version rebuilds every sealed month again. */
  version: number;
  /** The last month rebuilt; months after it are rebuilt once sealed. */
  through: string;
  at: string;
}

/** AP-M5: the rebuild's marker (GetItem, consistent). */
export async function getSealedMonthsMarker(ctx: StoreContext): Promise<SealedMonthsMarker | null> {
  const result = await ctx.client.send(
    new GetCommand({
      TableName: ctx.tableName,
      Key: keys.sealedMonthsMarker,
      ConsistentRead: true,
    }),
  );
  const item = result.Item;
  if (!item) return null;
  return { version: Number(item.version), through: String(item.through), at: String(item.at) };
}

/** AP-M6: record what the rebuild has done (PutItem). */
export async function putSealedMonthsMarker(
  ctx: StoreContext,
  marker: SealedMonthsMarker,
): Promise<void> {
  await ctx.client.send(
    new PutCommand({
      TableName: ctx.tableName,
      Item: { ...keys.sealedMonthsMarker, entity: "sealed_months_marker", ...marker },
    }),
  );
}
