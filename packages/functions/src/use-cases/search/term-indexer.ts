import { type Concern, monthRange, monthsBetween, shanghaiMonth } from "@lianxin/core";
import type { IndexedConcern } from "@lianxin/store";
import type { Deps } from "../../deps.js";
import { watchRepeatResidents } from "../inspection/repeat-residents.js";
import { maskingSources, termKeysOf, termsOfConcern } from "./concern-terms.js";

/**
 * How far back each run reads again before its watermark: a concern's `createdAt` is set
 * before its transaction commits, so one registered before the last run may commit after it
 * (a request's deadline is 8 s; ten minutes leaves room for a slow one). Concerns read again
 * are skipped by their summary item (AP-TI2), not written twice.
 */
export const TERM_INDEX_OVERLAP_MS = 10 * 60_000;
/** The first run (no watermark) indexes back this many months, the current one included. */
export const TERM_INDEX_FIRST_MONTHS = 13;
/** Concerns read per page of the month index (AP-E1). */
const PAGE = 200;
/** A run stops after this long and leaves the rest to the next (the job's Lambda has 120 s). */
export const TERM_INDEX_BUDGET_MS = 60_000;

export interface TermIndexSummary {
  /** Concerns read from the month index. */
  read: number;
  /** Concerns indexed now (the others were indexed before). */
  indexed: number;
  /** Postings written. */
  postings: number;
  /** Where the watermark stands after the run. */
  watermark: string | null;
  /** The run stopped at its time budget; the next continues from its watermark. */
  partial: boolean;
  /** Concerns put on the inspectors' repeat-resident list (inspection/repeat-residents.ts). */
  repeatResidents: number;
}

function toIndexed(concern: Concern, termKeys: string[]): IndexedConcern {
  return {
    ledgerNo: concern.ledgerNo,
    createdAt: concern.createdAt,
    month: shanghaiMonth(new Date(concern.createdAt)),
    villageId: concern.villageId,
    categoryCode: concern.categoryCode,
    departmentId: concern.routing.department.id,
    restricted: concern.routing.visibility === "discipline",
    termKeys,
  };
}

/**
 * The word indexer, a step of the escalation job (never a request, never a cold start): reads
 * the concerns registered since its watermark (less the overlap) through the month index,
 * oldest first, masks each one's title and description as public text is masked, and writes
 * its terms' postings and its summary (AP-TI1). The watermark moves after each page, so a run
 * cut short (its budget, a failure) resumes where it stopped. The first run, with no
 * watermark, indexes the last 13 months, logging its progress.
 */
export async function runTermIndexer(
  deps: Deps,
  options: { log?: (line: string) => void; budgetMs?: number } = {},
): Promise<TermIndexSummary> {
  const started = Date.now();
  const budget = options.budgetMs ?? TERM_INDEX_BUDGET_MS;
  const now = deps.now();
  const watermark = await deps.store.getTermIndexWatermark();
  const since = watermark
    ? new Date(new Date(watermark).getTime() - TERM_INDEX_OVERLAP_MS)
    : firstRunStart(now);
  const months = monthsBetween(shanghaiMonth(since), shanghaiMonth(now));
  const log = watermark ? undefined : options.log;
  log?.(`  word index: first run, indexing ${months.length} months from ${since.toISOString()}`);
  const summary: TermIndexSummary = {
    read: 0,
    indexed: 0,
    postings: 0,
    watermark,
    partial: false,
    repeatResidents: 0,
  };
  const sources = await maskingSources(deps);
  const range = { fromIso: since.toISOString(), toIso: now.toISOString(), limit: PAGE };
  for (const [i, month] of months.entries()) {
    let cursor: string | undefined;
    do {
      if (Date.now() - started > budget) {
        summary.partial = true;
        return summary;
      }
      const page = await deps.store.queryConcernsByMonth(month, { ...range, cursor });
      summary.read += page.items.length;
      const known = await deps.store.getConcernTerms(page.items.map((c) => c.ledgerNo));
      const unindexed = page.items.filter((c) => !known.has(c.ledgerNo));
      // Before their terms: the terms mark a concern done, and the list's items are
      // idempotent, so a run cut short between the two only writes them again.
      summary.repeatResidents += await watchRepeatResidents(deps, unindexed);
      const fresh = unindexed.map((c) =>
        toIndexed(c, termKeysOf(deps, termsOfConcern(c, sources))),
      );
      if (fresh.length) await deps.store.putConcernTerms(fresh, deps.now().toISOString());
      summary.indexed += fresh.length;
      summary.postings += fresh.reduce((n, c) => n + c.termKeys.length, 0);
      cursor = page.nextCursor ?? undefined;
      // Pages are oldest first: everything up to this page's last concern is indexed.
      const last = page.items.at(-1)?.createdAt;
      const through = cursor ? last : i === months.length - 1 ? range.toIso : undefined;
      if (through && through !== summary.watermark) {
        await deps.store.saveTermIndexWatermark(through, deps.now().toISOString());
        summary.watermark = through;
      }
    } while (cursor);
    if (log && (i === months.length - 1 || (i + 1) % 3 === 0)) {
      log(`  word index: ${i + 1}/${months.length} months, ${summary.indexed} concerns indexed`);
    }
  }
  return summary;
}

/** Midnight (Asia/Shanghai) of the 1st of the month 12 months before `now`'s: 13 months. */
function firstRunStart(now: Date): Date {
  const first = monthRange(shanghaiMonth(now), TERM_INDEX_FIRST_MONTHS)[0] as string;
  return new Date(`${first}-01T00:00:00+08:00`);
}
