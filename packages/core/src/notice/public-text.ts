import * as z from "zod/mini";
import type { DirectoryIndex } from "../directory/lookup.js";
import { DomainError } from "../errors.js";
import { freeText } from "../text/hygiene.js";
import {
  type MaskContext,
  maskPersonalData,
  type PersonTagger,
  type ReviewSpan,
} from "../text/personal-data.js";

/**
 * Clearing a text for the public (公开前审核): every public text (a cadre's public reply, a
 * notice, a description made public early) passes the masking engine with what the system
 * knows, and a person decides on each uncertain span before it goes out.
 */

const term = freeText(50);

/** A reviewer's decisions on highlighted spans: mask these terms, keep those. */
export const ReviewDecisions = z.strictObject({
  mask: z._default(z.array(term).check(z.maxLength(50)), []),
  keep: z._default(z.array(term).check(z.maxLength(50)), []),
});
export type ReviewDecisions = z.infer<typeof ReviewDecisions>;
export type ReviewDecisionsInput = z.input<typeof ReviewDecisions>;

const PLACE_SUFFIXES = /(?:村委会|社区|片区|小区|花苑|新村|村|组|区)$/;

/**
 * What the directory says about names: its people (leaders, department heads) are names to
 * mask; its places, departments, partners and categories are words that are not personal,
 * also without their suffix (洛杨路片区 → 洛杨路, 倪巷组 → 倪巷).
 */
export function directoryTerms(index: DirectoryIndex): { people: string[]; places: string[] } {
  // An index is never changed once built: its terms are computed once (Open311 lists up to
  // 1,000 requests, each masked with them).
  const cached = termsOf.get(index);
  if (cached) return cached;
  const terms = termsOfDirectory(index);
  termsOf.set(index, terms);
  return terms;
}

const termsOf = new WeakMap<DirectoryIndex, { people: string[]; places: string[] }>();

function termsOfDirectory(index: DirectoryIndex): { people: string[]; places: string[] } {
  const d = index.directory;
  const people = [...d.leaders.map((l) => l.name), ...d.departments.map((dep) => dep.head.name)];
  const placeNames = [
    ...d.villages.flatMap((v) => [v.name, ...v.groups.map((g) => g.name)]),
    ...d.leaders.flatMap((l) => l.surveyPoints),
    ...d.departments.map((dep) => dep.name),
    ...d.partners.map((p) => p.name),
    ...d.categories.map((c) => c.name),
  ];
  const places = new Set<string>();
  for (const name of placeNames) {
    places.add(name);
    const bare = name.replace(PLACE_SUFFIXES, "");
    if (bare.length >= 2) places.add(bare);
  }
  return { people, places: [...places] };
}

/** How a role, not a person, is named (an account called 党政办管理员, 驻村领导). */
const ROLE_WORDS = /(?:领导|主任|负责人|干部|管理员|书记|镇长|村长|监察员|办公室|演示|管理|值班)/;
const HAN_NAME = /^\p{Script=Han}{2,4}$|^\p{Script=Han}{2,10}(?:[·•]\p{Script=Han}{2,10})+$/u;
const LATIN_NAME = /^[A-Za-z][A-Za-z'.-]*(?: [A-Za-z][A-Za-z'.-]*){1,3}$/;

/**
 * The people among names the system holds beyond the directory (staff accounts, party
 * members), as known names to mask in public text: person-like names only (2 to 4 Han
 * characters, a minority name with its middle dot, or a Latin name of 2 to 4 words), never
 * one that names a role (党政办管理员, 驻村领导) or is (or holds) a place or body of the
 * directory: masking those would hide what the public should read. Deduplicated.
 */
export function knownPeopleOf(names: Iterable<string>, index: DirectoryIndex): string[] {
  const places = directoryTerms(index).places;
  const people = new Set<string>();
  for (const raw of names) {
    const name = raw.trim().replace(/\s+/g, " ");
    const han = name.replace(/\s+/g, "");
    const personLike = HAN_NAME.test(han) || LATIN_NAME.test(name);
    if (!personLike || ROLE_WORDS.test(han)) continue;
    if (places.some((p) => p === han || (p.length >= 3 && han.includes(p)))) continue;
    people.add(HAN_NAME.test(han) ? han : name);
  }
  return [...people];
}

/**
 * The masking context for a public text about a concern (or about nothing in particular):
 * `knownNames` are the concern's own (namesToMask), `knownPeople` everyone else the system
 * knows beyond the directory (staff accounts, party members: functions' knownPeople).
 */
export function publicTextContext(options: {
  index: DirectoryIndex;
  knownNames?: readonly string[];
  knownPeople?: readonly string[];
  decisions?: ReviewDecisions;
  personTagger?: PersonTagger;
}): MaskContext {
  const terms = directoryTerms(options.index);
  return {
    knownNames: [...(options.knownNames ?? []), ...terms.people],
    // The same list object for every text (functions' cache): the engine indexes it once.
    ...(options.knownPeople?.length ? { knownPeople: options.knownPeople } : {}),
    keep: [...terms.places, ...(options.decisions?.keep ?? [])],
    mask: options.decisions?.mask ?? [],
    personTagger: options.personTagger,
  };
}

/** Each field's spans awaiting a decision, by field name. */
export type Highlights<F extends string> = Record<F, ReviewSpan[]>;

/**
 * Masks each field and returns the cleared texts; refuses (`review_required`, with the masked
 * texts and their highlights) while any span is undecided.
 */
export function clearForPublic<F extends string>(
  fields: Record<F, string>,
  context: MaskContext,
): { texts: Record<F, string>; masked: number } {
  const texts = {} as Record<F, string>;
  const highlights = {} as Highlights<F>;
  let masked = 0;
  let undecided = 0;
  for (const field of Object.keys(fields) as F[]) {
    const result = maskPersonalData(fields[field], context);
    texts[field] = result.text;
    highlights[field] = result.review;
    masked += result.masked;
    undecided += result.review.length;
  }
  if (undecided > 0) {
    throw new DomainError("review_required", { details: { texts, highlights } });
  }
  return { texts, masked };
}
