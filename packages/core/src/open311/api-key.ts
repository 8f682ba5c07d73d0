import { createHash } from "node:crypto";
import * as z from "zod/mini";
import { DomainError } from "../errors.js";
import { freeText } from "../text/hygiene.js";

/**
 * Open311 api_keys (issue 7: "keys issued and revoked by admin in the staff site; stored
 * hashed"). A key is `lx311_` and 32 characters of lower-case Crockford base32 (160 random
 * bits). The secret is shown once, when issued; the store keeps its SHA-256 (hex), which is
 * also the key the store looks it up by, and a short prefix (the first 6 random characters,
 * 30 of the 160 bits) so that admin and the client can tell keys apart. Nothing is deleted:
 * a revoked key keeps its record, with who revoked it, when and why.
 */
export const OPEN311_KEY_MARKER = "lx311_";
export const OPEN311_KEY_RANDOM_LENGTH = 32;
export const OPEN311_KEY_PREFIX_LENGTH = 6;
/** Crockford's base32, lower case: no i, l, o, u. 32 symbols, so `byte & 31` is unbiased. */
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const KEY_FORMAT = /^lx311_[0-9abcdefghjkmnpqrstvwxyz]{32}$/;

const Actor = z.object({ id: z.string(), name: z.string() });

/** The client's name as admin writes it, e.g. "市12345平台". */
export const Open311KeyLabel = freeText(60);

/** The stored record of one key: never the secret. */
export const Open311ApiKeyRecord = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(64)),
  label: Open311KeyLabel,
  /** SHA-256 of the whole key, lower-case hex. */
  hash: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  /** The first 6 random characters (after `lx311_`), not secret. */
  prefix: z.string().check(z.length(OPEN311_KEY_PREFIX_LENGTH)),
  createdAt: z.string(),
  createdBy: Actor,
  revokedAt: z.optional(z.string()),
  revokedBy: z.optional(Actor),
  revokeReason: z.optional(z.string()),
});
export type Open311ApiKeyRecord = z.infer<typeof Open311ApiKeyRecord>;

/** `POST /api/staff/open311-keys`. */
export const Open311KeyIssue = z.strictObject({ label: Open311KeyLabel });
export type Open311KeyIssue = z.infer<typeof Open311KeyIssue>;

/** `POST /api/staff/open311-keys/{id}/revoke`. */
export const Open311KeyRevoke = z.strictObject({
  reason: freeText(500, 2),
});
export type Open311KeyRevoke = z.infer<typeof Open311KeyRevoke>;

/** Makes a key from 32 random bytes (injected, so tests are deterministic). */
export function open311ApiKeyFromBytes(bytes: Uint8Array): string {
  if (bytes.length < OPEN311_KEY_RANDOM_LENGTH) {
    throw new RangeError(`need ${OPEN311_KEY_RANDOM_LENGTH} random bytes`);
  }
  let key = OPEN311_KEY_MARKER;
  for (let i = 0; i < OPEN311_KEY_RANDOM_LENGTH; i++) {
    key += ALPHABET[(bytes[i] as number) & 31];
  }
  return key;
}

/** Whether a string has the shape of a key (checked before any hashing or reading). */
export function isOpen311ApiKeyFormat(value: string): boolean {
  return KEY_FORMAT.test(value);
}

/** SHA-256 of the key, lower-case hex: what the store keeps and looks keys up by. */
export function hashOpen311ApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** The key's non-secret prefix: its first 6 random characters. */
export function open311KeyPrefix(key: string): string {
  return key.slice(
    OPEN311_KEY_MARKER.length,
    OPEN311_KEY_MARKER.length + OPEN311_KEY_PREFIX_LENGTH,
  );
}

/** A new key: its record (to store) and the secret (to show once, never stored). */
export function issueOpen311ApiKey(input: {
  id: string;
  label: string;
  at: string;
  actor: { id: string; name: string };
  randomBytes: Uint8Array;
}): { record: Open311ApiKeyRecord; secret: string } {
  const secret = open311ApiKeyFromBytes(input.randomBytes);
  return {
    secret,
    record: {
      id: input.id,
      label: input.label,
      hash: hashOpen311ApiKey(secret),
      prefix: open311KeyPrefix(secret),
      createdAt: input.at,
      createdBy: input.actor,
    },
  };
}

/** The record once revoked; a key already revoked is a `conflict`. */
export function revokeOpen311ApiKey(
  record: Open311ApiKeyRecord,
  input: { at: string; actor: { id: string; name: string }; reason: string },
): Open311ApiKeyRecord {
  if (record.revokedAt)
    throw new DomainError("conflict", { details: { revokedAt: record.revokedAt } });
  return { ...record, revokedAt: input.at, revokedBy: input.actor, revokeReason: input.reason };
}

/** What admin sees of a key: never the hash (nor, of course, the secret). */
export interface Open311KeyView {
  id: string;
  label: string;
  prefix: string;
  createdAt: string;
  createdBy: { id: string; name: string };
  revokedAt: string | null;
  revokedBy: { id: string; name: string } | null;
  revokeReason: string | null;
}

export function toOpen311KeyView(record: Open311ApiKeyRecord): Open311KeyView {
  return {
    id: record.id,
    label: record.label,
    prefix: record.prefix,
    createdAt: record.createdAt,
    createdBy: record.createdBy,
    revokedAt: record.revokedAt ?? null,
    revokedBy: record.revokedBy ?? null,
    revokeReason: record.revokeReason ?? null,
  };
}

/** What the audit trail keeps of a key: the view (no hash). */
export function auditedOpen311Key(record: Open311ApiKeyRecord | null) {
  return record ? toOpen311KeyView(record) : null;
}
