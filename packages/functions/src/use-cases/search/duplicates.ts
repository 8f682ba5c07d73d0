import {
  type Concern,
  canView,
  concernTerms,
  DUPLICATE_WINDOW_DAYS,
  type DuplicateSuggestions,
  type Locale,
  type MaskContext,
  maskPersonalData,
  mayMergeInto,
  mayPerform,
  namesToMask,
  publicTextContext,
  rankDuplicates,
  termKey,
  toDuplicateSuggestion,
  transitionAllowed,
} from "@lianxin/core";
import type { Deps } from "../../deps.js";
import type { StaffAuth } from "../accounts/session.js";
import { loadVisible } from "../concerns/staff-concerns.js";
import { currentDirectory } from "../directory/current-directory.js";
import { knownPeople } from "../directory/known-people.js";

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
  termsOf: TermsOf = termsOnTheSpot,
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
 * Terms computed on the spot, masked as public text is (the concern's own names, everyone the
 * system knows, the segmenter's person tags) with the spans left for review blanked too, then
 * keyed as the index keys them: the path for a concern the indexer has not reached yet, and
 * until the word index (branch `search`, AP-TI2 `getConcernTerms`) is wired in, for all.
 */
export const termsOnTheSpot: TermsOf = async (deps, concerns) => {
  const [index, people] = await Promise.all([currentDirectory(deps), knownPeople(deps)]);
  const out = new Map<string, string[]>();
  for (const concern of concerns) {
    const context = publicTextContext({
      index,
      knownNames: namesToMask(concern, []),
      knownPeople: people,
      personTagger: deps.personTagger,
    });
    const terms = concernTerms({
      title: concern.title ? maskedForTerms(concern.title, context) : null,
      description: maskedForTerms(concern.description, context),
    });
    out.set(concern.ledgerNo, [...new Set(terms.map((t) => termKey(t, deps.residentKey)))]);
  }
  return out;
};

/**
 * Terms from the word index where it has them (a lookup by ledger number: the store's AP-TI2
 * `getConcernTerms` once branch `search` is merged), computed on the spot for the rest (a
 * concern registered since the indexer last ran).
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

/** Masked text with what might be personal (awaiting a reviewer) blanked: no one reviews terms. */
function maskedForTerms(text: string, context: MaskContext): string {
  const masked = maskPersonalData(text, context);
  let out = masked.text;
  for (const span of [...masked.review].sort((a, b) => b.start - a.start)) {
    out = `${out.slice(0, span.start)} ${out.slice(span.end)}`;
  }
  return out;
}
