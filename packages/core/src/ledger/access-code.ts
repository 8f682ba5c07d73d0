import { createHash } from "node:crypto";
import type { Actor, Concern, ConcernEvent } from "../concern/concern.js";
import { eventFactory } from "../concern/state-machine.js";

/**
 * The resident's access code (查询码): 10 characters of Crockford base32 (50 bits), easy to
 * read aloud and copy from paper. Only its hash is stored.
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const ACCESS_CODE_LENGTH = 10;

/** Makes a code from random bytes (injected, so tests are deterministic). */
export function accessCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < ACCESS_CODE_LENGTH) throw new RangeError("need 10 random bytes");
  let code = "";
  for (let i = 0; i < ACCESS_CODE_LENGTH; i++) {
    code += ALPHABET[(bytes[i] as number) & 31];
  }
  return code;
}

/**
 * Crockford decoding is forgiving: case-insensitive, hyphens and spaces ignored, and the
 * look-alikes O→0, I/L→1. Returns null for anything that cannot be a code.
 */
export function normalizeAccessCode(input: string): string | null {
  const cleaned = input
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (cleaned.length !== ACCESS_CODE_LENGTH) return null;
  for (const ch of cleaned) if (!ALPHABET.includes(ch)) return null;
  return cleaned;
}

/** SHA-256 of the normalised code, bound to its ledger number. */
export function hashAccessCode(ledgerNo: string, code: string): string {
  return createHash("sha256").update(`${ledgerNo}:${code}`).digest("base64url");
}

/**
 * 补发查询码: the concern with a new code's hash, and the event recording it (public, the
 * phone never in it). The old code stops working. Staff reissue it; a resident recovers it
 * with a one-time code sent to the phone on file.
 */
export function withNewAccessCode(
  concern: Concern,
  code: string,
  actor: Actor,
  ctx: { now: Date; newEventId: () => string; via?: "staff" | "sms_code" },
): { concern: Concern; events: ConcernEvent[] } {
  const at = ctx.now.toISOString();
  const event = eventFactory(
    concern,
    at,
    actor,
    ctx.newEventId,
  )("access_code_reissued", {
    public: true,
    ...(ctx.via ? { data: { via: ctx.via } } : {}),
  });
  return {
    concern: {
      ...concern,
      accessCodeHash: hashAccessCode(concern.ledgerNo, code),
      version: event.seq,
      updatedAt: at,
    },
    events: [event],
  };
}
