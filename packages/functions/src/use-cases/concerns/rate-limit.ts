import { DomainError } from "@lianxin/core";
import type { RateLimitRule } from "@lianxin/store";
import type { Deps } from "../../deps.js";

/** Counts one hit against `rule` for `subject`, or refuses with 429 and Retry-After. */
export async function enforceRateLimit(
  deps: Deps,
  rule: RateLimitRule,
  subject: string,
  now: Date,
): Promise<void> {
  const state = await deps.store.consumeRateLimit(rule, subject, now);
  if (!state.allowed) {
    throw new DomainError("rate_limited", { retryAfterSeconds: state.retryAfterSeconds });
  }
}
