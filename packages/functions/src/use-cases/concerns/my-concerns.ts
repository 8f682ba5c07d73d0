import {
  DomainError,
  isResidentSessionToken,
  MY_CONCERNS,
  type MyConcernItem,
  mainlandMobile,
  myConcernItem,
  myConcernsSince,
  residentPhoneKey,
  residentSessionId,
} from "@lianxin/core";
import type { ResidentSessionRecord } from "@lianxin/store";
import type { Deps } from "../../deps.js";
import { parseInput } from "../parse.js";
import {
  CodeAnswer,
  CodeRequest,
  limitCodeRequests,
  SAME_ANSWER,
  sendOneTimeCode,
  spendCodeTry,
  useCode,
} from "./one-time-codes.js";

/**
 * "我的诉求": a resident signs in with a mobile number and a one-time code, and sees every
 * concern submitted with that number in the last two years. The phone is known to the store
 * only as its keyed hash; the session token only as its SHA-256.
 */
const PURPOSE = "sign_in";

/**
 * Step 1: a mobile number → a 6-digit code by SMS, sent only when a concern was submitted with
 * that number in the last two years; the answer is the same either way. The limits are
 * those of 忘记查询码 (shared: 20 requests an hour per address, 5 codes a day per phone).
 */
export async function requestSignInCode(
  deps: Deps,
  request: { body: unknown; clientAddress: string },
): Promise<typeof SAME_ANSWER> {
  const { phone } = parseInput(CodeRequest, request.body);
  await limitCodeRequests(deps, request.clientAddress);
  const mobile = mainlandMobile(phone);
  if (!mobile) return SAME_ANSWER;
  const phoneKey = residentPhoneKey(mobile, deps.residentKey);
  const any = await deps.store.listResidentConcerns(phoneKey, myConcernsSince(deps.now()), 1);
  if (any.length === 0) return SAME_ANSWER;
  await sendOneTimeCode(deps, { purpose: PURPOSE, subject: phoneKey, mobile, ledgerNo: null });
  return SAME_ANSWER;
}

/**
 * Step 2: the code → a session of 30 minutes. The token goes back once, for the site to keep
 * in an httpOnly cookie; the store keeps only its hash.
 */
export async function verifySignInCode(
  deps: Deps,
  request: { body: unknown; clientAddress: string },
): Promise<{ session: string; expiresAt: string }> {
  const { phone, code } = parseInput(CodeAnswer, request.body);
  await limitCodeRequests(deps, request.clientAddress);
  const mobile = mainlandMobile(phone);
  const phoneKey = mobile ? residentPhoneKey(mobile, deps.residentKey) : null;
  const codeHash = await spendCodeTry(deps, PURPOSE, phoneKey, code);
  if (!phoneKey) throw new DomainError("not_found");
  await useCode(deps, PURPOSE, phoneKey, codeHash);
  const now = deps.now();
  const token = Buffer.from(deps.randomBytes(32)).toString("base64url");
  const expiresAt = new Date(now.getTime() + MY_CONCERNS.sessionMs).toISOString();
  await deps.store.putResidentSession({
    sessionId: residentSessionId(token),
    phoneKey,
    createdAt: now.toISOString(),
    expiresAtIso: expiresAt,
    endedAt: null,
  });
  return { session: token, expiresAt };
}

/** The live session a token names, or null (unknown, ended or expired). */
export async function residentSessionOf(
  deps: Deps,
  token: string | undefined,
): Promise<ResidentSessionRecord | null> {
  if (!isResidentSessionToken(token)) return null;
  const session = await deps.store.getResidentSession(residentSessionId(token));
  if (!session || session.endedAt) return null;
  return Date.parse(session.expiresAtIso) > deps.now().getTime() ? session : null;
}

/** The signed-in resident's concerns, newest first; 401 without a live session. */
export async function listMyConcerns(
  deps: Deps,
  token: string | undefined,
): Promise<{ items: MyConcernItem[]; expiresAt: string }> {
  const session = await residentSessionOf(deps, token);
  if (!session) throw new DomainError("unauthorized");
  const now = deps.now();
  const ledgerNos = await deps.store.listResidentConcerns(
    session.phoneKey,
    myConcernsSince(now),
    MY_CONCERNS.maxListed,
  );
  const concerns = await deps.store.getConcernsByLedgerNos(ledgerNos);
  const items = concerns
    .map((c) => myConcernItem(c, now))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return { items, expiresAt: session.expiresAtIso };
}

/** Sign-out ends the session on the server; an unknown or ended one is already out. */
export async function signOutResident(deps: Deps, token: string | undefined): Promise<void> {
  const session = await residentSessionOf(deps, token);
  if (session) await deps.store.endResidentSession(session.sessionId, deps.now().toISOString());
}
