import {
  DomainError,
  hashOneTimeCode,
  normalizeOneTimeCode,
  ONE_TIME_CODE,
  type OneTimeCodePurpose,
  oneTimeCodeFromBytes,
  oneTimeCodeMatches,
  oneTimeCodeMessage,
  PhoneField,
  residentPhoneKey,
} from "@lianxin/core";
import * as z from "zod/mini";
import type { Deps } from "../../deps.js";
import { enforceRateLimit } from "./rate-limit.js";

/**
 * The steps every one-time code (验证码) shares, whatever it unlocks (忘记查询码, "我的诉求"):
 * the address limit, sending a code, and checking one. Only the code's keyed hash is stored,
 * bound to its purpose and subject, so a code for one thing never opens another.
 */

/** A phone as the forms take it (core's PhoneField), here required. */
const Phone = z.pipe(PhoneField, z.string());
export const CodeRequest = z.strictObject({ phone: Phone });
export const CodeAnswer = z.strictObject({
  phone: Phone,
  code: z.string().check(z.maxLength(20)),
});

/** The same answer whatever happened: nothing tells a prober whether a number fits. */
export const SAME_ANSWER = { sent: true } as const;

/** Both steps count against the client address: 20 an hour, sized for shared addresses. */
export const limitCodeRequests = (deps: Deps, address: string) =>
  enforceRateLimit(
    deps,
    { scope: "otp_addr", limit: ONE_TIME_CODE.perAddressPerHour, windowSeconds: 3600 },
    address,
    deps.now(),
  );

/** The refusal of a wrong, expired, used or unknown code: one answer for all. */
export const codeRefused = () =>
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

/**
 * Sends a new code to a mainland mobile (an earlier code for the same purpose and subject stops
 * working), within the phone's 5 codes a day: past them nothing is sent and the caller still
 * gives the same answer.
 */
export async function sendOneTimeCode(
  deps: Deps,
  args: { purpose: OneTimeCodePurpose; subject: string; mobile: string; ledgerNo: string | null },
): Promise<void> {
  const now = deps.now();
  const perPhone = await deps.store.consumeRateLimit(
    { scope: "otp_phone", limit: ONE_TIME_CODE.perPhonePerDay, windowSeconds: 86_400 },
    residentPhoneKey(args.mobile, deps.residentKey),
    now,
  );
  if (!perPhone.allowed) return;
  const code = oneTimeCodeFromBytes(deps.randomBytes(4));
  await deps.store.putOneTimeCode(
    deps.store.items.oneTimeCode(args.purpose, args.subject, {
      codeHash: hashOneTimeCode(code, `${args.purpose}:${args.subject}`, deps.residentKey),
      expiresAt: Math.floor((now.getTime() + ONE_TIME_CODE.validMs) / 1000),
    }),
    deps.store.items.sms(
      oneTimeCodeMessage({
        mobile: args.mobile,
        code,
        ledgerNo: args.ledgerNo,
        now,
        newId: deps.newId,
      }),
    ),
  );
  await deps.smsSender.kick();
}

/**
 * Checks a typed code and spends one of its tries, right or wrong, before judging it: five
 * and the code is void. Returns the stored hash, for the caller to use the code (AP-V3) once
 * its own checks pass; throws `codeRefused` otherwise.
 */
export async function spendCodeTry(
  deps: Deps,
  purpose: OneTimeCodePurpose,
  subject: string | null,
  typed: string,
): Promise<string> {
  const code = normalizeOneTimeCode(typed);
  if (!subject || !code) throw codeRefused();
  const stored = await deps.store.readOneTimeCode(purpose, subject);
  if (!stored || stored.usedAt || stored.expiresAt * 1000 <= deps.now().getTime()) {
    throw codeRefused();
  }
  const tried = await deps.store.spendOneTimeCodeTry(
    purpose,
    subject,
    stored.codeHash,
    ONE_TIME_CODE.maxTries,
  );
  if (
    !tried ||
    !oneTimeCodeMatches(code, `${purpose}:${subject}`, stored.codeHash, deps.residentKey)
  )
    throw codeRefused();
  return stored.codeHash;
}

/** Uses the code once (AP-V3): of two requests with the right code, only one goes on. */
export async function useCode(
  deps: Deps,
  purpose: OneTimeCodePurpose,
  subject: string,
  codeHash: string,
): Promise<void> {
  const used = await deps.store.useOneTimeCode(
    purpose,
    subject,
    codeHash,
    deps.now().toISOString(),
  );
  if (!used) throw codeRefused();
}
