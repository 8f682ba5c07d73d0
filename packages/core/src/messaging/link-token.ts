import { createHmac, timingSafeEqual } from "node:crypto";
import { parseLedgerNo } from "../ledger/ledger-number.js";

/**
 * What a link lets its holder do, and nothing else: `track` (an SMS) opens the concern's
 * tracking view, `rate` also its rating form; `photos` (issue 15, an hour) only adds photos
 * to the concern and shows how they fared: it leads back from the file store to the page that
 * confirms a photo sent by a plain form. Links never carry the access code.
 */
export const LINK_PURPOSES = ["track", "rate", "photos"] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

/** A tracking link lasts 30 days; a rating link until the rating deadline. */
export const TRACK_LINK_DAYS = 30;

/** A photos link lasts an hour: long enough to choose and send a few photos. */
export const PHOTOS_LINK_SECONDS = 3600;

const SIGNATURE_CHARS = 16; // 96 bits of HMAC-SHA256, base64url

const signature = (payload: string, key: string) =>
  createHmac("sha256", key).update(`link:${payload}`).digest("base64url").slice(0, SIGNATURE_CHARS);

/**
 * A signed, purpose-bound token for a link: `<purpose>.<ledgerNo>.<expiry>.<signature>`
 * (expiry in epoch seconds, base 36), short enough for an SMS and URL-safe as it is.
 */
export function signLinkToken(
  claim: { purpose: LinkPurpose; ledgerNo: string; expiresAt: Date },
  key: string,
): string {
  const expiry = Math.floor(claim.expiresAt.getTime() / 1000).toString(36);
  const payload = `${claim.purpose}.${claim.ledgerNo}.${expiry}`;
  return `${payload}.${signature(payload, key)}`;
}

export type LinkTokenCheck =
  | { ok: true; ledgerNo: string; purpose: LinkPurpose; expiresAt: Date }
  | { ok: false; reason: "malformed" | "bad_signature" | "expired" | "wrong_purpose" };

/**
 * Checks a token for one of the purposes the caller accepts. A rating link also opens the
 * tracking view (`accept: ["track", "rate"]`); a tracking link never rates.
 */
export function verifyLinkToken(
  token: string,
  accept: readonly LinkPurpose[],
  now: Date,
  key: string,
): LinkTokenCheck {
  const parts = token.split(".");
  if (parts.length !== 4) return { ok: false, reason: "malformed" };
  const [purpose, ledgerNo, expiry, sig] = parts as [string, string, string, string];
  const canonical = ledgerNo === ledgerNo.toUpperCase() && parseLedgerNo(ledgerNo) !== null;
  if (!LINK_PURPOSES.includes(purpose as LinkPurpose) || !canonical) {
    return { ok: false, reason: "malformed" };
  }
  if (!/^[0-9a-z]{1,10}$/.test(expiry) || sig.length !== SIGNATURE_CHARS) {
    return { ok: false, reason: "malformed" };
  }
  const expected = Buffer.from(signature(`${purpose}.${ledgerNo}.${expiry}`, key));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: "bad_signature" };
  }
  const expiresAt = new Date(Number.parseInt(expiry, 36) * 1000);
  if (now >= expiresAt) return { ok: false, reason: "expired" };
  if (!accept.includes(purpose as LinkPurpose)) return { ok: false, reason: "wrong_purpose" };
  return { ok: true, ledgerNo, purpose: purpose as LinkPurpose, expiresAt };
}
