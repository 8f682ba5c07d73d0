import { scrypt, scryptSync, timingSafeEqual } from "node:crypto";

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

/** scrypt on libuv's thread pool: a sign-in must not stall every other request for ~50 ms. */
function scryptAsync(
  password: string,
  salt: Uint8Array,
  length: number,
  options: { N: number; r: number; p: number },
): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFKC"), salt, length, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** `hashPassword` off the event loop. */
export async function hashPasswordAsync(password: string, salt: Uint8Array): Promise<string> {
  const key = await scryptAsync(password, salt, KEY_LENGTH, { N, r, p });
  return [
    "scrypt",
    N,
    r,
    p,
    Buffer.from(salt).toString("base64url"),
    key.toString("base64url"),
  ].join("$");
}

/** `verifyPassword` off the event loop. */
export async function verifyPasswordAsync(password: string, stored: string): Promise<boolean> {
  const [scheme, n, rr, pp, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !key) return false;
  const expected = Buffer.from(key, "base64url");
  const actual = await scryptAsync(password, Buffer.from(salt, "base64url"), expected.length, {
    N: Number(n),
    r: Number(rr),
    p: Number(pp),
  });
  return timingSafeEqual(actual, expected);
}
