import type { SmsMessage } from "./resident-messages.js";
import { SECRET_SMS_PARAMS, type SmsKind } from "./sms-texts.js";

/**
 * An SMS's delivery, each at most once: `pending` until the sender claims it (`sending`),
 * then `sent` with the provider's id. A provider error that proves nothing was sent puts it
 * back to `pending` for a later try, and after SMS_LIMITS.maxAttempts makes it `failed`; one
 * still `sending` after SMS_LIMITS.unknownAfterMs is `unknown` (状态未知: it may have gone,
 * so it is never resent automatically); one over a cap is `dropped`. Admin sees the last three.
 */
export const SMS_STATES = ["pending", "sending", "sent", "failed", "unknown", "dropped"] as const;
export type SmsState = (typeof SMS_STATES)[number];

/** Why a message was dropped instead of sent. */
export type SmsDropReason = "phone_daily_cap";

/** An SMS as the outbox keeps it. */
export interface StoredSms extends SmsMessage {
  state: SmsState;
  /** Provider errors so far that proved nothing was sent. */
  attempts: number;
  lastError: string | null;
  claimedAt: string | null;
  sentAt: string | null;
  /** Which provider took it (`aliyun`, `aws`, `local-sink`) and its message id. */
  provider: string | null;
  providerId: string | null;
  /** The text as sent, secrets (the access code, a one-time code) blanked. */
  text: string | null;
  /** An urgent alert: the phone (E.164) the sender found for its department's head. */
  sentTo?: string;
  droppedReason: SmsDropReason | null;
}

/** What replaces a secret parameter once the message has gone. */
export const BLANKED_SECRET = "••••";

/** The parameters with the kind's secrets (SECRET_SMS_PARAMS) blanked: what is kept once sent. */
export function blankSecretParams(
  kind: SmsKind,
  params: Readonly<Record<string, string>>,
): Record<string, string> {
  const out = { ...params };
  for (const name of SECRET_SMS_PARAMS[kind] ?? []) if (name in out) out[name] = BLANKED_SECRET;
  return out;
}

/** A new message as the outbox first stores it. */
export function pendingSms(message: SmsMessage): StoredSms {
  return {
    ...message,
    state: "pending",
    attempts: 0,
    lastError: null,
    claimedAt: null,
    sentAt: null,
    provider: null,
    providerId: null,
    text: null,
    droppedReason: null,
  };
}
