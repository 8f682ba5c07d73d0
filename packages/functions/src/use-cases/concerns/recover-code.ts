import {
  accessCodeFromBytes,
  DomainError,
  mainlandMobile,
  parseLedgerNo,
  RESIDENT_ACTOR,
  withNewAccessCode,
} from "@lianxin/core";
import type { Deps } from "../../deps.js";
import { commitConcernChanges } from "../messaging/resident-sms.js";
import { parseInput } from "../parse.js";
import {
  CodeAnswer,
  CodeRequest,
  codeRefused,
  limitCodeRequests,
  SAME_ANSWER,
  sendOneTimeCode,
  spendCodeTry,
  useCode,
} from "./one-time-codes.js";
import { changeOf } from "./staff-concerns.js";

const PURPOSE = "recover";

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
  await limitCodeRequests(deps, request.clientAddress);
  const ledgerNo = canonical(request.ledgerNo);
  const found = ledgerNo ? await deps.store.getConcernWithEvents(ledgerNo) : null;
  const onFile =
    found && !found.concern.anonymous ? mainlandMobile(found.concern.contact.phone) : null;
  if (!found || !onFile || mainlandMobile(phone) !== onFile) return SAME_ANSWER;
  await sendOneTimeCode(deps, {
    purpose: PURPOSE,
    subject: found.concern.ledgerNo,
    mobile: onFile,
    ledgerNo: found.concern.ledgerNo,
  });
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
  await limitCodeRequests(deps, request.clientAddress);
  const ledgerNo = canonical(request.ledgerNo);
  const codeHash = await spendCodeTry(deps, PURPOSE, ledgerNo, typed);
  if (!ledgerNo) throw codeRefused();
  const found = await deps.store.getConcernWithEvents(ledgerNo);
  if (!found || mainlandMobile(phone) !== mainlandMobile(found.concern.contact.phone)) {
    throw codeRefused();
  }
  await useCode(deps, PURPOSE, ledgerNo, codeHash);
  const now = deps.now();
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
