import { createHmac, timingSafeEqual } from "node:crypto";
import type { SmsMessage } from "./resident-messages.js";
import { mobileE164 } from "./resident-phone.js";

/**
 * One-time codes (验证码) sent by SMS: to recover a lost access code, and to sign in to
 * "我的诉求". Six digits, valid 5 minutes; 5 wrong tries void the code. Limits: 5 codes per
 * phone per day (with every other SMS to that phone counted against MESSAGES_PER_PHONE_PER_DAY),
 * 20 requests per client address per hour, sized for many residents behind one carrier address.
 */
export const ONE_TIME_CODE = {
  digits: 6,
  validMs: 5 * 60_000,
  maxTries: 5,
  perPhonePerDay: 5,
  perAddressPerHour: 20,
} as const;

/** What a one-time code is for: recovery is bound to one concern, sign-in to the phone. */
export type OneTimeCodePurpose = "recover" | "sign_in";

/** Six digits from random bytes (injected), each digit from 4 bytes so the bias is negligible. */
export function oneTimeCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < 4) throw new RangeError("need 4 random bytes");
  const n = Buffer.from(bytes.subarray(0, 4)).readUInt32BE(0) % 10 ** ONE_TIME_CODE.digits;
  return String(n).padStart(ONE_TIME_CODE.digits, "0");
}

/** Digits only, full-width ones too: what a resident typed, or null if it cannot be a code. */
export function normalizeOneTimeCode(input: string): string | null {
  const digits = input.normalize("NFKC").replace(/\s/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}

/** Only a keyed hash is stored, bound to what the code is for (a code for one use fails another). */
export function hashOneTimeCode(code: string, boundTo: string, key: string): string {
  return createHmac("sha256", key).update(`otp:${boundTo}:${code}`).digest("base64url");
}

export function oneTimeCodeMatches(
  code: string,
  boundTo: string,
  storedHash: string,
  key: string,
): boolean {
  const given = Buffer.from(hashOneTimeCode(code, boundTo, key));
  const stored = Buffer.from(storedHash);
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** The SMS carrying a one-time code: sent at any hour, no link, the code blanked once sent. */
export function oneTimeCodeMessage(args: {
  mobile: string;
  code: string;
  /** The concern it recovers the code of; null to sign in to "我的诉求". */
  ledgerNo: string | null;
  now: Date;
  newId: () => string;
}): SmsMessage {
  const at = args.now.toISOString();
  return {
    id: args.newId(),
    kind: "one_time_code",
    to: mobileE164(args.mobile),
    audience: "resident",
    ledgerNo: args.ledgerNo,
    params: { code: args.code },
    link: null,
    createdAt: at,
    sendAfter: at,
  };
}
