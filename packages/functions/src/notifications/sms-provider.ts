import type { SmsKind } from "@lianxin/core";

/** One message as a provider takes it: the template and its parameters, and the text. */
export interface SmsRequest {
  /** Our message id: the provider's external id where it takes one, for reconciling. */
  id: string;
  kind: SmsKind;
  /** E.164: +8613800138000. */
  to: string;
  /** The template's parameters, the link among them (Aliyun sends these). */
  params: Record<string, string>;
  /** The whole text with its signature (AWS and the local sink send this). */
  text: string;
}

/**
 * What a provider said. `not_sent` only when its answer proves the message did not go (a
 * refusal, a throttle, bad credentials): the sender may try again. Anything that proves
 * nothing (a timeout, a dropped connection) is thrown, and the message is left `sending`:
 * after SMS_LIMITS.unknownAfterMs it is 状态未知, never resent automatically.
 */
export type SmsResult = { kind: "sent"; providerId: string } | { kind: "not_sent"; error: string };

/** An SMS provider behind one port (sms-sender.ts), chosen by configuration (`SMS_PROVIDER`). */
export interface SmsProvider {
  readonly name: string;
  send(request: SmsRequest): Promise<SmsResult>;
}

/** Provider calls give up within seconds: a silent provider is a retry later, never a hang. */
export const SMS_PROVIDER_TIMEOUT_MS = { connect: 2_000, read: 5_000 } as const;
