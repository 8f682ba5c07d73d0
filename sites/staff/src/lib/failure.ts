// What a failed API call means for the staff page that made it. Pure: site-kit's client says
// what happened (ApiFailure); this file maps it to the page's words and status.
import type { ApiFailure } from "@lianxin/site-kit/api-result";

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
