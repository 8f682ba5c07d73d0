// What a call to the API can come back with, and how a failure is shown to a resident.
// Pure (no fetch here), so the mapping is tested on its own.
import { type Locale, t } from "../i18n/messages";
import type { ApiErrorBody } from "./api-types";
import { rateLimitMessage } from "./format";

export type ApiFailure =
  | {
      ok: false;
      kind: "http";
      status: number;
      error: ApiErrorBody | null;
      retryAfter: number | null;
    }
  | { ok: false; kind: "network"; reason: string };

export type ApiResult<T> = { ok: true; status: number; data: T } | ApiFailure;

/** Read an error body defensively: anything not shaped like the contract becomes null. */
export function readErrorBody(json: unknown): ApiErrorBody | null {
  if (!json || typeof json !== "object") return null;
  const e = (json as { error?: unknown }).error;
  if (!e || typeof e !== "object") return null;
  const { code, message, fields } = e as Record<string, unknown>;
  if (typeof code !== "string") return null;
  const out: ApiErrorBody = { code, message: typeof message === "string" ? message : "" };
  if (fields && typeof fields === "object") {
    const f: Record<string, string> = {};
    for (const [k, v] of Object.entries(fields as Record<string, unknown>)) {
      if (typeof v === "string") f[k] = v;
      else if (Array.isArray(v) && typeof v[0] === "string") f[k] = v[0];
    }
    out.fields = f;
  }
  return out;
}

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

/** "body.villageId" or "villageId" → "villageId" when it is one of `fields`. */
function fieldName<F extends string>(key: string, fields: readonly F[]): F | null {
  const last =
    key
      .split(/[.[\]/]/)
      .filter(Boolean)
      .pop() ?? key;
  return (fields as readonly string[]).includes(last) ? (last as F) : null;
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
  const fieldErrors: Partial<Record<F, string>> = {};
  const loose: string[] = [];
  for (const [key, msg] of Object.entries(error?.fields ?? {})) {
    const f = fieldName(key, fields);
    if (f && fieldErrors[f] === undefined) fieldErrors[f] = msg;
    else loose.push(msg);
  }
  const tied = Object.keys(fieldErrors).length > 0;
  let message: string | null = loose.length ? loose.join("；") : null;
  if (!tied && !message) message = error?.message || t(locale, "err.badRequest");
  // The request was refused before it was processed: a corrected form is a new submission.
  return { fieldErrors, message, kind: "invalid", freshKey: true };
}
