import { MY_CONCERNS, monthsBetween, residentIndexKey, shanghaiMonth } from "@lianxin/core";
import type { Store } from "@lianxin/store";

/**
 * Lists existing concerns in "我的诉求" (AP-P2): every concern of the last two years with a
 * mainland mobile, read month by month through the ledger's month index (AP-E1, never a
 * scan), its item put again. Putting the same item twice changes nothing, so `npm start` and
 * every deployment run it; concerns registered since are listed by their own transaction.
 */
export async function backfillResidentIndex(
  store: Store,
  residentKey: string,
  options: { now: Date; log?: (line: string) => void },
): Promise<{ months: number; concerns: number; listed: number }> {
  const since = new Date(options.now.getTime() - MY_CONCERNS.lookbackDays * 86_400_000);
  const months = monthsBetween(shanghaiMonth(since), shanghaiMonth(options.now));
  const range = { fromIso: since.toISOString(), toIso: "9999" };
  let concerns = 0;
  let listed = 0;
  for (const [i, month] of months.entries()) {
    let cursor: string | undefined;
    do {
      const page = await store.queryConcernsByMonth(month, { ...range, cursor });
      concerns += page.items.length;
      const items = page.items.flatMap((concern) => {
        const phoneKey = residentIndexKey(concern, residentKey);
        return phoneKey ? [store.items.residentConcern(phoneKey, concern)] : [];
      });
      if (items.length) await store.putResidentConcernItems(items);
      listed += items.length;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    if (options.log && (i === months.length - 1 || (i + 1) % 6 === 0)) {
      options.log(
        `  我的诉求 index: ${i + 1}/${months.length} months, ${listed} of ${concerns} concerns listed`,
      );
    }
  }
  return { months: months.length, concerns, listed };
}
