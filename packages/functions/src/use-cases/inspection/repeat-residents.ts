import {
  type Concern,
  REPEAT_RESIDENT,
  repeatOf,
  residentIndexKey,
  type WatchEntry,
  watchEntry,
} from "@lianxin/core";
import type { Deps } from "../../deps.js";

/** A resident's concerns read per check: far more than 3 in 90 days, bounded all the same. */
const LOOKUP = 50;

/** Residents checked at once (each check one Query, rarely a BatchGetItem too). */
const CONCURRENCY = 8;

/**
 * The repeat-resident watch list (纪委: the same resident 3 times in 90 days about the same
 * village and category), found after commit by the job's word-indexing pass over newly
 * registered concerns, never on the submission path. Per concern with a mobile registered in
 * the last 90 days (older ones are history, and the indexer's first run reads 13 months): one
 * Query of the resident's own partition (AP-P1) and, when it holds 3 or more, one
 * BatchGetItem of them. Items are keyed by the concern (AP-W2), so running it again writes
 * nothing new. Returns how many concerns went on the list.
 */
export async function watchRepeatResidents(
  deps: Deps,
  concerns: readonly Concern[],
): Promise<number> {
  const windowMs = REPEAT_RESIDENT.days * 86_400_000;
  const recentFrom = deps.now().getTime() - windowMs;
  const checks = concerns.flatMap((concern) => {
    const phoneKey = residentIndexKey(concern, deps.residentKey);
    return phoneKey && Date.parse(concern.createdAt) >= recentFrom ? [{ concern, phoneKey }] : [];
  });
  const entries: WatchEntry[] = [];
  const check = async ({ concern, phoneKey }: (typeof checks)[number]) => {
    const since = new Date(Date.parse(concern.createdAt) - windowMs).toISOString();
    const listed = await deps.store.listResidentConcerns(phoneKey, since, LOOKUP);
    const others = listed.filter((no) => no !== concern.ledgerNo);
    if (others.length + 1 < REPEAT_RESIDENT.concerns) return;
    const related = repeatOf(concern, await deps.store.getConcernsByLedgerNos(others));
    if (related) {
      entries.push({ ...watchEntry("repeat_resident", concern, concern.createdAt), related });
    }
  };
  for (let i = 0; i < checks.length; i += CONCURRENCY) {
    await Promise.all(checks.slice(i, i + CONCURRENCY).map(check));
  }
  await deps.store.putWatchItems(entries);
  return entries.length;
}
