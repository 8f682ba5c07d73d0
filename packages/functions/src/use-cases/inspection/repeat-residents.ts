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

/**
 * The repeat-resident watch list (纪委: the same resident 3 times in 90 days about the same
 * village and category), found after commit by the job's word-indexing pass over newly
 * registered concerns, never on the submission path. Per concern with a mobile: one Query of
 * the resident's own partition (AP-P1) and, when it holds 3 or more, one BatchGetItem of
 * them. Items are keyed by the concern (AP-W2), so running it again writes nothing new.
 * Returns how many concerns went on the list.
 */
export async function watchRepeatResidents(
  deps: Deps,
  concerns: readonly Concern[],
): Promise<number> {
  const entries: WatchEntry[] = [];
  for (const concern of concerns) {
    const phoneKey = residentIndexKey(concern, deps.residentKey);
    if (!phoneKey) continue;
    const since = new Date(Date.parse(concern.createdAt) - REPEAT_RESIDENT.days * 86_400_000);
    const listed = await deps.store.listResidentConcerns(phoneKey, since.toISOString(), LOOKUP);
    const others = listed.filter((no) => no !== concern.ledgerNo);
    if (others.length + 1 < REPEAT_RESIDENT.concerns) continue;
    const related = repeatOf(concern, await deps.store.getConcernsByLedgerNos(others));
    if (related) {
      entries.push({ ...watchEntry("repeat_resident", concern, concern.createdAt), related });
    }
  }
  await deps.store.putWatchItems(entries);
  return entries.length;
}
