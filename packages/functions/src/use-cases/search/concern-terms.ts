import {
  type Concern,
  concernTerms,
  type DirectoryIndex,
  type MaskContext,
  maskPersonalData,
  namesToMask,
  type PersonTagger,
  publicTextContext,
  termKey,
} from "@lianxin/core";
import type { Deps } from "../../deps.js";
import { currentDirectory } from "../directory/current-directory.js";
import { knownPeople } from "../directory/known-people.js";

/** What masking a concern's text needs beyond the concern: loaded once per indexer pass. */
export interface MaskingSources {
  index: DirectoryIndex;
  /** Every staff account's and party member's name (known-people.ts), the same list object. */
  people: readonly string[];
  personTagger: PersonTagger;
}

export async function maskingSources(deps: Deps): Promise<MaskingSources> {
  const [index, people] = await Promise.all([currentDirectory(deps), knownPeople(deps)]);
  return { index, people, personTagger: deps.personTagger };
}

/**
 * The text as public text is masked (notices, a published description: `publicTextContext`
 * with the concern's own names and everyone known), and then the spans left for a reviewer's
 * decision blanked as well: no reviewer looks at an index, so what might be a name is not
 * indexed. Blanks break bigram runs as the mask's `*` does.
 */
function maskedForIndex(text: string, context: MaskContext): string {
  const masked = maskPersonalData(text, context);
  let out = masked.text;
  // From the last span back, so earlier offsets stay right.
  for (const span of [...masked.review].sort((a, b) => b.start - a.start)) {
    out = `${out.slice(0, span.start)} ${out.slice(span.end)}`;
  }
  return out;
}

/** A concern's search terms, of its masked title and description (core `concernTerms`). */
export function termsOfConcern(concern: Concern, sources: MaskingSources): string[] {
  // Staff names of its events are among `people` (every account): the concern alone suffices.
  const context = publicTextContext({
    index: sources.index,
    knownNames: namesToMask(concern, []),
    knownPeople: sources.people,
    personTagger: sources.personTagger,
  });
  return concernTerms({
    title: concern.title ? maskedForIndex(concern.title, context) : null,
    description: maskedForIndex(concern.description, context),
  });
}

/** Terms as stored: each one's keyed hash under the resident key (`termKey` labels its input). */
export function termKeysOf(deps: Pick<Deps, "residentKey">, terms: readonly string[]): string[] {
  return [...new Set(terms.map((term) => termKey(term, deps.residentKey)))];
}

/**
 * A concern's terms computed on the spot (masked as the indexer masks them), for a concern
 * the indexer has not reached yet (it runs after commit): duplicate suggestions when it is
 * opened. `keys` are what AP-TI2 (`getConcernTerms`) answers for indexed concerns.
 */
export async function maskedConcernTerms(
  deps: Deps,
  concern: Concern,
): Promise<{ terms: string[]; keys: string[] }> {
  const terms = termsOfConcern(concern, await maskingSources(deps));
  return { terms, keys: termKeysOf(deps, terms) };
}
