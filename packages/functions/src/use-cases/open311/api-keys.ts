import { DomainError, hashOpen311ApiKey, isOpen311ApiKeyFormat } from "@lianxin/core";
import type { Deps } from "../../deps.js";

/**
 * Checks an Open311 `api_key` against the keys admin issued (staff site, "Open311 接口密钥"):
 * one consistent GetItem keyed by the key's SHA-256, so no secret is ever compared as a
 * string and the time taken does not depend on how much of a guess was right. Returns the
 * key's id (not secret: for the rate limit and the idempotency key). A missing, malformed,
 * unknown or revoked key is `forbidden` (403 in Open311's error list); a malformed one is
 * refused before any read.
 */
export async function checkOpen311ApiKey(deps: Deps, apiKey: string | undefined): Promise<string> {
  if (!apiKey || !isOpen311ApiKeyFormat(apiKey)) throw new DomainError("forbidden");
  const record = await deps.store.getOpen311KeyByHash(hashOpen311ApiKey(apiKey));
  if (!record || record.revokedAt) throw new DomainError("forbidden");
  return record.id;
}
