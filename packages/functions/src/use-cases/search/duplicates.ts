import {
  type Concern,
  canView,
  DUPLICATE_WINDOW_DAYS,
  type DuplicateSuggestions,
  type Locale,
  mayMergeInto,
  mayPerform,
  rankDuplicates,
  toDuplicateSuggestion,
  transitionAllowed,
} from "@lianxin/core";
import type { Deps } from "../../deps.js";
import type { StaffAuth } from "../accounts/session.js";
import { loadVisible } from "../concerns/staff-concerns.js";
import { currentDirectory } from "../directory/current-directory.js";
import { maskingSources, termKeysOf, termsOfConcern } from "./concern-terms.js";

/**
 * The search terms of concerns by ledger number, as the word index stores them (each term's
 * keyed hash): only equality matters to the score, so computed and stored terms compare.
 */
export type TermsOf = (deps: Deps, concerns: readonly Concern[]) => Promise<Map<string, string[]>>;

/**
 * 可能重复: up to five concerns of the opened one's village that may report the same problem
 * (core rankDuplicates), each the user may see, with its score and whether the user may merge
 * the opened concern into it. Candidates are the village's open and answered concerns and its
 * closings of the last 90 days (AP-DC1), never its history.
 */
export async function duplicateSuggestions(
  deps: Deps,
  auth: StaffAuth,
  ledgerNo: string,
  locale: Locale,
  termsOf: TermsOf = indexedOrOnTheSpot,
): Promise<DuplicateSuggestions> {
  const { concern } = await loadVisible(deps, auth, ledgerNo);
  const now = deps.now();
  const since = new Date(now.getTime() - DUPLICATE_WINDOW_DAYS * 86_400_000).toISOString();
  const [candidates, index] = await Promise.all([
    deps.store.listDuplicateCandidates(concern.villageId, since),
    currentDirectory(deps),
  ]);
  // What the user may not see is not suggested, nor weighs in the scores.
  const pool = candidates.filter((c) => c.ledgerNo !== concern.ledgerNo && canView(auth.user, c));
  const terms = await termsOf(deps, [concern, ...pool]);
  const ranked = rankDuplicates(
    { concern, terms: terms.get(concern.ledgerNo) ?? [] },
    pool.map((c) => ({ concern: c, terms: terms.get(c.ledgerNo) ?? [] })),
    now,
  );
  return {
    ledgerNo: concern.ledgerNo,
    mayMerge: mayPerform(auth.user, "merge", concern) && transitionAllowed("merge", concern),
    items: ranked.map((r) =>
      toDuplicateSuggestion(
        r.concern,
        r.score,
        mayMergeInto(auth.user, concern, r.concern),
        index,
        locale,
      ),
    ),
  };
}

/**
 * Terms computed on the spot, masked and keyed exactly as the indexer does (concern-terms.ts):
 * the path for a concern the indexer has not reached yet (it runs after commit).
 */
export const termsOnTheSpot: TermsOf = async (deps, concerns) => {
  const sources = await maskingSources(deps);
  return new Map(
    concerns.map((c) => [c.ledgerNo, termKeysOf(deps, termsOfConcern(c, sources))] as const),
  );
};

/**
 * Terms from the word index where it has them (AP-TI2 `getConcernTerms`, the summary item the
 * indexer writes), computed on the spot for the rest (registered since the indexer last ran).
 */
export function withIndexedTerms(
  lookup: (ledgerNos: string[]) => Promise<Map<string, string[]>>,
): TermsOf {
  return async (deps, concerns) => {
    const indexed = await lookup(concerns.map((c) => c.ledgerNo));
    const missing = concerns.filter((c) => !indexed.has(c.ledgerNo));
    const spot = missing.length > 0 ? await termsOnTheSpot(deps, missing) : new Map();
    return new Map([...indexed, ...spot]);
  };
}

/** The index's terms first, as the issue asks; the spot for what it has not reached. */
const indexedOrOnTheSpot: TermsOf = (deps, concerns) =>
  withIndexedTerms((nos) => deps.store.getConcernTerms(nos))(deps, concerns);
