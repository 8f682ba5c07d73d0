import { createHmac } from "node:crypto";
import { normalizePhone } from "../contact/phone.js";
import { maskPhone } from "../notice/mask.js";

const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

/**
 * The 11 digits of a mainland mobile number, however it was written (+86, spaces, hyphens),
 * or null for a landline, an extension or anything else: only a mobile can take an SMS.
 */
export function mainlandMobile(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const normalized = normalizePhone(phone);
  if (!normalized || normalized.includes("转")) return null;
  const national = normalized.replace(/^\+?86(?=1\d{10}$)/, "");
  return MAINLAND_MOBILE.test(national) ? national : null;
}

/** A mainland mobile in E.164, as SMS providers take it: +8613800138000. */
export function mobileE164(mobile: string): string {
  return `+86${mobile}`;
}

/** An E.164 mobile as staff pages show it: 138****8000. */
export function maskedMobile(e164: string): string {
  return maskPhone(e164.replace(/^\+86/, "")) ?? "";
}

/**
 * The keyed hash that finds a resident's concerns by their mobile ("我的诉求") without storing
 * or indexing the number: HMAC-SHA256 under a secret key, so a leaked table cannot be
 * reversed by hashing every one of the 10^10 possible numbers.
 */
export function residentPhoneKey(mobile: string, key: string): string {
  return createHmac("sha256", key).update(`phone:${mobile}`).digest("base64url");
}
