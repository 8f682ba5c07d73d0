// What a call to the API can come back with, read defensively. Pure (no fetch here): the
// sites map failures to their pages' words; this file only says what happened.
import {
  type ApiErrorBody,
  PERSONAL_DATA_KINDS,
  type ReviewRequiredError,
  type ReviewSpan,
} from "@lianxin/contract";

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
  const { code, message, fields, currentState, currentVersion, texts, highlights } = e as Record<
    string,
    unknown
  >;
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
  const review = readReview(texts, highlights);
  if (review) {
    out.texts = review.texts;
    out.highlights = review.highlights;
  }
  return out;
}

/**
 * A `review_required` answer's texts and highlights: a field's highlights are kept only with
 * its text, and only spans that are whole (integer offsets inside that text, a known kind).
 */
function readReview(texts: unknown, highlights: unknown): ReviewRequiredError | null {
  if (!texts || typeof texts !== "object" || !highlights || typeof highlights !== "object") {
    return null;
  }
  const out: ReviewRequiredError = { texts: {}, highlights: {} };
  for (const [field, text] of Object.entries(texts as Record<string, unknown>)) {
    if (typeof text !== "string") continue;
    out.texts[field] = text;
    const spans = (highlights as Record<string, unknown>)[field];
    out.highlights[field] = Array.isArray(spans)
      ? spans.filter((s): s is ReviewSpan => isSpanOf(s, text.length))
      : [];
  }
  return out;
}

function isSpanOf(value: unknown, length: number): boolean {
  if (!value || typeof value !== "object") return false;
  const { start, end, kind, text } = value as Record<string, unknown>;
  return (
    Number.isInteger(start) &&
    Number.isInteger(end) &&
    (start as number) >= 0 &&
    (start as number) < (end as number) &&
    (end as number) <= length &&
    typeof text === "string" &&
    text.length > 0 &&
    (PERSONAL_DATA_KINDS as readonly unknown[]).includes(kind)
  );
}

/** An answer's body as JSON; null when it is empty or not JSON. */
export async function jsonOf(res: Response): Promise<unknown> {
  try {
    const text = await res.text();
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** A refused answer (4xx/5xx) as a failure value: its error body and Retry-After, read defensively. */
export async function failureOf(res: Response): Promise<ApiFailure> {
  const json = await jsonOf(res);
  return {
    ok: false,
    kind: "http",
    status: res.status,
    error: readErrorBody(json),
    retryAfter: parseRetryAfter(res.headers.get("Retry-After")),
  };
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

/**
 * The API's field errors tied to a form's own fields: "body.reason" or "reason" → reason.
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
