// The 回访 (call-back) list and the 电话回访评价 form: the reasons in words, whether a concern
// is on the list, and the posted rating read and checked as the API checks it. Pure.
import { type CallBackItem, RATINGS, type Rating } from "@lianxin/contract";
import type { MessageKey, Vars } from "../i18n/messages";

type Reason = CallBackItem["reason"];

const REASON_KEYS: { readonly [R in Reason]: MessageKey } = {
  landline: "callBack.reason.landline",
  sms_off: "callBack.reason.sms_off",
  sms_undelivered: "callBack.reason.sms_undelivered",
};

/** The reason's words, or null for one a newer API adds (the page shows it as it came). */
export function reasonKey(reason: string): MessageKey | null {
  return Object.hasOwn(REASON_KEYS, reason) ? REASON_KEYS[reason as Reason] : null;
}

/** Oldest answer first (the API's order already; kept here so the page never depends on it). */
export function oldestAnswerFirst(items: readonly CallBackItem[]): CallBackItem[] {
  return [...items].sort((a, b) => a.answeredAt.localeCompare(b.answeredAt));
}

/** The resident's words, as the API takes them (trimmed, 1 to 500 characters). */
export const PHONE_COMMENT_MAX = 500;

export type PhoneRatingField = "rating" | "comment";
export const PHONE_RATING_FIELDS: readonly PhoneRatingField[] = ["rating", "comment"];

export interface PhoneRatingValues {
  rating: string;
  comment: string;
}

export interface FieldProblem {
  key: MessageKey;
  vars?: Vars;
}

export type PhoneRatingInput =
  | {
      ok: true;
      values: PhoneRatingValues;
      body: { rating: Rating; comment: string; expectedVersion: number };
    }
  | {
      ok: false;
      values: PhoneRatingValues;
      /** The concern's version was missing or broken: the form was not the page's. */
      badVersion: boolean;
      problems: Partial<Record<PhoneRatingField, FieldProblem>>;
    };

type FormLike = { get(name: string): FormDataEntryValue | null };

const str = (form: FormLike, name: string, max: number) => {
  const v = form.get(name);
  return typeof v === "string" ? v.slice(0, max) : "";
};

const isRating = (v: string): v is Rating => (RATINGS as readonly string[]).includes(v);

/** Read the posted form, kept as typed so a refused form shows it unchanged. */
export function readPhoneRatingForm(form: FormLike): PhoneRatingInput {
  const values = { rating: str(form, "rating", 40), comment: str(form, "comment", 2000) };
  const version = Number(str(form, "expectedVersion", 20) || Number.NaN);
  const problems: Partial<Record<PhoneRatingField, FieldProblem>> = {};
  if (!isRating(values.rating)) problems.rating = { key: "val.choose" };
  const comment = values.comment.trim();
  if (!comment) problems.comment = { key: "val.required" };
  else if (comment.length > PHONE_COMMENT_MAX)
    problems.comment = { key: "val.tooLong", vars: { max: PHONE_COMMENT_MAX, n: comment.length } };
  const badVersion = !Number.isInteger(version) || version < 0;
  if (badVersion || problems.rating || problems.comment || !isRating(values.rating)) {
    return { ok: false, values, badVersion, problems };
  }
  return { ok: true, values, body: { rating: values.rating, comment, expectedVersion: version } };
}
