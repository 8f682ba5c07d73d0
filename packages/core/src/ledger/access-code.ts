import { createHash } from "node:crypto";

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
