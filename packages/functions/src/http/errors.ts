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

export function errorResponse(c: Context, error: unknown): HttpResponse {
  const locale = localeFrom(c.req.header("accept-language"));
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
  const body: ErrorBody = {
    error: { code: error.code, message: ERROR_MESSAGES[error.code][locale], ...error.details },
  };
  const fields = fieldsOf(error, locale);
  if (fields) body.error.fields = fields;
  if (error.retryAfterSeconds !== undefined)
    c.header("Retry-After", String(error.retryAfterSeconds));
  return c.json(body, STATUS[error.code]);
}
