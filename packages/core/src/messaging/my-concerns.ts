import { createHash } from "node:crypto";
import type { Concern } from "../concern/concern.js";
import { currentAnswerRating, ratingDeadline } from "../concern/deadline.js";
import { mainlandMobile, residentPhoneKey } from "./resident-phone.js";

/**
 * "我的诉求": a resident signs in with a mobile number and a one-time code and sees every
 * concern submitted with that number in the last two years. The concerns are found through
 * the keyed hash of the number (resident-phone.ts), never the number itself.
 */
export const MY_CONCERNS = {
  /** A resident's session: 30 minutes from sign-in, then sign in again. */
  sessionMs: 30 * 60_000,
  /** How far back the list (and a session's right to open a concern) reaches. */
  lookbackDays: 730,
  /** The most concerns one list shows: far more than one resident raises in two years. */
  maxListed: 200,
} as const;

/**
 * The phone key a concern is listed under in "我的诉求", or null when it is not listed: only a
 * named concern (not anonymous) whose contact is a mainland mobile, the number a resident can
 * receive a sign-in code on.
 */
export function residentIndexKey(concern: Concern, key: string): string | null {
  if (concern.anonymous) return null;
  const mobile = mainlandMobile(concern.contact.phone);
  return mobile ? residentPhoneKey(mobile, key) : null;
}

/** The earliest registration "我的诉求" lists at `now`. */
export function myConcernsSince(now: Date): string {
  return new Date(now.getTime() - MY_CONCERNS.lookbackDays * 86_400_000).toISOString();
}

/** May a session for this phone key open this concern (its own, not too old)? */
export function sessionMayOpen(
  concern: Concern,
  sessionPhoneKey: string,
  key: string,
  now: Date,
): boolean {
  return (
    residentIndexKey(concern, key) === sessionPhoneKey && concern.createdAt >= myConcernsSince(now)
  );
}

/**
 * The session token as stored: its SHA-256, so whoever reads the table cannot use a session.
 * The token itself is 32 random bytes (base64url) held only in the resident's cookie.
 */
export function residentSessionId(token: string): string {
  return createHash("sha256").update(`resident-session:${token}`).digest("base64url");
}

/** A token is 43 base64url characters; anything else is refused before any read. */
export function isResidentSessionToken(token: string | undefined): token is string {
  return typeof token === "string" && /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** One line of "我的诉求": what the resident needs to pick a concern, no contact data. */
export interface MyConcernItem {
  ledgerNo: string;
  title: string | null;
  categoryCode: string;
  status: Concern["status"];
  createdAt: string;
  answeredAt: string | null;
  outcome: Concern["outcome"];
  /** Answered, unrated and still within the rating window: the list says 待评价. */
  awaitingRating: boolean;
  mergedInto: string | null;
}

export function myConcernItem(concern: Concern, now: Date): MyConcernItem {
  const rateBy = ratingDeadline(concern);
  return {
    ledgerNo: concern.ledgerNo,
    title: concern.title,
    categoryCode: concern.categoryCode,
    status: concern.status,
    createdAt: concern.createdAt,
    answeredAt: concern.answeredAt,
    outcome: concern.outcome,
    awaitingRating:
      concern.status === "answered" &&
      !concern.awaitingVerification &&
      currentAnswerRating(concern) === null &&
      rateBy !== null &&
      now <= rateBy,
    mergedInto: concern.mergedInto,
  };
}
