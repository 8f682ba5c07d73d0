import { createHash, timingSafeEqual } from "node:crypto";
import { DomainError } from "@lianxin/core";
import type { Deps } from "../../deps.js";

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/**
 * Checks an Open311 `api_key` against the configured keys (OPEN311_API_KEYS), comparing
 * hashes in constant time. Returns a short, non-secret id of the key (for the rate limit
 * and the idempotency key); a missing or unknown key is `forbidden` (403 in Open311).
 */
export function checkOpen311ApiKey(deps: Deps, apiKey: string | undefined): string {
  if (!apiKey || apiKey.length > 256) throw new DomainError("forbidden");
  const given = digest(apiKey);
  let match = false;
  for (const key of deps.open311.apiKeys) {
    if (timingSafeEqual(digest(key), given)) match = true;
  }
  if (!match) throw new DomainError("forbidden");
  return given.toString("base64url").slice(0, 16);
}
