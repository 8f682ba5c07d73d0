import { describe, expect, it } from "vitest";
import type { Concern, ConcernEvent } from "../concern/concern.js";
import { applyFeedback } from "../concern/feedback.js";
import { applyAction } from "../concern/state-machine.js";
import { escalate } from "../escalation/escalate.js";
import { registerConcern } from "../intake/register-concern.js";
import { routeConcern } from "../routing/route-concern.js";
import type { StaffUser } from "../staff/schema.js";
import { index } from "../testing/random-histories.js";
import { officialCalendar } from "../time/working-calendar.js";
import { residentMessagesFor, type SmsMessage, smsDate } from "./resident-messages.js";
import { stopSmsUpdates } from "./sms-opt-out.js";

const head: StaffUser = {
  id: "env-head",
  username: "env",
  name: "周海峰",
  role: "dept_head",
  departmentId: "env-bureau",
  villageIds: [],
};
let ids = 0;
const newId = () => `id-${++ids}`;
const village = index.village("meijing");
const category = index.category("environment");
if (!village || !category) throw new Error("demo directory");
const limits = category.limits;

/** A concern registered at `at` (UTC) by a resident with the given contact. */
function registered(
  at: string,
  contact: { phone?: string; anonymous?: boolean; optOut?: boolean } = {},
) {
  const now = new Date(at);
  const { concern, events } = registerConcern({
    input: {
      villageId: "meijing",
      categoryCode: "environment",
      description: "倪巷浜河水发黑发臭，希望尽快治理",
      contactName: "张三",
      anonymous: contact.anonymous ?? false,
      ...(contact.phone === undefined
        ? { contactPhone: "13800138000" }
        : contact.phone
          ? { contactPhone: contact.phone }
          : {}),
      ...(contact.optOut ? { smsOptOut: true } : {}),
    },
    routing: routeConcern(index, village as never, category as never, null),
    limits,
    calendar: officialCalendar,
    ledgerNo: "LS-2026-000123",
    accessCode: "7KQ2M9X4PA",
    now,
    newEventId: newId,
  });
  return {
    concern,
    messages: residentMessagesFor(concern, events, { now, newId, accessCode: "7KQ2M9X4PA" }),
  };
}

function act(concern: Concern, at: string, action: Record<string, unknown>) {
  const now = new Date(at);
  const r = applyAction(concern, { ...action, expectedVersion: concern.version } as never, {
    user: head,
    now,
    newEventId: newId,
    calendar: officialCalendar,
    limits,
    index,
  });
  return {
    concern: r.concern,
    messages: residentMessagesFor(r.concern, r.events, { now, newId }),
  };
}

const only = (messages: SmsMessage[]) => {
  expect(messages).toHaveLength(1);
  return messages[0] as SmsMessage;
};

describe("resident messages, step by step", () => {
  it("sends the receipt with the code at any hour, and each step with its details", () => {
    // 23:30 in Shanghai.
    const first = registered("2026-12-07T15:30:00Z");
    const receipt = only(first.messages);
    expect(receipt).toMatchObject({
      kind: "receipt",
      to: "+8613800138000",
      audience: "resident",
      ledgerNo: "LS-2026-000123",
      sendAfter: "2026-12-07T15:30:00.000Z",
    });
    expect(receipt.params).toMatchObject({ code: "7KQ2M9X4PA", ledgerNo: "LS-2026-000123" });
    expect(receipt.link).toEqual({ purpose: "track", expiresAt: "2027-01-06T15:30:00.000Z" });

    // Signed for at 23:45: waits until 08:00 the next morning (00:00 UTC).
    const accepted = act(first.concern, "2026-12-07T15:45:00Z", { type: "accept" });
    expect(only(accepted.messages)).toMatchObject({
      kind: "signed_for",
      params: { department: first.concern.routing.department.name },
      sendAfter: "2026-12-08T00:00:00.000Z",
    });

    const deferred = act(accepted.concern, "2026-12-08T02:00:00Z", {
      type: "defer",
      committedDate: "2026-12-30",
      reason: "需等汛期过后清淤，联系人李四13900001111",
    });
    const d = only(deferred.messages);
    expect(d.kind).toBe("deferred");
    expect(d.params.date).toBe("12月30日");
    expect(d.params.reason).not.toContain("13900001111");
    expect([...(d.params.reason ?? "")].length).toBeLessThanOrEqual(20);

    // Answered at 23:00: the message waits until 08:00.
    const answered = act(deferred.concern, "2026-12-09T15:00:00Z", {
      type: "answer",
      outcome: "resolved",
      publicReply: "已清淤",
    });
    const a = only(answered.messages);
    expect(a).toMatchObject({
      kind: "answered",
      params: { outcome: "解决到位", date: "12月16日" },
      sendAfter: "2026-12-10T00:00:00.000Z",
    });
    expect(a.link).toEqual({ purpose: "rate", expiresAt: "2026-12-16T15:00:00.000Z" });

    // Dissatisfied: reopened, the redo message.
    const rated = applyFeedback(
      answered.concern,
      { rating: "dissatisfied" },
      {
        now: new Date("2026-12-10T03:00:00Z"),
        newEventId: newId,
        limits,
        calendar: officialCalendar,
      },
    );
    const redo = residentMessagesFor(rated.concern, rated.events, {
      now: new Date("2026-12-10T03:00:00Z"),
      newId,
    });
    expect(redo.map((m) => m.kind)).toEqual(["redo"]);

    // Dissatisfied again: the contact leader verifies and orders a redo.
    const second = act(rated.concern, "2026-12-11T03:00:00Z", {
      type: "answer",
      outcome: "explained",
      publicReply: "已解释",
    });
    const verifyAt = new Date("2026-12-11T04:00:00Z");
    const verify = applyFeedback(
      second.concern,
      { rating: "dissatisfied" },
      { now: verifyAt, newEventId: newId, limits, calendar: officialCalendar },
    );
    expect(residentMessagesFor(verify.concern, verify.events, { now: verifyAt, newId })).toEqual(
      [],
    );
    const ordered = act(verify.concern, "2026-12-11T05:00:00Z", { type: "redo", reason: "再办" });
    expect(ordered.messages.map((m) => m.kind)).toEqual(["redo"]);
    const again = act(ordered.concern, "2026-12-12T03:00:00Z", {
      type: "answer",
      outcome: "explained",
      publicReply: "已解释",
    });
    const satisfied = applyFeedback(
      again.concern,
      { rating: "satisfied" },
      {
        now: new Date("2026-12-12T04:00:00Z"),
        newEventId: newId,
        limits,
        calendar: officialCalendar,
      },
    );
    expect(
      residentMessagesFor(satisfied.concern, satisfied.events, {
        now: new Date("2026-12-12T04:00:00Z"),
        newId,
      }).map((m) => m.kind),
    ).toEqual(["struck_off"]);
  });

  it("reminds once on the 5th day of an unrated answer, then strikes it off after the 7th", () => {
    const { concern } = registered("2026-12-07T02:00:00Z");
    const accepted = act(concern, "2026-12-07T03:00:00Z", { type: "accept" });
    const answered = act(accepted.concern, "2026-12-07T04:00:00Z", {
      type: "answer",
      outcome: "assisted",
      publicReply: "已帮扶",
    });
    const run = (c: Concern, at: string) => {
      const now = new Date(at);
      const step = escalate(c, { now, calendar: officialCalendar, index, newId });
      return step
        ? {
            concern: step.concern,
            messages: residentMessagesFor(step.concern, step.events, { now, newId }),
          }
        : null;
    };
    expect(run(answered.concern, "2026-12-11T03:59:00Z")).toBeNull(); // day 4
    const reminder = run(answered.concern, "2026-12-11T04:00:00Z");
    expect(reminder && only(reminder.messages)).toMatchObject({
      kind: "rating_reminder",
      params: { date: "12月14日" },
    });
    if (!reminder) throw new Error("no reminder");
    expect(run(reminder.concern, "2026-12-12T04:00:00Z")).toBeNull(); // once
    const struck = run(reminder.concern, "2026-12-14T04:01:00Z");
    expect(struck?.messages.map((m) => m.kind)).toEqual(["struck_off"]);
  });

  it("sends nothing to an anonymous resident, a landline, one who opted out, or after stopping", () => {
    expect(registered("2026-12-07T02:00:00Z", { anonymous: true }).messages).toEqual([]);
    expect(registered("2026-12-07T02:00:00Z", { phone: "0510-83312345" }).messages).toEqual([]);
    expect(registered("2026-12-07T02:00:00Z", { phone: "" }).messages).toEqual([]);
    expect(registered("2026-12-07T02:00:00Z", { optOut: true }).messages).toEqual([]);
    const { concern } = registered("2026-12-07T02:00:00Z");
    const stopped = stopSmsUpdates(concern, {
      now: new Date("2026-12-07T03:00:00Z"),
      newEventId: newId,
    });
    expect(stopped?.events.map((e: ConcernEvent) => [e.type, e.public, e.actor.kind])).toEqual([
      ["sms_opted_out", true, "resident"],
    ]);
    if (!stopped) throw new Error("not stopped");
    expect(stopSmsUpdates(stopped.concern, { now: new Date(), newEventId: newId })).toBeNull();
    expect(act(stopped.concern, "2026-12-07T04:00:00Z", { type: "accept" }).messages).toEqual([]);
  });

  it("says dates as a text message does", () => {
    expect(smsDate("2026-01-05")).toBe("1月5日");
    expect(smsDate(new Date("2026-12-31T16:30:00Z"))).toBe("1月1日");
  });
});
