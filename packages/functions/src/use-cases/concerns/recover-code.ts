import {
  accessCodeFromBytes,
  DomainError,
  hashOneTimeCode,
  mainlandMobile,
  normalizeOneTimeCode,
  ONE_TIME_CODE,
  oneTimeCodeFromBytes,
  oneTimeCodeMatches,
  oneTimeCodeMessage,
  PhoneField,
  parseLedgerNo,
  RESIDENT_ACTOR,
  residentPhoneKey,
  withNewAccessCode,
} from "@lianxin/core";
import * as z from "zod/mini";
import type { Deps } from "../../deps.js";
import { commitConcernChanges } from "../messaging/resident-sms.js";
import { parseInput } from "../parse.js";
import { enforceRateLimit } from "./rate-limit.js";
import { changeOf } from "./staff-concerns.js";

const PURPOSE = "recover";
/** A phone as the forms take it (core's PhoneField), here required. */
const Phone = z.pipe(PhoneField, z.string());
const CodeRequest = z.strictObject({ phone: Phone });
const CodeAnswer = z.strictObject({ phone: Phone, code: z.string().check(z.maxLength(20)) });

/** Both steps count against the client address: 20 an hour, sized for shared addresses. */
const limitAddress = (deps: Deps, address: string) =>
  enforceRateLimit(
    deps,
    { scope: "otp_addr", limit: ONE_TIME_CODE.perAddressPerHour, windowSeconds: 3600 },
    address,
    deps.now(),
  );

/** The same answer whatever happened: nothing tells a prober whether the number fits. */
const SAME_ANSWER = { sent: true } as const;

/** The concern's number as stored, or null when it cannot be one. */
const canonical = (ledgerNo: string) =>
  parseLedgerNo(ledgerNo) ? ledgerNo.trim().toUpperCase() : null;

/**
 * 忘记查询码, step 1: the ledger number and the phone given at submission. When they fit (a
 * mainland mobile on file, not anonymous), a 6-digit code goes to that phone by SMS, valid 5
 * minutes; an earlier code stops working. Everything else gets the same answer and sends
 * nothing. Limits: 20 requests per client address per hour (429), 5 codes per phone per day
 * (more are not sent, and the answer is the same). The ledger number is never locked.
 */
export async function requestRecoveryCode(
  deps: Deps,
  request: { ledgerNo: string; body: unknown; clientAddress: string },
): Promise<typeof SAME_ANSWER> {
  const { phone } = parseInput(CodeRequest, request.body);
  const now = deps.now();
  await limitAddress(deps, request.clientAddress);
  const ledgerNo = canonical(request.ledgerNo);
  const found = ledgerNo ? await deps.store.getConcernWithEvents(ledgerNo) : null;
  const onFile =
    found && !found.concern.anonymous ? mainlandMobile(found.concern.contact.phone) : null;
  if (!found || !onFile || mainlandMobile(phone) !== onFile) return SAME_ANSWER;
  const perPhone = await deps.store.consumeRateLimit(
    { scope: "otp_phone", limit: ONE_TIME_CODE.perPhonePerDay, windowSeconds: 86_400 },
    residentPhoneKey(onFile, deps.residentKey),
    now,
  );
  if (!perPhone.allowed) return SAME_ANSWER;
  const code = oneTimeCodeFromBytes(deps.randomBytes(4));
  const subject = found.concern.ledgerNo;
  await deps.store.putOneTimeCode(
    deps.store.items.oneTimeCode(PURPOSE, subject, {
      codeHash: hashOneTimeCode(code, `${PURPOSE}:${subject}`, deps.residentKey),
      expiresAt: Math.floor((now.getTime() + ONE_TIME_CODE.validMs) / 1000),
    }),
    deps.store.items.sms(
      oneTimeCodeMessage({ mobile: onFile, code, ledgerNo: subject, now, newId: deps.newId }),
    ),
  );
  await deps.smsSender.kick();
  return SAME_ANSWER;
}

/**
 * 忘记查询码, step 2: the code from the SMS gives a new access code, shown once; the old one
 * stops working, and the history records `access_code_reissued` (no phone in it). Five wrong
 * tries void the code; an expired, used or unknown code gets the same refusal.
 */
export async function verifyRecoveryCode(
  deps: Deps,
  request: { ledgerNo: string; body: unknown; clientAddress: string },
): Promise<{ accessCode: string }> {
  const { phone, code: typed } = parseInput(CodeAnswer, request.body);
  const refused = () =>
    new DomainError("validation_failed", {
      fields: {
        code: {
          kind: "invalid",
          message: {
            "zh-CN": "验证码不正确或已失效，请重新获取",
            en: "The code is wrong or no longer valid: ask for a new one",
          },
        },
      },
    });
  await limitAddress(deps, request.clientAddress);
  const ledgerNo = canonical(request.ledgerNo);
  const code = normalizeOneTimeCode(typed);
  if (!ledgerNo || !code) throw refused();
  const now = deps.now();
  const bound = `${PURPOSE}:${ledgerNo}`;
  const stored = await deps.store.readOneTimeCode(PURPOSE, ledgerNo);
  if (!stored || stored.usedAt || stored.expiresAt * 1000 <= now.getTime()) throw refused();
  // Every try counts, right or wrong, before it is judged: five and the code is void.
  const tried = await deps.store.spendOneTimeCodeTry(
    PURPOSE,
    ledgerNo,
    stored.codeHash,
    ONE_TIME_CODE.maxTries,
  );
  if (!tried || !oneTimeCodeMatches(code, bound, stored.codeHash, deps.residentKey))
    throw refused();
  const found = await deps.store.getConcernWithEvents(ledgerNo);
  if (!found || mainlandMobile(phone) !== mainlandMobile(found.concern.contact.phone)) {
    throw refused();
  }
  if (!(await deps.store.useOneTimeCode(PURPOSE, ledgerNo, stored.codeHash, now.toISOString()))) {
    throw refused();
  }
  const accessCode = accessCodeFromBytes(deps.randomBytes(10));
  // Staff may act on the concern at the same moment: read it again and retry once.
  let concern = found.concern;
  for (let attempt = 0; attempt < 3; attempt++) {
    const next = withNewAccessCode(concern, accessCode, RESIDENT_ACTOR, {
      now,
      newEventId: deps.newId,
      via: "sms_code",
    });
    if (await commitConcernChanges(deps, [changeOf(concern, next.concern, next.events)])) {
      return { accessCode };
    }
    const fresh = await deps.store.getConcernWithEvents(ledgerNo);
    if (!fresh) break;
    concern = fresh.concern;
  }
  throw new DomainError("conflict", { detail: "the concern kept changing" });
}
