import {
  ADMINS_INBOX,
  type AlertPhone,
  blankSecretParams,
  departmentHeadPhone,
  departmentOfAddress,
  type LinkPurpose,
  renderSms,
  residentPhoneKey,
  retryDelayMs,
  SMS_LIMITS,
  type StoredSms,
  signLinkToken,
} from "@lianxin/core";
import type { Deps } from "../../deps.js";
import type { SmsProvider } from "../../notifications/sms-provider.js";
import { currentDirectory } from "../directory/current-directory.js";

/** How the sender sends: through which provider, signed how, linking where, how much. */
export interface SmsSenderSettings {
  provider: SmsProvider;
  /** The registered signature, e.g. 【洛社镇】. */
  signature: string;
  /** The public site's base URL: links are `<siteUrl>/t/<token>`. */
  siteUrl: string;
  /** Signs links and keys the per-phone cap (never a phone number in a key). */
  residentKey: string;
  /** Town-wide messages per hour before sending pauses (SMS_LIMITS.townPerHourDefault). */
  townPerHour: number;
}

export interface SenderSummary {
  sent: number;
  retried: number;
  failed: number;
  dropped: number;
  /** Claimed, and the provider's answer proved nothing: left `sending`, later 状态未知. */
  unanswered: number;
  /** Found still `sending` past SMS_LIMITS.unknownAfterMs and marked 状态未知. */
  markedUnknown: number;
  /** The town's hourly cap was reached: the rest wait for the next hour. */
  paused: boolean;
}

const BATCH = 25;
/** At most this many messages a run: a backlog is worked through by the next runs. */
const PER_RUN = 500;

/** The link a message's text ends with: the public site's `/t/<signed token>`. */
export function smsLink(
  settings: Pick<SmsSenderSettings, "siteUrl" | "residentKey">,
  ledgerNo: string,
  link: { purpose: LinkPurpose; expiresAt: string },
): string {
  const token = signLinkToken(
    { purpose: link.purpose, ledgerNo, expiresAt: new Date(link.expiresAt) },
    settings.residentKey,
  );
  return `${settings.siteUrl}/t/${token}`;
}

/**
 * The SMS sender: drains the outbox, each message at most once. Run right after a commit
 * that wrote messages (asynchronously) and every minute (retries, the end of quiet hours).
 * Two runs at once are harmless: a message goes to whichever claims it (AP-T2).
 *
 * Per message: claim it (`pending` → `sending`); count it against the town's hourly cap
 * (reached: give it back, pause, tell admin); find an urgent alert's phone, its department
 * head's (none: failed at once, for admin); count a resident's message against its phone's
 * daily cap (reached: dropped); send; settle it as the provider's answer says. A message
 * whose provider proved nothing is left `sending`; a later run marks it 状态未知 and it is
 * never resent automatically.
 */
export async function runSmsSender(
  deps: Deps,
  settings: SmsSenderSettings,
): Promise<SenderSummary> {
  const summary: SenderSummary = {
    sent: 0,
    retried: 0,
    failed: 0,
    dropped: 0,
    unanswered: 0,
    markedUnknown: 0,
    paused: false,
  };
  const start = deps.now();
  const staleBefore = new Date(start.getTime() - SMS_LIMITS.unknownAfterMs);
  for (const stale of await deps.store.listStaleSending(staleBefore, 100)) {
    if (await deps.store.markSmsUnknown(stale, staleBefore, start)) summary.markedUnknown++;
  }
  // One pass through what is due now, page by page (what became due meanwhile waits for the
  // next run, which a commit starts at once). A page's messages go IN_FLIGHT at a time: the
  // provider's answer takes a round trip, and one message at a time could not keep up with a
  // burst of submissions.
  const now = deps.now();
  let handled = 0;
  let after: Record<string, unknown> | undefined;
  do {
    const page = await deps.store.listDueSms(now, BATCH, after);
    after = page.next;
    const items = page.items.slice(0, PER_RUN - handled);
    handled += items.length;
    const claimed = (await inParallel(items, (m) => deps.store.claimSms(m.id, deps.now()))).filter(
      (m): m is StoredSms => m !== null,
    ); // Others were another run's (or the index lagged).
    const allowed = await withinTownCap(deps, settings, claimed.length);
    for (const held of claimed.slice(allowed)) await deps.store.releaseSms(held);
    if (allowed < claimed.length) summary.paused = true;
    await inParallel(claimed.slice(0, allowed), (m) => sendOne(deps, settings, m, summary));
  } while (after && handled < PER_RUN && !summary.paused);
  return summary;
}

/** Messages in flight at once within a run. */
const IN_FLIGHT = 8;

async function inParallel<T, R>(items: T[], task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, items.length) }, worker));
  return results;
}

/**
 * How many of `wanted` messages the town's hourly cap lets go now: all of them in one count
 * as a rule, else one by one up to the cap (sending then pauses and admin is told, once an
 * hour).
 */
async function withinTownCap(
  deps: Deps,
  settings: SmsSenderSettings,
  wanted: number,
): Promise<number> {
  if (wanted === 0) return 0;
  const now = deps.now();
  const rule = { scope: "sms_town", limit: settings.townPerHour, windowSeconds: 3600 };
  if ((await deps.store.consumeRateLimit(rule, "town", now, wanted)).allowed) return wanted;
  let allowed = 0;
  while (allowed < wanted && (await deps.store.consumeRateLimit(rule, "town", now)).allowed) {
    allowed++;
  }
  if (allowed === wanted) return allowed; // Room after all (another run's count had moved).
  // Once per hour: the hour's start is the item's time and id, written only if new.
  const hour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000).toISOString();
  await deps.store.putOutboxOnce({
    id: `sms-paused-${hour}`,
    recipient: ADMINS_INBOX,
    kind: "sms_paused",
    ledgerNo: "",
    at: hour,
    data: { dueAt: new Date(Date.parse(hour) + 3_600_000).toISOString() },
  });
  return allowed;
}

async function sendOne(
  deps: Deps,
  settings: SmsSenderSettings,
  message: StoredSms,
  summary: SenderSummary,
): Promise<void> {
  const now = deps.now();
  const recipient = await recipientOf(deps, message);
  if (!recipient.ok) {
    // The directory or the roster lacks the head's phone: no try would help, admin must act.
    await deps.store.settleSms(message, {
      kind: "failed",
      error: recipient.error,
      attempts: message.attempts,
      at: now,
    });
    summary.failed++;
    return;
  }
  const to = recipient.to;
  if (message.audience !== "staff") {
    const perPhone = {
      scope: "sms_phone",
      limit: SMS_LIMITS.perPhonePerDay,
      windowSeconds: 86_400,
    };
    const phone = await deps.store.consumeRateLimit(
      perPhone,
      residentPhoneKey(to, settings.residentKey),
      now,
    );
    if (!phone.allowed) {
      await deps.store.settleSms(message, { kind: "dropped", reason: "phone_daily_cap", at: now });
      summary.dropped++;
      return;
    }
  }
  const params = {
    ...message.params,
    ...(message.link && message.ledgerNo
      ? { link: smsLink(settings, message.ledgerNo, message.link) }
      : {}),
  };
  const text = renderSms(message.kind, params, settings.signature);
  let result: Awaited<ReturnType<SmsProvider["send"]>>;
  try {
    result = await settings.provider.send({
      id: message.id,
      kind: message.kind,
      to,
      params,
      text,
    });
  } catch (error) {
    // Nothing proves whether it went: left `sending`, to be 状态未知 after 5 minutes.
    summary.unanswered++;
    console.warn(
      JSON.stringify({
        level: "warn",
        msg: "sms unanswered",
        id: message.id,
        error: String(error),
      }),
    );
    return;
  }
  const at = deps.now();
  if (result.kind === "sent") {
    const blankedText = renderSms(
      message.kind,
      blankSecretParams(message.kind, params),
      settings.signature,
    );
    await deps.store.settleSms(message, {
      kind: "sent",
      provider: settings.provider.name,
      providerId: result.providerId,
      text: blankedText,
      at,
      ...(to !== message.to ? { sentTo: to } : {}),
    });
    summary.sent++;
    return;
  }
  const attempts = message.attempts + 1;
  if (attempts >= SMS_LIMITS.maxAttempts) {
    await deps.store.settleSms(message, { kind: "failed", error: result.error, attempts, at });
    summary.failed++;
  } else {
    const nextAt = new Date(at.getTime() + retryDelayMs(attempts));
    await deps.store.settleSms(message, { kind: "retry", error: result.error, attempts, nextAt });
    summary.retried++;
  }
}

/**
 * Where a message goes: its phone; for an urgent alert (`department-head:<id>`), the mobile on
 * the account of the department's head as they are now (the directory, cached per process;
 * the account, AP-S2). Resident messages are held to their phone's daily cap, alerts are not
 * (SMS_LIMITS.perPhonePerDay).
 */
async function recipientOf(deps: Deps, message: StoredSms): Promise<AlertPhone> {
  const departmentId = departmentOfAddress(message.to);
  if (!departmentId) return { ok: true, to: message.to };
  const department = (await currentDirectory(deps)).department(departmentId);
  const account = department ? await deps.store.getStaffAccount(department.head.id) : null;
  return departmentHeadPhone(departmentId, department, account);
}
