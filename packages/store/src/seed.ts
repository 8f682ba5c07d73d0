import type { StoreContext } from "./context.js";
import { pauseBeforeRetry } from "./deadline.js";
import { keys } from "./keys.js";
import { type CounterDelta, sumCounterDeltas } from "./metrics.js";
import { BatchWriteCommand } from "./sdk.js";

/** Counter deltas of any kind (concern metrics, field work), summed into items to Put. */
export function counterItems(deltas: Iterable<CounterDelta>): Record<string, unknown>[] {
  return sumCounterDeltas(deltas).map(({ key, fields }) => ({
    ...key,
    ...Object.fromEntries(fields),
  }));
}

/** The ledger counter of a year, left at the last number a seeding used. */
export function ledgerCounterItem(prefix: string, year: number, lastSequence: number, at: string) {
  return { ...keys.ledgerCounter(prefix, year), lastSequence, updatedAt: at };
}

/**
 * AP-S1: seeding an empty table (local demo data only, never a request path): BatchWriteItem,
 * 25 items a request, a few requests in flight, unprocessed items retried with backoff.
 * `onProgress` gets the running count of items written.
 */
export async function seedItems(
  ctx: StoreContext,
  items: Record<string, unknown>[],
  options: { concurrency?: number; onProgress?: (written: number, total: number) => void } = {},
): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let written = 0;
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let pending = (batches[next++] ?? []).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length; attempt++) {
        if (attempt > 10) throw new Error(`${pending.length} items unprocessed after retries`);
        if (attempt) await pauseBeforeRetry(Math.random() * 25 * 2 ** attempt);
        const res = await ctx.client.send(
          new BatchWriteCommand({ RequestItems: { [ctx.tableName]: pending } }),
        );
        const left = (res.UnprocessedItems?.[ctx.tableName] ?? []) as typeof pending;
        written += pending.length - left.length;
        pending = left;
      }
      options.onProgress?.(written, items.length);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
}
