import type { Concern } from "../concern/concern.js";
import { OPEN_STATUSES } from "../vocabulary.js";

/**
 * 可能重复: which concerns of the same village may report the same problem as the one opened.
 *
 * Texts are compared by their search terms (terms.ts: bigrams of the masked text, or their
 * keyed hashes from the word index: only equality matters here). The score is a weighted Dice
 * coefficient of the two term sets, each term weighted by its rarity in the candidate pool
 * (termWeights): 路灯 among ten light complaints says little, 洛杨 says much. On the corpus
 * beside this file (`pnpm dup:score`, 106 concerns in 7 village pools) it had the best recall
 * of the top-5 lists among plain and weighted Dice, overlap coefficient and cosine: 88.7 % at
 * the floor below, precision 20.8 %. Precision is low by nature: most concerns have one
 * duplicate and the list holds five; the score shown lets the cadre judge. A higher floor
 * buys precision with recall (5 %: 76 % / 30 %), which the 0.85 does not allow.
 */

/** At most this many suggestions are listed. */
export const DUPLICATES_MAX = 5;
/** Closed concerns are suggested this long after closing (a problem back soon is the same). */
export const DUPLICATE_WINDOW_DAYS = 90;
/** Below this score (0–1) a candidate is not suggested: tuned on the corpus for recall. */
export const DUPLICATE_SCORE_FLOOR = 0.02;

const DAY_MS = 86_400_000;
const TERM_WEIGHT_BASE = 0.1;
/**
 * Weights count the pool as at least this many texts: in a village with two open concerns a
 * term both share is not thereby common, and true rarity would score near-twins at 29 %.
 */
const POOL_MIN = 20;
const OPEN: readonly string[] = OPEN_STATUSES;

/** What ranking reads of a concern (the store's candidates carry the whole item). */
export type DuplicateFacts = Pick<
  Concern,
  "ledgerNo" | "villageId" | "categoryCode" | "status" | "closedAt" | "mergedInto"
>;

export interface Scored<T> {
  concern: T;
  /** 0–1: the weighted Dice coefficient of the two texts' terms. */
  score: number;
}

/**
 * Term → weight over the N texts of the pool (the opened one included): ln(max(N, 20) / df) +
 * 0.1, so a term in most texts of a large pool (希望, 晚上, 路灯 among light complaints) nearly
 * drops out and a term in two (洛杨, 流胶) counts most.
 */
export function termWeights(pool: readonly (readonly string[])[]): (term: string) => number {
  const df = new Map<string, number>();
  for (const terms of pool) for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = pool.length;
  return (term) =>
    Math.log(Math.max(n, POOL_MIN) / Math.max(1, df.get(term) ?? 0)) + TERM_WEIGHT_BASE;
}

/**
 * The similarity of two texts' terms, 0–1: 2·w(A∩B) / (w(A) + w(B)), where w sums the terms'
 * weights (1 each when none are given: the plain Dice coefficient).
 */
export function termSimilarity(
  a: readonly string[],
  b: readonly string[],
  weight: (term: string) => number = () => 1,
): number {
  const setA = new Set(a);
  const setB = new Set(b);
  let common = 0;
  let total = 0;
  for (const t of setA) {
    const w = weight(t);
    total += w;
    if (setB.has(t)) common += w;
  }
  for (const t of setB) total += weight(t);
  return total === 0 ? 0 : (2 * common) / total;
}

/** The score as shown: a whole percentage. */
export function scorePercent(score: number): number {
  return Math.round(Math.min(1, Math.max(0, score)) * 100);
}

/**
 * May this concern be suggested as a duplicate of `opened` (whatever its text)? The same
 * village; not the concern itself; not merged away (it would be a dead end); open or
 * answered at any age, or closed (struck off) within the window.
 */
export function isDuplicateCandidate(opened: DuplicateFacts, other: DuplicateFacts, now: Date) {
  if (other.ledgerNo === opened.ledgerNo || other.villageId !== opened.villageId) return false;
  if (other.status === "merged" || other.mergedInto) return false;
  if (OPEN.includes(other.status) || other.status === "answered") return true;
  if (!other.closedAt) return false;
  return now.getTime() - new Date(other.closedAt).getTime() <= DUPLICATE_WINDOW_DAYS * DAY_MS;
}

/**
 * The suggestions for `opened`: candidates that may be suggested, scored against it with
 * weights from the whole pool, above the floor; the same category first, then by score
 * (then the newer ledger number), at most `DUPLICATES_MAX`.
 */
export function rankDuplicates<T extends DuplicateFacts>(
  opened: { concern: DuplicateFacts; terms: readonly string[] },
  candidates: readonly { concern: T; terms: readonly string[] }[],
  now: Date,
  options: { floor?: number; max?: number } = {},
): Scored<T>[] {
  const floor = options.floor ?? DUPLICATE_SCORE_FLOOR;
  const max = options.max ?? DUPLICATES_MAX;
  const eligible = candidates.filter((c) => isDuplicateCandidate(opened.concern, c.concern, now));
  const weight = termWeights([opened.terms, ...eligible.map((c) => c.terms)]);
  const category = opened.concern.categoryCode;
  return eligible
    .map((c) => ({ concern: c.concern, score: termSimilarity(opened.terms, c.terms, weight) }))
    .filter((s) => s.score >= floor && s.score > 0)
    .sort(
      (x, y) =>
        Number(y.concern.categoryCode === category) - Number(x.concern.categoryCode === category) ||
        y.score - x.score ||
        (y.concern.ledgerNo < x.concern.ledgerNo ? -1 : 1),
    )
    .slice(0, max);
}
