import type { Channel } from "../concern/submission.js";
import { addCalendarDays, shanghaiDate } from "../time/shanghai.js";
import { mainlandMobile } from "./resident-phone.js";
import type { SmsKind } from "./sms-texts.js";

/**
 * Quiet hours, Asia/Shanghai: nothing is sent from 22:00 to 08:00 but what the resident is
 * waiting for (the receipt with its code, a one-time code) and urgent alerts to staff; the
 * rest wait until 08:00.
 */
export const QUIET_HOURS = { from: 22, until: 8 } as const;
const ANY_HOUR: readonly SmsKind[] = ["receipt", "one_time_code", "urgent_alert"];

/** When a message of `kind` made at `now` may be sent. */
export function sendableFrom(kind: SmsKind, now: Date): Date {
  if (ANY_HOUR.includes(kind)) return now;
  const hour = (now.getUTCHours() + 8) % 24;
  if (hour >= QUIET_HOURS.until && hour < QUIET_HOURS.from) return now;
  // 08:00 in Shanghai is 00:00 UTC of the same Shanghai date.
  const today = shanghaiDate(now);
  const day = hour >= QUIET_HOURS.from ? addCalendarDays(today, 1) : today;
  return new Date(`${day}T00:00:00.000Z`);
}

/** Limits against abuse and runaway sending. */
export const SMS_LIMITS = {
  /**
   * Messages to one resident's phone in a Shanghai day, receipts and one-time codes included
   * (against abuse of a resident's number). Urgent alerts to staff do not count and are never
   * dropped by it: a head must get every one; the town's hourly cap holds them as any other.
   */
  perPhonePerDay: 10,
  /** Town-wide, per hour: past it sending pauses and admin is told (configurable). */
  townPerHourDefault: 500,
  /** Provider failures that prove nothing was sent, before a message is marked failed. */
  maxAttempts: 5,
  /** A message still `sending` after this long is 状态未知: never resent automatically. */
  unknownAfterMs: 5 * 60_000,
} as const;

/** Backoff before the n-th retry (n ≥ 1): 1, 2, 4, 8 minutes. */
export function retryDelayMs(attempt: number): number {
  return 60_000 * 2 ** Math.max(0, attempt - 1);
}

/**
 * Does a new concern keep its resident informed by SMS? Only with a mainland mobile, not
 * anonymous, not filed by another system (Open311: it informs its own users), and not opted
 * out; one that staff register from a call or a visit only when they ticked that the resident
 * was told.
 */
export function smsUpdatesAtRegistration(r: {
  channel: Channel;
  anonymous: boolean;
  contactPhone: string | null | undefined;
  optedOut: boolean;
  /** Staff registrations: the resident was told that messages will come. */
  residentTold: boolean;
}): boolean {
  if (r.anonymous || r.optedOut || r.channel === "open311") return false;
  if (!mainlandMobile(r.contactPhone)) return false;
  return r.channel === "online" || r.residentTold;
}
