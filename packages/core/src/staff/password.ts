import { scryptSync, timingSafeEqual } from "node:crypto";

/**
 * scrypt (node:crypto) with a per-password salt. Parameters are stored with the hash so
 * they can be raised later without breaking existing accounts.
 */
const N = 16384;
const r = 8;
const p = 1;
const KEY_LENGTH = 32;

export function hashPassword(password: string, salt: Uint8Array): string {
  const key = scryptSync(password.normalize("NFKC"), salt, KEY_LENGTH, { N, r, p });
  return [
    "scrypt",
    N,
    r,
    p,
    Buffer.from(salt).toString("base64url"),
    key.toString("base64url"),
  ].join("$");
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, rr, pp, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !key) return false;
  const expected = Buffer.from(key, "base64url");
  const actual = scryptSync(
    password.normalize("NFKC"),
    Buffer.from(salt, "base64url"),
    expected.length,
    {
      N: Number(n),
      r: Number(rr),
      p: Number(pp),
    },
  );
  return timingSafeEqual(actual, expected);
}
