// How a failed call is shown to a resident: messages tied to the form's fields, or one for
// the top of the form. Pure (no fetch here), so the mapping is tested on its own.
import { type ApiFailure, splitFieldErrors } from "@lianxin/site-kit/api-result";
import { type Locale, t } from "../i18n/messages";
import { rateLimitMessage } from "./format";

export interface FailureView<F extends string> {
  /** Messages tied to form fields (from the API's `error.fields`). */
  fieldErrors: Partial<Record<F, string>>;
  /** A message for the top of the form, if any. */
  message: string | null;
  /** What happened, for the page's own decisions. */
  kind: "invalid" | "rate_limited" | "not_found" | "conflict" | "unavailable";
  /** Whether the form should carry a fresh idempotency key (the old one is spent or unusable). */
  freshKey: boolean;
}

export function describeFailure<F extends string>(
  failure: ApiFailure,
  locale: Locale,
  fields: readonly F[],
): FailureView<F> {
  if (failure.kind === "network" || failure.status >= 500) {
    return {
      fieldErrors: {},
      message: t(locale, "common.retryFailed"),
      kind: "unavailable",
      freshKey: false,
    };
  }
  const { status, error } = failure;
  if (status === 429) {
    return {
      fieldErrors: {},
      message: rateLimitMessage(failure.retryAfter, locale),
      kind: "rate_limited",
      freshKey: false,
    };
  }
  if (status === 404) {
    return { fieldErrors: {}, message: null, kind: "not_found", freshKey: false };
  }
  if (status === 422 && error?.code === "idempotency_conflict") {
    return {
      fieldErrors: {},
      message: t(locale, "err.idempotencyConflict"),
      kind: "conflict",
      freshKey: true,
    };
  }
  const { fieldErrors, loose } = splitFieldErrors(error, fields);
  const tied = Object.keys(fieldErrors).length > 0;
  let message: string | null = loose.length ? loose.join("；") : null;
  if (!tied && !message) message = error?.message || t(locale, "err.badRequest");
  // The request was refused before it was processed: a corrected form is a new submission.
  return { fieldErrors, message, kind: "invalid", freshKey: true };
}

/** The page's status for a failed call (the API's own, 503 for trouble) and any Retry-After. */
export function failureStatus(failure: ApiFailure): { status: number; retryAfter: number | null } {
  if (failure.kind === "network" || failure.status >= 500) return { status: 503, retryAfter: null };
  return {
    status: failure.status,
    retryAfter: failure.status === 429 ? failure.retryAfter : null,
  };
}
