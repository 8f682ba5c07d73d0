import type { Concern, ConcernEvent } from "../concern/concern.js";
import { currentAnswerRating, currentDeadline, ratingDeadline } from "../concern/deadline.js";
import { eventFactory, isOpen, SYSTEM_ACTOR } from "../concern/state-machine.js";
import type { DirectoryIndex } from "../directory/lookup.js";
import type { WorkingCalendar } from "../time/working-calendar.js";
import type { SystemEventReason } from "../vocabulary.js";
import { INSPECTORS_INBOX, type Notification } from "./inbox.js";
import { WATCH_OVERDUE_WORKING_DAYS, watchedOverdueFrom } from "./watch-lists.js";

/** Share of a limit after which the handler is reminded. */
export const REMINDER_AT = 0.8;
/**
 * Days after an answer when a resident who gets SMS and has not rated is reminded, once: the
 * reminder goes out on the 5th day, two before the rating window closes.
 */
export const RATING_REMINDER_AFTER_DAYS = 4;
/** Working days overdue after which the discipline commission takes the item on its list. */
export const INSPECTOR_AFTER_WORKING_DAYS = WATCH_OVERDUE_WORKING_DAYS;

export interface EscalationContext {
  now: Date;
  calendar: WorkingCalendar;
  index: DirectoryIndex;
  newId: () => string;
}

/**
 * 督办: what the escalation job does to one concern now. Pure and idempotent: what it has
 * done is recorded on the concern (`escalation`), so a second run at the same time finds
 * nothing more to do and returns null.
 * - 80 % of a limit: a reminder to the handler;
 * - the limit passed: the overdue record, automatic supervision, a notice to the contact leader;
 * - 5 working days past: onto the inspectors' list;
 * - answered and not rated: on the 5th day the resident's one reminder (if they get SMS);
 *   after 7 days struck off as "no rating".
 */
export function escalate(
  concern: Concern,
  ctx: EscalationContext,
): { concern: Concern; events: ConcernEvent[]; notifications: Notification[] } | null {
  const at = ctx.now.toISOString();
  const system = eventFactory(concern, at, SYSTEM_ACTOR, ctx.newId);
  const events: ConcernEvent[] = [];
  const notifications: Notification[] = [];
  const notify = (
    recipient: string | undefined,
    kind: Notification["kind"],
    data: Notification["data"] = {},
  ) => {
    if (recipient) {
      notifications.push({
        id: ctx.newId(),
        recipient,
        kind,
        ledgerNo: concern.ledgerNo,
        at,
        data: { title: concern.title, ...data },
      });
    }
  };
  const handler =
    concern.assignee?.id ?? ctx.index.department(concern.routing.department.id)?.head.id;
  const next: Concern = {
    ...concern,
    flags: { ...concern.flags },
    escalation: {
      ...concern.escalation,
      reminded: [...concern.escalation.reminded],
      overdue: [...concern.escalation.overdue],
    },
  };

  if (concern.status === "answered" && !concern.awaitingVerification) {
    const rateBy = ratingDeadline(concern);
    const unrated = !currentAnswerRating(concern);
    const reminderKey = `rating@${concern.answeredAt}`;
    const remindFrom =
      Date.parse(concern.answeredAt ?? "") + RATING_REMINDER_AFTER_DAYS * 86_400_000;
    if (rateBy && ctx.now > rateBy && unrated) {
      next.status = "struck_off";
      next.closedAt = at;
      events.push(
        system("struck_off", { public: true, reason: "no_rating" satisfies SystemEventReason }),
      );
      notify(handler, "struck_off_no_rating");
    } else if (
      rateBy &&
      unrated &&
      concern.smsUpdates &&
      ctx.now.getTime() >= remindFrom &&
      !concern.escalation.reminded.includes(reminderKey)
    ) {
      // The resident's one rating reminder (an SMS, messaging/resident-messages.ts).
      next.escalation.reminded.push(reminderKey);
      events.push(
        system("reminded", {
          public: false,
          data: { stage: "rating", dueAt: rateBy.toISOString() },
        }),
      );
    }
  } else if (isOpen(concern)) {
    const deadline = currentDeadline(concern, ctx.now);
    if (deadline && deadline.stage !== "rating") {
      const key = `${deadline.stage}@${deadline.dueAt}`;
      const due = Date.parse(deadline.dueAt);
      const start = Date.parse(concern.createdAt);
      const remindAt = start + REMINDER_AT * (due - start);
      const data = { stage: deadline.stage, dueAt: deadline.dueAt };
      if (ctx.now.getTime() >= due && !next.escalation.overdue.includes(key)) {
        next.escalation.overdue.push(key);
        if (!next.escalation.reminded.includes(key)) next.escalation.reminded.push(key);
        next.flags.overdue = true;
        next.flags.supervised = true;
        if (
          (deadline.stage === "sign_for" || deadline.stage === "respond") &&
          !concern.firstResponseAt
        ) {
          next.escalation.responseDueCounted = true;
        }
        events.push(system("overdue", { public: false, data }));
        events.push(
          system("supervised", {
            public: true,
            reason: "auto_overdue" satisfies SystemEventReason,
            data,
          }),
        );
        notify(concern.routing.contactLeader.id, "overdue", data);
        if (handler !== concern.routing.contactLeader.id) notify(handler, "overdue", data);
      } else if (
        ctx.now.getTime() >= remindAt &&
        ctx.now.getTime() < due &&
        !next.escalation.reminded.includes(key)
      ) {
        next.escalation.reminded.push(key);
        events.push(system("reminded", { public: false, data }));
        notify(handler, "reminder", data);
      }
      const inspectorsFrom = watchedOverdueFrom(new Date(due), ctx.calendar);
      if (ctx.now >= inspectorsFrom && ctx.now.getTime() >= due && !next.escalation.inspectors) {
        next.escalation.inspectors = true;
        events.push(system("escalated", { public: false, data }));
        notify(INSPECTORS_INBOX, "escalated", data);
      }
    }
  }
  if (events.length === 0) return null;
  next.updatedAt = at;
  next.version = concern.version + events.length;
  return { concern: next, events, notifications };
}
