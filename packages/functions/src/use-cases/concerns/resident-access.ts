import {
  type Concern,
  type ConcernEvent,
  type ConcernFile,
  DomainError,
  hashAccessCode,
  type LinkPurpose,
  normalizeAccessCode,
  parseLedgerNo,
  sessionMayOpen,
  verifyLinkToken,
} from "@lianxin/core";
import type { Deps } from "../../deps.js";
import { residentSessionOf } from "./my-concerns.js";

/**
 * What a resident presents for a concern: its number, its access code or the signed token of
 * a link from an SMS (link-token.ts), and where they are.
 */
export interface ResidentKey {
  ledgerNo: string;
  accessCode: string | undefined;
  /** A link token (`X-Link-Token`): accepted only for the purposes the use case names. */
  linkToken?: string | undefined;
  /** A "我的诉求" session (`X-Resident-Session`): opens the concerns of its phone. */
  residentSession?: string | undefined;
  /** The client address (as the API trusts it), for the per-address limit of wrong codes. */
  clientAddress: string;
}

/** Wrong codes from one address in 15 minutes: many residents share a carrier's address. */
export const WRONG_CODES_PER_ADDRESS = 60;

/**
 * The resident proves they own a concern with its access code, holds a link from its SMS
 * (a token signed for that concern and a purpose, unexpired), or is signed in to "我的诉求"
 * with the phone the concern was submitted with (in the last two years). An unknown number, a missing
 * code, a wrong code and a token that is forged, expired or for another purpose all get the
 * same not_found, so numbers cannot be probed, and count alike against the limits below.
 * The right code always gets in: wrong codes are counted apart, per ledger number (past the
 * limit a wrong code is 429, so nobody can lock a resident out of their own concern) and per
 * client address, sized for many residents behind one address (past it, that address is 429
 * until the window passes, right code or not: that is where guessing is stopped).
 */
export async function authenticateResident(
  deps: Deps,
  key: ResidentKey,
  /** What a link token must be for to open this (a rating link also opens the tracking view). */
  linkPurposes: readonly LinkPurpose[] = ["track", "rate"],
): Promise<{ concern: Concern; events: ConcernEvent[]; files: ConcernFile[] }> {
  const parsed = parseLedgerNo(key.ledgerNo);
  if (!parsed) throw new DomainError("not_found");
  const ledgerNo = key.ledgerNo.trim().toUpperCase();
  const now = deps.now();
  const window = 15 * 60;
  const perNumber = {
    scope: "code",
    limit: deps.limits.wrongCodesPer15Minutes,
    windowSeconds: window,
  };
  const perAddress = { scope: "code_addr", limit: WRONG_CODES_PER_ADDRESS, windowSeconds: window };
  const address = await deps.store.peekRateLimit(perAddress, key.clientAddress, now);
  if (!address.allowed) {
    throw new DomainError("rate_limited", { retryAfterSeconds: address.retryAfterSeconds });
  }
  const code = key.accessCode ? normalizeAccessCode(key.accessCode) : null;
  const link = key.linkToken
    ? verifyLinkToken(key.linkToken, linkPurposes, now, deps.residentKey)
    : null;
  const linked = link?.ok === true && link.ledgerNo === ledgerNo;
  const [found, session] = await Promise.all([
    code || linked || key.residentSession ? deps.store.getConcernWithEvents(ledgerNo) : null,
    key.residentSession ? residentSessionOf(deps, key.residentSession) : null,
  ]);
  if (found && linked) return found;
  if (found && session && sessionMayOpen(found.concern, session.phoneKey, deps.residentKey, now)) {
    return found;
  }
  if (found && code && found.concern.accessCodeHash === hashAccessCode(ledgerNo, code)) {
    return found;
  }
  const [number] = await Promise.all([
    deps.store.consumeRateLimit(perNumber, ledgerNo, now),
    deps.store.consumeRateLimit(perAddress, key.clientAddress, now),
  ]);
  if (!number.allowed) {
    throw new DomainError("rate_limited", { retryAfterSeconds: number.retryAfterSeconds });
  }
  throw new DomainError("not_found");
}
