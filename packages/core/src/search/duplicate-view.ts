import { mayPerform } from "../access/policy.js";
import type { Concern } from "../concern/concern.js";
import { isOpen, transitionAllowed } from "../concern/state-machine.js";
import { type DirectoryIndex, namedRefs } from "../directory/lookup.js";
import type { Locale } from "../errors.js";
import type { StaffUser } from "../staff/schema.js";
import { scorePercent } from "./duplicates.js";

/**
 * May the user merge `opened` into `target` now: the merge action on the opened concern (role
 * and state, as its action form) into an open target (applyMerge refuses any other).
 */
export function mayMergeInto(user: StaffUser, opened: Concern, target: Concern): boolean {
  return (
    mayPerform(user, "merge", opened) &&
    transitionAllowed("merge", opened) &&
    isOpen(target) &&
    target.ledgerNo !== opened.ledgerNo
  );
}

/** One row of 可能重复, for a user who may see the candidate. */
export function toDuplicateSuggestion(
  candidate: Concern,
  score: number,
  mayMerge: boolean,
  index: DirectoryIndex,
  locale: Locale,
) {
  const refs = namedRefs(index, locale);
  return {
    ledgerNo: candidate.ledgerNo,
    title: candidate.title,
    summary: [...candidate.description].slice(0, 80).join(""),
    village: refs.village(candidate.villageId),
    category: refs.category(candidate.categoryCode),
    status: candidate.status,
    createdAt: candidate.createdAt,
    closedAt: candidate.closedAt,
    /** The similarity as a whole percentage (0–100). */
    score: scorePercent(score),
    mayMerge,
  };
}
export type DuplicateSuggestion = ReturnType<typeof toDuplicateSuggestion>;

/** `GET /api/staff/concerns/{no}/duplicates`. */
export interface DuplicateSuggestions {
  ledgerNo: string;
  /** May the user merge the opened concern at all (role and state)? */
  mayMerge: boolean;
  items: DuplicateSuggestion[];
}
