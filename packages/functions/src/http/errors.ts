import { DomainError, type DomainErrorCode, type Locale } from "@lianxin/core";
import { ValidationError } from "../use-cases/parse.js";
import type { Context, HttpResponse } from "./exchange.js";
import { localeFrom } from "./locale.js";
import { ERROR_MESSAGES, fieldProblemMessage, issueMessage } from "./messages.js";

/** The one place where domain errors become HTTP answers. */
const STATUS: Record<DomainErrorCode, number> = {
  invalid_json: 400,
  validation_failed: 400,
  missing_idempotency_key: 400,
  unknown_reference: 400,
  not_found: 404,
  idempotency_conflict: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  conflict: 409,
  invalid_transition: 409,
  unauthorized: 401,
  invalid_credentials: 401,
  forbidden: 403,
  password_change_required: 403,
  account_locked: 423,
  review_required: 422,
  unavailable: 503,
};

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    fields?: Record<string, string>;
    [extra: string]: unknown;
  };
}

/** A failure's field problems in words (zod issues or domain field problems). */
export function fieldsOf(error: DomainError, locale: Locale): Record<string, string> | undefined {
  if (error instanceof ValidationError) {
    const fields: Record<string, string> = {};
    for (const issue of error.issues) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) fields[key] ??= issueMessage(issue, locale);
        continue;
      }
      const path = issue.path.join(".") || "body";
      fields[path] ??= issueMessage(issue, locale);
    }
    return fields;
  }
  if (!error.fields) return undefined;
  return Object.fromEntries(
    Object.entries(error.fields).map(([k, p]) => [k, fieldProblemMessage(p, locale)]),
  );
}

/** How long a client should wait before trying again after a 503 of ours. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ECONNABORTED",
]);
const UNAVAILABLE_NAMES = new Set([
  "TimeoutError",
  "AbortError",
  // A call cut off, or not started, at its budget or the request's deadline (store deadline.ts).
  "DeadlineExceeded",
  // A change other transactions kept cancelling (store concerns.ts): try again shortly.
  "ContentionExhausted",
  "RequestTimeout",
  "RequestTimeoutException",
  "ServiceUnavailable",
  "ServiceUnavailableException",
  "ThrottlingException",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "InternalServerError",
  "InternalFailure",
]);

/**
 * A fault of another system (DynamoDB, S3, SSM) that is down, slow or throttling: not the
 * client's doing and not a bug of ours, so 503 with Retry-After, never 500. The SDK's errors
 * carry a name and `$metadata.httpStatusCode`; Node's network errors a `code`, sometimes on
 * a `cause`.
 */
export function isUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 3) return false;
  const e = error as {
    name?: unknown;
    code?: unknown;
    cause?: unknown;
    $metadata?: { httpStatusCode?: unknown };
  };
  if (typeof e.code === "string" && NETWORK_CODES.has(e.code)) return true;
  if (typeof e.name === "string" && UNAVAILABLE_NAMES.has(e.name)) return true;
  const status = e.$metadata?.httpStatusCode;
  if (typeof status === "number" && status >= 500) return true;
  return isUnavailable(e.cause, depth + 1);
}

export function errorResponse(c: Context, error: unknown): HttpResponse {
  const locale = localeFrom(c.req.header("accept-language"));
  // No failure may be cached (a route may have said `public` before it failed).
  c.header("Cache-Control", "no-store");
  if (!(error instanceof DomainError) && isUnavailable(error)) {
    console.warn(
      JSON.stringify({ level: "warn", msg: "dependency unavailable", error: String(error) }),
    );
    c.header("Retry-After", String(UNAVAILABLE_RETRY_AFTER_SECONDS));
    return c.json(
      { error: { code: "unavailable", message: ERROR_MESSAGES.unavailable[locale] } },
      503,
    );
  }
  if (!(error instanceof DomainError)) {
    console.error(
      JSON.stringify({
        level: "error",
        msg: "unhandled",
        error: String(error),
        stack: (error as Error)?.stack,
      }),
    );
    return c.json({ error: { code: "internal", message: ERROR_MESSAGES.internal[locale] } }, 500);
  }
  const { status, error: worded } = domainErrorOf(error, locale);
  const body: ErrorBody = { error: worded };
  if (error.retryAfterSeconds !== undefined)
    c.header("Retry-After", String(error.retryAfterSeconds));
  else if (error.code === "unavailable")
    c.header("Retry-After", String(UNAVAILABLE_RETRY_AFTER_SECONDS));
  return c.json(body, status);
}

/** A domain error as its HTTP status and the `error` of its body, in the caller's language. */
export function domainErrorOf(
  error: DomainError,
  locale: Locale,
): { status: number; error: ErrorBody["error"] } {
  const worded: ErrorBody["error"] = {
    code: error.code,
    message: ERROR_MESSAGES[error.code][locale],
    ...error.details,
  };
  const fields = fieldsOf(error, locale);
  if (fields) worded.fields = fields;
  return { status: STATUS[error.code], error: worded };
}
