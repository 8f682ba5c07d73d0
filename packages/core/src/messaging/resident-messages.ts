import type { Concern, ConcernEvent } from "../concern/concern.js";
import { ratingDeadline } from "../concern/deadline.js";
import { maskPersonalData } from "../text/personal-data.js";
import { shanghaiDate } from "../time/shanghai.js";
import { type LinkPurpose, TRACK_LINK_DAYS } from "./link-token.js";
import { mainlandMobile, mobileE164 } from "./resident-phone.js";
import { sendableFrom } from "./sms-policy.js";
import type { SmsKind } from "./sms-texts.js";

/** One SMS to send: an outbox item, written in the transaction of the change that caused it. */
export interface SmsMessage {
  id: string;
  kind: SmsKind;
  /**
   * The phone, E.164; for an urgent alert the department whose head it is for
   * (`department-head:<departmentId>`, urgent-alerts.ts), the phone found when it is sent.
   */
  to: string;
  /** Who it is for: the concern's resident, or a staff member (an urgent alert). */
  audience: "resident" | "staff";
  /** The concern it is about; null for a one-time code. */
  ledgerNo: string | null;
  /** The template's parameters, but the link: signed by the sender when it sends. */
  params: Record<string, string>;
  /**
   * The link the text ends with, as a claim to sign (link-token.ts): the sender signs it, so
   * that writing a message needs no secret (the escalation job holds none).
   */
  link: { purpose: LinkPurpose; expiresAt: string } | null;
  createdAt: string;
  /** Not before (quiet hours). */
  sendAfter: string;
}

export interface ResidentMessageContext {
  now: Date;
  newId: () => string;
  /** The access code in plain: known only while the concern is registered. */
  accessCode?: string;
}

const OUTCOME_WORDS: Record<string, string> = {
  resolved: "解决到位",
  explained: "解释到位",
  assisted: "帮扶到位",
};

/** `12月13日`: a Shanghai date as a text message says it. */
export function smsDate(instant: Date | string): string {
  const date = typeof instant === "string" && instant.length === 10 ? instant : null;
  const [, month, day] = (date ?? shanghaiDate(new Date(instant))).split("-");
  return `${Number(month)}月${Number(day)}日`;
}

/** A reason as an SMS may carry it: personal data masked, at most 20 characters. */
function shortReason(text: string | null): string {
  const masked = maskPersonalData((text ?? "").trim()).text.replace(/\s+/g, " ");
  const chars = [...masked];
  return chars.length <= 20 ? masked : `${chars.slice(0, 19).join("")}…`;
}

/**
 * The messages a change to a concern sends its resident, from the events it appended (in
 * their order), and the concern as it is after them. None unless the concern keeps its
 * resident informed (`smsUpdates`, set at registration, cleared by opting out):
 * - submitted: the receipt, with the access code (sent here and nowhere else);
 * - accepted: signed for, with the department;
 * - deferred: the committed date and the public reason; extended: the new answer date;
 * - answered: the outcome and a link that opens the rating form;
 * - reopened or redo_ordered: the redo has started; struck_off: struck off;
 * - reminded for the rating stage: the one rating reminder.
 */
export function residentMessagesFor(
  concern: Concern,
  events: readonly ConcernEvent[],
  ctx: ResidentMessageContext,
): SmsMessage[] {
  const mobile = mainlandMobile(concern.contact.phone);
  if (!concern.smsUpdates || !mobile || concern.anonymous || concern.channel === "open311") {
    return [];
  }
  const { ledgerNo } = concern;
  const track = {
    purpose: "track" as const,
    expiresAt: new Date(ctx.now.getTime() + TRACK_LINK_DAYS * 86_400_000).toISOString(),
  };
  const rateBy = ratingDeadline(concern);
  const rate = rateBy ? { purpose: "rate" as const, expiresAt: rateBy.toISOString() } : track;
  const messages: SmsMessage[] = [];
  const send = (kind: SmsKind, params: Record<string, string>, link: SmsMessage["link"]) => {
    messages.push({
      id: ctx.newId(),
      kind,
      to: mobileE164(mobile),
      audience: "resident",
      ledgerNo,
      params: { ledgerNo, ...params },
      link,
      createdAt: ctx.now.toISOString(),
      sendAfter: sendableFrom(kind, ctx.now).toISOString(),
    });
  };
  for (const event of events) {
    switch (event.type) {
      case "submitted":
        if (ctx.accessCode) send("receipt", { code: ctx.accessCode }, track);
        break;
      case "accepted":
        send("signed_for", { department: concern.routing.department.name }, track);
        break;
      case "deferred":
        send(
          "deferred",
          {
            date: smsDate(String(event.data.committedDate ?? concern.committedDate)),
            reason: shortReason(event.text),
          },
          track,
        );
        break;
      case "extended":
        send(
          "extended",
          { date: smsDate(String(event.data.answerBy ?? concern.deadlines.answerBy)) },
          track,
        );
        break;
      case "answered":
        send(
          "answered",
          {
            outcome: OUTCOME_WORDS[String(event.data.outcome)] ?? "已答复",
            date: rateBy ? smsDate(rateBy) : "",
          },
          rate,
        );
        break;
      case "reopened":
      case "redo_ordered":
        send("redo", {}, track);
        break;
      case "struck_off":
        send("struck_off", {}, track);
        break;
      case "reminded":
        if (event.data.stage === "rating" && rateBy) {
          send("rating_reminder", { date: smsDate(rateBy) }, rate);
        }
        break;
      default:
        break;
    }
  }
  return messages;
}
