import { mainlandMobile } from "../messaging/resident-phone.js";
import type { SmsState } from "../messaging/sms-delivery.js";
import type { Concern } from "./concern.js";
import { currentAnswerRating, ratingDeadline } from "./deadline.js";

/**
 * Why an answered concern goes on the 回访 list (staff call the resident and record the
 * rating taken by phone): its resident has a landline only, gets no SMS (opted out, or was
 * not told when staff registered the call), or the SMS with the rating link did not arrive
 * (dropped at a cap, failed, or 状态未知).
 */
export const CALL_BACK_REASONS = ["landline", "sms_off", "sms_undelivered"] as const;
export type CallBackReason = (typeof CALL_BACK_REASONS)[number];

const UNDELIVERED: readonly SmsState[] = ["dropped", "failed", "unknown"];

/**
 * The reason to call this concern's resident now, or null: only an answer awaiting its
 * rating, within the rating window, with a phone to call. `answerSms` is the state of the
 * SMS that carried the current answer's rating link, if one was written.
 */
export function callBackReason(
  concern: Concern,
  answerSms: SmsState | null,
  now: Date,
): CallBackReason | null {
  if (concern.status !== "answered" || concern.awaitingVerification) return null;
  if (currentAnswerRating(concern)) return null;
  const rateBy = ratingDeadline(concern);
  if (!rateBy || now > rateBy || !concern.contact.phone) return null;
  if (!concern.smsUpdates) return mainlandMobile(concern.contact.phone) ? "sms_off" : "landline";
  return answerSms && UNDELIVERED.includes(answerSms) ? "sms_undelivered" : null;
}

/**
 * The state of the SMS that carried the current answer (its rating link), among a concern's
 * messages: the newest `answered` one written since the answer; null if none was.
 */
export function answerSmsState(
  concern: Concern,
  messages: ReadonlyArray<{ kind: string; createdAt: string; state: SmsState }>,
): SmsState | null {
  if (!concern.smsUpdates || !concern.answeredAt) return null;
  const since = concern.answeredAt;
  return (
    messages.filter((m) => m.kind === "answered" && m.createdAt >= since).at(-1)?.state ?? null
  );
}
