// The submission form's values, rules and the body sent to the API. Pure: the page's server
// code and the form island both use it, so the live validation says exactly what the server says.
// Reading, checking and the body are site-kit's (shared with the staff registration form);
// here are this site's words for the problems, its phone check and the extras.

import type { ConcernBody, PublicDirectory } from "@lianxin/contract";
import {
  CONCERN_FIELDS,
  CONCERN_LIMITS,
  type ConcernField,
  type ConcernProblemWords,
  type ConcernValues,
  checkConcernValues,
  EMPTY_CONCERN_VALUES,
  type FormLike,
  formFlag,
  isIdempotencyKey,
  readConcernValues,
  textLength,
  toConcernBody,
  wordProblem,
  wordProblems,
} from "@lianxin/site-kit/concern-form";
import type { MessageKey, Vars } from "../i18n/messages";

export const LIMITS = { ...CONCERN_LIMITS, messageMin: 1, messageMax: 2000 } as const;

export { CONCERN_FIELDS, type ConcernField, isIdempotencyKey, textLength };
/** The residents' fields, and 不接收短信通知 (this site's only: staff ask in person). */
export interface ConcernFormValues extends ConcernValues {
  smsOptOut: boolean;
}
export const EMPTY_CONCERN: ConcernFormValues = { ...EMPTY_CONCERN_VALUES, smsOptOut: false };

/** A validation problem as a dictionary key, translated where it is shown. */
export interface Problem {
  key: MessageKey;
  vars?: Vars;
}
export type Problems<F extends string> = Partial<Record<F, Problem>>;

/** Read the posted form. Text is kept as typed (so a re-rendered form shows it unchanged). */
export function readConcernForm(form: FormLike): ConcernFormValues {
  return { ...readConcernValues(form), smsOptOut: formFlag(form, "smsOptOut") };
}

const WORDS: ConcernProblemWords<MessageKey> = {
  villageId: { required: "val.villageRequired", unknown: "val.villageUnknown" },
  groupId: { mismatch: "val.groupMismatch" },
  categoryCode: { required: "val.categoryRequired", unknown: "val.categoryUnknown" },
  title: { tooLong: "val.titleTooLong" },
  description: {
    required: "val.descriptionRequired",
    tooShort: "val.descriptionTooShort",
    tooLong: "val.descriptionTooLong",
  },
  address: { tooLong: "val.addressTooLong" },
  contactName: { tooLong: "val.contactNameTooLong" },
  contactPhone: { invalid: "val.contactPhoneInvalid" },
  anonymous: {},
};

/** One field's problem (or none). `directory` lets the server check ids; the island has it too. */
export function validateConcernField(
  field: ConcernField,
  v: ConcernFormValues,
  directory?: PublicDirectory | null,
): Problem | undefined {
  return wordProblem(WORDS, field, checkConcernValues(v, directory)[field]);
}

export function validateConcern(
  v: ConcernFormValues,
  directory?: PublicDirectory | null,
): Problems<ConcernField> {
  return wordProblems(WORDS, checkConcernValues(v, directory));
}

export function hasProblems(p: Partial<Record<string, unknown>>): boolean {
  return Object.values(p).some((x) => x !== undefined);
}

/**
 * The API body: trimmed text, empty optional fields left out, no contact details if anonymous;
 * `smsOptOut` only when ticked and a phone goes with the body (otherwise no SMS goes anyway).
 */
export function toSubmission(v: ConcernFormValues): ConcernBody {
  const body = toConcernBody(v);
  if (v.smsOptOut && body.contactPhone) body.smsOptOut = true;
  return body;
}

/** The id of a field's control on the page, for labels, error links and focus. */
export function fieldId(field: string): string {
  return `f-${field}`;
}

/** Text of an "add information" message. */
export function validateMessageText(text: string): Problem | undefined {
  const n = textLength(text);
  if (n < LIMITS.messageMin) return { key: "val.textRequired" };
  if (n > LIMITS.messageMax) return { key: "val.textTooLong", vars: { max: LIMITS.messageMax, n } };
  return undefined;
}
