// The concern page's server work: run one posted action (or the access-code reissue) and load
// the fresh view with the choices its forms need. Server-only; the page renders the result.

import {
  type ActionType,
  type ApiErrorBody,
  type Rating,
  type ReviewDecisions,
  type ReviewRequiredError,
  ROLES,
  type Role,
  type StaffConcernView,
} from "@lianxin/contract";
import { type CapabilityUser, may } from "@lianxin/core/access";
import type { Api } from "@lianxin/site-kit/api.server";
import { type ApiFailure, splitFieldErrors } from "@lianxin/site-kit/api-result";
import { isPlausiblePhone } from "@lianxin/site-kit/concern-form";
import { type Locale, type MessageKey, t } from "../i18n/messages";
import {
  ACTIONS,
  type ActionValues,
  actionBody,
  isActionType,
  isReviewed,
  REVIEW_PREFIX,
  readActionValues,
  shanghaiToday,
  validateAction,
} from "./actions";
import {
  PHONE_RATING_FIELDS,
  type PhoneRatingField,
  type PhoneRatingValues,
  readPhoneRatingForm,
} from "./call-backs";
import { EVIDENCE_FIELD, readEvidenceFiles, takesEvidence } from "./evidence";
import { classifyFailure, type FailureKind } from "./failure";
import { readReviewDecisions } from "./highlights";
import {
  checkPublicText,
  publicDescriptionBody,
  readPublicDescriptionForm,
} from "./public-description";
import { loadDepartments } from "./queue.server";

export interface PostedAction {
  type: ActionType;
  values: ActionValues;
  errors: Record<string, string>;
  message: string | null;
  /** The review decisions posted so far (carried into the re-rendered form). */
  decisions: ReviewDecisions;
  /** After a 422 review_required: the public texts as they would read, and their highlights. */
  review: ReviewRequiredError | null;
  /** The evidence files' upload ids posted with an answer or a note (carried into the form). */
  evidenceFiles: string[];
}

export type ActionOutcome =
  | { kind: "done"; type: ActionType }
  | { kind: "failed"; status: number; posted: PostedAction | null; conflict: boolean }
  | RefusedPost<PostedAction>;

function label(locale: Locale, type: ActionType, field: string): string {
  const spec = ACTIONS[type].fields.find((f) => f.name === field);
  return spec ? t(locale, spec.label) : field;
}

/** Run the action posted from one of the page's forms. */
export async function runAction(
  api: Api,
  locale: Locale,
  ledgerNo: string,
  form: FormData,
  now: Date = new Date(),
): Promise<ActionOutcome> {
  const type = form.get("type");
  if (!isActionType(type)) {
    return { kind: "failed", status: 400, posted: null, conflict: false };
  }
  const values = readActionValues(type, form);
  const version = Number(form.get("expectedVersion"));
  const decisions = isReviewed(type)
    ? readReviewDecisions(form, REVIEW_PREFIX)
    : { mask: [], keep: [] };
  const evidenceFiles = takesEvidence(type) ? readEvidenceFiles(form) : [];
  const posted: PostedAction = {
    type,
    values,
    errors: {},
    message: null,
    decisions,
    review: null,
    evidenceFiles,
  };
  if (!Number.isInteger(version) || version < 0) {
    posted.message = t(locale, "common.badRequest");
    return { kind: "failed", status: 400, posted, conflict: false };
  }
  const checked = validateAction(type, values, { ledgerNo, today: shanghaiToday(now) });
  if (!checked.ok) {
    for (const [field, p] of Object.entries(checked.problems)) {
      posted.errors[field] = t(locale, p.key, { ...p.vars, field: label(locale, type, field) });
    }
    return { kind: "failed", status: 400, posted, conflict: false };
  }
  const res = await api.post("/api/staff/concerns/:ledgerNo/actions", {
    params: { ledgerNo },
    body: actionBody(type, version, checked.fields, decisions, evidenceFiles),
  });
  if (res.ok) return { kind: "done", type };
  const fields = ACTIONS[type].fields.map((f) => f.name);
  if (takesEvidence(type)) fields.push(EVIDENCE_FIELD);
  return refusedPost(res, locale, posted, intoForm(posted, fields, locale));
}

/** A 400 put on a form whose posted state has errors by field and one message. */
function intoForm<F extends string>(
  posted: { errors: Partial<Record<F, string>>; message: string | null },
  fields: readonly F[],
  locale: Locale,
): (error: ApiErrorBody | null) => void {
  return (error) => {
    const worded = wordRefusal(error, fields, locale);
    posted.errors = worded.fieldErrors;
    posted.message = worded.message;
  };
}

/**
 * A 400's words: the errors tied to the form's fields, and the rest (or the API's message, or
 * a generic one when nothing is tied to a field) for the top of the form.
 */
function wordRefusal<F extends string>(
  error: ApiErrorBody | null,
  fields: readonly F[],
  locale: Locale,
): { fieldErrors: Partial<Record<F, string>>; message: string | null } {
  const split = splitFieldErrors(error, fields);
  const tied = Object.keys(split.fieldErrors).length > 0;
  return {
    fieldErrors: split.fieldErrors,
    message:
      split.loose.join("；") || (tied ? null : error?.message || t(locale, "common.badRequest")),
  };
}

/** A refused post, as the page shows it (the form's own outcomes add "done"). */
export type RefusedPost<P> =
  | { kind: "failed"; status: number; posted: P; conflict: boolean }
  | { kind: "session"; failure: ApiFailure }
  | { kind: "gone"; failure: FailureKind };

/**
 * What a refused post of a reviewed form reads as, alike for every such form: a lost session
 * or concern; a conflict; a 422 review_required, which brings the form back as typed with the
 * highlights to mask or keep (公开前审核); a 400, whose field errors `onInvalid` puts on the
 * form; anything else as one message.
 */
function refusedPost<P extends { message: string | null; review: ReviewRequiredError | null }>(
  res: ApiFailure,
  locale: Locale,
  posted: P,
  onInvalid: (error: ApiErrorBody | null) => void,
): RefusedPost<P> {
  const kind = classifyFailure(res);
  if (kind === "signed_out" || kind === "password_change") return { kind: "session", failure: res };
  if (kind === "not_found") return { kind: "gone", failure: kind };
  const status = res.kind === "http" && kind !== "unavailable" ? res.status : 503;
  if (kind === "conflict") return { kind: "failed", status, posted, conflict: true };
  if (res.kind === "http" && res.error?.code === "review_required" && res.error.texts) {
    posted.review = { texts: res.error.texts, highlights: res.error.highlights ?? {} };
    posted.message = res.error.message || t(locale, "review.required");
  } else if (kind === "invalid" && res.kind === "http") {
    onInvalid(res.error);
  } else {
    posted.message = t(
      locale,
      kind === "forbidden"
        ? "common.forbiddenDetail"
        : kind === "rate_limited"
          ? "common.rateLimited"
          : "common.unavailable",
    );
  }
  return { kind: "failed", status, posted, conflict: false };
}

export type CodeOutcome =
  | { kind: "issued"; accessCode: string }
  | { kind: "failed"; status: number; phone: string; error: string }
  | { kind: "session"; failure: ApiFailure };

/** Reissue the access code after checking the resident's phone (the API compares it). */
export async function reissueCode(
  api: Api,
  locale: Locale,
  ledgerNo: string,
  form: FormData,
): Promise<CodeOutcome> {
  const raw = form.get("contactPhone");
  const phone = typeof raw === "string" ? raw.slice(0, 40) : "";
  if (!phone.trim() || !isPlausiblePhone(phone)) {
    return { kind: "failed", status: 400, phone, error: t(locale, "val.phone") };
  }
  const res = await api.post("/api/staff/concerns/:ledgerNo/access-code", {
    params: { ledgerNo },
    body: { contactPhone: phone.trim() },
  });
  if (res.ok && typeof res.data?.accessCode === "string") {
    return { kind: "issued", accessCode: res.data.accessCode };
  }
  if (res.ok) return { kind: "failed", status: 503, phone, error: t(locale, "common.unavailable") };
  const kind = classifyFailure(res);
  if (kind === "signed_out" || kind === "password_change") return { kind: "session", failure: res };
  const error =
    kind === "invalid"
      ? t(locale, "code.mismatch")
      : kind === "forbidden"
        ? t(locale, "common.forbiddenDetail")
        : kind === "rate_limited"
          ? t(locale, "common.rateLimited")
          : t(locale, "common.unavailable");
  return { kind: "failed", status: res.kind === "http" ? res.status : 503, phone, error };
}

export interface Choice {
  value: string;
  label: string;
}

/** Options for the dispatch and assign forms (null where the list could not be loaded). */
export async function actionChoices(
  api: Api,
  locale: Locale,
  view: StaffConcernView,
): Promise<Partial<Record<string, Choice[] | null>>> {
  const allowed = view.allowedActions ?? [];
  const out: Partial<Record<string, Choice[] | null>> = {};
  const jobs: Promise<void>[] = [];
  if (allowed.includes("dispatch")) {
    jobs.push(
      loadDepartments(api, locale).then((d) => {
        out.departmentId = d ? d.map((x) => ({ value: x.id, label: x.name })) : null;
      }),
    );
  }
  const dept = view.routing?.department?.id;
  if (allowed.includes("assign") && dept) {
    jobs.push(
      api.get("/api/staff/departments/:id/staff", { params: { id: dept } }).then((r) => {
        out.assigneeId =
          r.ok && Array.isArray(r.data?.items)
            ? r.data.items.map((s) => ({
                value: s.id,
                label: t(locale, "header.user", { name: s.name, role: t(locale, roleKey(s.role)) }),
              }))
            : null;
      }),
    );
  }
  await Promise.all(jobs);
  return out;
}

function roleKey(role: string): MessageKey {
  return (ROLES as readonly string[]).includes(role)
    ? (`role.${role as Role}` as const)
    : "role.cadre";
}

export interface PostedPublicDescription {
  text: string;
  /** The text's error, from the site's check or the API's 400. */
  error: string | null;
  message: string | null;
  /** The review decisions posted so far (carried into the re-rendered form). */
  decisions: ReviewDecisions;
  /** After a 422 review_required: the text as it would be public, and its highlights. */
  review: ReviewRequiredError | null;
}

export type PublicDescriptionOutcome = { kind: "done" } | RefusedPost<PostedPublicDescription>;

/**
 * 公开诉求内容: post the text admin left in the panel, with the decisions made so far; a 422
 * comes back as the panel with its highlights to mask or keep.
 */
export async function publishDescription(
  api: Api,
  locale: Locale,
  ledgerNo: string,
  form: FormData,
): Promise<PublicDescriptionOutcome> {
  const read = readPublicDescriptionForm(form);
  const posted: PostedPublicDescription = {
    text: read.text,
    error: null,
    message: null,
    decisions: read.decisions,
    review: null,
  };
  const field = t(locale, "publicDesc.text");
  if (read.version === null) {
    posted.message = t(locale, "common.badRequest");
    return { kind: "failed", status: 400, posted, conflict: false };
  }
  const problem = checkPublicText(read.text);
  if (problem) {
    posted.error = t(locale, problem.key, { ...problem, field });
    return { kind: "failed", status: 400, posted, conflict: false };
  }
  const res = await api.post("/api/staff/concerns/:ledgerNo/public-description", {
    params: { ledgerNo },
    body: publicDescriptionBody({ ...read, version: read.version }),
  });
  if (res.ok) return { kind: "done" };
  return refusedPost(res, locale, posted, (error) => {
    const worded = wordRefusal(error, ["text"] as const, locale);
    posted.error = worded.fieldErrors.text ?? null;
    posted.message = worded.message;
  });
}

export interface PostedPhoneRating {
  values: PhoneRatingValues;
  errors: Partial<Record<PhoneRatingField, string>>;
  message: string | null;
  /** Never reviewed (the resident's words are not published): for the shared refusal. */
  review: null;
}

export type PhoneRatingOutcome = { kind: "done"; rating: Rating } | RefusedPost<PostedPhoneRating>;

const PHONE_RATING_LABELS: { readonly [F in PhoneRatingField]: MessageKey } = {
  rating: "phoneRating.rating",
  comment: "phoneRating.comment",
};

/** 电话回访评价: the rating a staff member took by phone, with the resident's words. */
export async function recordPhoneRating(
  api: Api,
  locale: Locale,
  ledgerNo: string,
  form: FormData,
): Promise<PhoneRatingOutcome> {
  const read = readPhoneRatingForm(form);
  const posted: PostedPhoneRating = {
    values: read.values,
    errors: {},
    message: null,
    review: null,
  };
  if (!read.ok) {
    if (read.badVersion) posted.message = t(locale, "common.badRequest");
    for (const [f, p] of Object.entries(read.problems)) {
      const field = t(locale, PHONE_RATING_LABELS[f as PhoneRatingField]);
      if (p) posted.errors[f as PhoneRatingField] = t(locale, p.key, { ...p.vars, field });
    }
    return { kind: "failed", status: 400, posted, conflict: false };
  }
  const res = await api.post("/api/staff/concerns/:ledgerNo/phone-rating", {
    params: { ledgerNo },
    body: read.body,
  });
  if (res.ok) return { kind: "done", rating: read.body.rating };
  return refusedPost(res, locale, posted, intoForm(posted, PHONE_RATING_FIELDS, locale));
}

/**
 * Whether the concern is on the 回访 list now (so the page offers 电话回访评价): asked only
 * for an answered concern and a user who may record one; the list's own 403 or trouble hides
 * the form (the API's 409 would explain a stale one).
 */
export async function onCallBackList(
  api: Api,
  user: CapabilityUser | null,
  view: StaffConcernView,
): Promise<boolean> {
  if (view.status !== "answered" || !user || !may(user, "call_back.record")) return false;
  const res = await api.get("/api/staff/call-backs");
  return res.ok && Array.isArray(res.data?.items)
    ? res.data.items.some((i) => i.ledgerNo === view.ledgerNo)
    : false;
}
