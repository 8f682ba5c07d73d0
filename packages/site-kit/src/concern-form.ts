// The residents' concern fields, read and checked the same way by the public site's submission
// form and the staff site's registration form: the posted form → values → problems (as kinds,
// which each site words from its own dictionary) and the body of `POST /api/concerns` (core's
// `ConcernSubmission`, which the API checks again). Pure: the public form island imports it.

import { CONCERN_FIELD_LIMITS, type ConcernBody } from "@lianxin/contract";
import { isPlausiblePhone } from "@lianxin/core/phone";

/** The API's phone rule (core's), for the sites' live checks and the code reissue form. */
export { isPlausiblePhone };

/** Core's `ConcernSubmission` limits (the contract's field limits), on trimmed text. */
export const CONCERN_LIMITS = {
  title: CONCERN_FIELD_LIMITS.title,
  descriptionMin: CONCERN_FIELD_LIMITS.descriptionMin,
  descriptionMax: CONCERN_FIELD_LIMITS.description,
  address: CONCERN_FIELD_LIMITS.address,
  contactName: CONCERN_FIELD_LIMITS.contactName,
} as const;

export const CONCERN_FIELDS = [
  "villageId",
  "groupId",
  "categoryCode",
  "title",
  "description",
  "address",
  "contactName",
  "contactPhone",
  "anonymous",
] as const;
export type ConcernField = (typeof CONCERN_FIELDS)[number];

export interface ConcernValues {
  villageId: string;
  groupId: string;
  categoryCode: string;
  title: string;
  description: string;
  address: string;
  contactName: string;
  contactPhone: string;
  anonymous: boolean;
}

export const EMPTY_CONCERN_VALUES: ConcernValues = {
  villageId: "",
  groupId: "",
  categoryCode: "",
  title: "",
  description: "",
  address: "",
  contactName: "",
  contactPhone: "",
  anonymous: false,
};

/** A posted form (`FormData`, `URLSearchParams`). */
export type FormLike = { get(name: string): unknown };

/** A field's text, "" when absent or a file. */
export function formText(form: FormLike, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
}

/** A checkbox: ticked when posted as "on" (the browser's value), "true" or "1". */
export function formFlag(form: FormLike, name: string): boolean {
  const v = formText(form, name);
  return v === "on" || v === "true" || v === "1";
}

/** Read the posted fields. Text is kept as typed (so a re-rendered form shows it unchanged). */
export function readConcernValues(form: FormLike): ConcernValues {
  return {
    villageId: formText(form, "villageId").trim(),
    groupId: formText(form, "groupId").trim(),
    categoryCode: formText(form, "categoryCode").trim(),
    title: formText(form, "title"),
    description: formText(form, "description"),
    address: formText(form, "address"),
    contactName: formText(form, "contactName"),
    contactPhone: formText(form, "contactPhone"),
    anonymous: formFlag(form, "anonymous"),
  };
}

/** Length as the API counts it (UTF-16 code units, like zod), after trimming. */
export function textLength(value: string): number {
  return value.trim().length;
}

type TooLong = { kind: "tooLong"; vars: { max: number; n: number } };

/** The problems each field can have. */
export interface ConcernProblems {
  villageId: { kind: "required" } | { kind: "unknown" };
  groupId: { kind: "mismatch" };
  categoryCode: { kind: "required" } | { kind: "unknown" };
  title: TooLong;
  description:
    | { kind: "required" }
    | { kind: "tooShort"; vars: { min: number; n: number } }
    | TooLong;
  address: TooLong;
  contactName: TooLong;
  contactPhone: { kind: "invalid" };
  anonymous: never;
}
export type ConcernProblemsFound = { [F in ConcernField]?: ConcernProblems[F] };

/** What the checks need of a site's directory: the ids. */
export interface DirectoryIds {
  villages: readonly { id: string; groups: readonly { id: string }[] }[];
  categories: readonly { code: string }[];
}

function tooLong(value: string, max: number): TooLong | undefined {
  const n = textLength(value);
  return n > max ? { kind: "tooLong", vars: { max, n } } : undefined;
}

/**
 * Every field's problem. Ids are checked against `directory` when there is one; a phone
 * number (unless anonymous or empty) with core's rule, the one the API applies.
 */
export function checkConcernValues(
  v: ConcernValues,
  directory: DirectoryIds | null | undefined,
): ConcernProblemsFound {
  const p: ConcernProblemsFound = {};
  const village = v.villageId ? directory?.villages.find((x) => x.id === v.villageId) : undefined;
  if (!v.villageId) p.villageId = { kind: "required" };
  else if (directory && !village) p.villageId = { kind: "unknown" };
  if (v.groupId && village && !village.groups.some((g) => g.id === v.groupId))
    p.groupId = { kind: "mismatch" };
  if (!v.categoryCode) p.categoryCode = { kind: "required" };
  else if (directory && !directory.categories.some((c) => c.code === v.categoryCode))
    p.categoryCode = { kind: "unknown" };
  const title = tooLong(v.title, CONCERN_LIMITS.title);
  if (title) p.title = title;
  const n = textLength(v.description);
  const description: ConcernProblems["description"] | undefined =
    n === 0
      ? { kind: "required" }
      : n < CONCERN_LIMITS.descriptionMin
        ? { kind: "tooShort", vars: { min: CONCERN_LIMITS.descriptionMin, n } }
        : tooLong(v.description, CONCERN_LIMITS.descriptionMax);
  if (description) p.description = description;
  const address = tooLong(v.address, CONCERN_LIMITS.address);
  if (address) p.address = address;
  if (!v.anonymous) {
    const contactName = tooLong(v.contactName, CONCERN_LIMITS.contactName);
    if (contactName) p.contactName = contactName;
    if (v.contactPhone.trim() && !isPlausiblePhone(v.contactPhone)) {
      p.contactPhone = { kind: "invalid" };
    }
  }
  return p;
}

/** A site's dictionary key for each problem of each field. */
export type ConcernProblemWords<K> = {
  [F in ConcernField]: { [P in ConcernProblems[F]["kind"]]: K };
};

export interface WordedProblem<K> {
  key: K;
  vars?: { readonly [name: string]: number };
}

/** One field's problem as the site's key (with the numbers its message shows). */
export function wordProblem<K>(
  words: ConcernProblemWords<K>,
  field: ConcernField,
  problem: ConcernProblems[ConcernField] | undefined,
): WordedProblem<K> | undefined {
  if (!problem) return undefined;
  const key = (words[field] as Record<string, K>)[problem.kind] as K;
  return "vars" in problem ? { key, vars: problem.vars } : { key };
}

/** Every field's problem as the site's keys. */
export function wordProblems<K>(
  words: ConcernProblemWords<K>,
  problems: ConcernProblemsFound,
): Partial<Record<ConcernField, WordedProblem<K>>> {
  const out: Partial<Record<ConcernField, WordedProblem<K>>> = {};
  for (const field of CONCERN_FIELDS) {
    const p = wordProblem(words, field, problems[field]);
    if (p) out[field] = p;
  }
  return out;
}

/** The API body's concern fields. */
export type { ConcernBody };

/** The API body: trimmed text, empty optional fields left out, no contact details if anonymous. */
export function toConcernBody(v: ConcernValues): ConcernBody {
  const body: ConcernBody = {
    villageId: v.villageId,
    categoryCode: v.categoryCode,
    description: v.description.trim(),
    anonymous: v.anonymous,
  };
  const opt = (value: string) => value.trim() || undefined;
  const groupId = opt(v.groupId);
  if (groupId) body.groupId = groupId;
  const title = opt(v.title);
  if (title) body.title = title;
  const address = opt(v.address);
  if (address) body.address = address;
  if (!v.anonymous) {
    const contactName = opt(v.contactName);
    if (contactName) body.contactName = contactName;
    const contactPhone = opt(v.contactPhone);
    if (contactPhone) body.contactPhone = contactPhone;
  }
  return body;
}

/** Idempotency keys the API accepts: 8–128 of [A-Za-z0-9_-]. */
export function isIdempotencyKey(value: string): boolean {
  return /^[A-Za-z0-9_-]{8,128}$/.test(value);
}
