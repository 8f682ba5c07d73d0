/**
 * The one error type of the domain. Use cases throw it; the HTTP layer maps `code` to a
 * status and a message in the caller's language, in one place.
 */
export type DomainErrorCode =
  | "invalid_json"
  | "validation_failed"
  | "missing_idempotency_key"
  | "unknown_reference"
  | "not_found"
  | "idempotency_conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "conflict"
  | "invalid_transition"
  | "unauthorized"
  | "invalid_credentials"
  | "forbidden"
  | "password_change_required"
  | "account_locked"
  /** A public text holds spans that may be personal data: a person must mask or keep each. */
  | "review_required"
  | "unavailable";

/** A field's problem, as a code the HTTP layer turns into words (or zod's own message). */
export type FieldProblem =
  | { kind: "unknown_village" }
  | { kind: "unknown_group" }
  | { kind: "unknown_category" }
  | { kind: "invalid"; message: { "zh-CN": string; en: string } };

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly fields: Record<string, FieldProblem> | undefined;
  readonly retryAfterSeconds: number | undefined;
  /** Extra facts for the caller, e.g. `{ currentState, currentVersion }` on a conflict. */
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: DomainErrorCode,
    options: {
      fields?: Record<string, FieldProblem>;
      retryAfterSeconds?: number;
      details?: Record<string, unknown>;
      detail?: string;
    } = {},
  ) {
    super(options.detail ?? code);
    this.name = "DomainError";
    this.code = code;
    this.fields = options.fields;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.details = options.details;
  }
}

export type Locale = "zh-CN" | "en";
