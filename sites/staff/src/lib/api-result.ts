// What a call to the staff API can come back with, read defensively, and how a failure is
// classified for a page. Pure (no fetch here), so the mapping is tested on its own.
import type { ApiErrorBody } from "./api-types";

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
  const { code, message, fields, currentState, currentVersion } = e as Record<string, unknown>;
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
  if (typeof currentState === "string") out.currentState = currentState;
  if (typeof currentVersion === "number") out.currentVersion = currentVersion;
  return out;
}

/** Parse a Retry-After header: delta-seconds or an HTTP date. */
export function parseRetryAfter(
  header: string | null | undefined,
  now = Date.now(),
): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** What a failed call means for the page that made it. */
export type FailureKind =
  | "signed_out" // 401: the session is gone → log in again
  | "password_change" // 403 password_change_required → /password
  | "forbidden" // 403: the role may not → "无权查看"
  | "not_found"
  | "conflict" // 409 conflict | invalid_transition → reload and retry
  | "invalid" // 400 with or without field errors
  | "locked" // 423
  | "rate_limited" // 429
  | "unavailable"; // network, timeout, 5xx

export function classifyFailure(failure: ApiFailure): FailureKind {
  if (failure.kind === "network" || failure.status >= 500) return "unavailable";
  const code = failure.error?.code;
  switch (failure.status) {
    case 401:
      return "signed_out";
    case 403:
      return code === "password_change_required" ? "password_change" : "forbidden";
    case 404:
      return "not_found";
    case 409:
      return "conflict";
    case 423:
      return "locked";
    case 429:
      return "rate_limited";
    default:
      return "invalid";
  }
}

/**
 * The API's field errors tied to the form's own fields: "body.reason" or "reason" → reason.
 * Messages for fields the form does not have come back in `loose`.
 */
export function splitFieldErrors<F extends string>(
  error: ApiErrorBody | null,
  fields: readonly F[],
): { fieldErrors: Partial<Record<F, string>>; loose: string[] } {
  const fieldErrors: Partial<Record<F, string>> = {};
  const loose: string[] = [];
  for (const [key, msg] of Object.entries(error?.fields ?? {})) {
    const last =
      key
        .split(/[.[\]/]/)
        .filter(Boolean)
        .pop() ?? key;
    if ((fields as readonly string[]).includes(last) && fieldErrors[last as F] === undefined) {
      fieldErrors[last as F] = msg;
    } else {
      loose.push(msg);
    }
  }
  return { fieldErrors, loose };
}

/** The HTTP status a page should answer with after a failed call. */
export function pageStatusFor(failure: ApiFailure): number {
  if (failure.kind === "network" || failure.status >= 500) return 503;
  return failure.status;
}
