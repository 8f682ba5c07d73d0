import { DomainError } from "../errors.js";
import type { Notification } from "../escalation/inbox.js";
import type { StaffUser } from "../staff/schema.js";
import type { CategoryLimits } from "../time/limits.js";
import { limitEnd } from "../time/limits.js";
import type { WorkingCalendar } from "../time/working-calendar.js";
import type { SystemEventReason } from "../vocabulary.js";
import type { Feedback } from "./actions.js";
import type { Concern, ConcernEvent } from "./concern.js";
import { ratingDeadline } from "./deadline.js";
import {
  eventFactory,
  RESIDENT_ACTOR,
  SYSTEM_ACTOR,
  staffActor,
  warningAfter,
} from "./state-machine.js";

/**
 * 跟踪问效: the resident rates the answer within the rating window.
 * - satisfied / basically satisfied: struck off at once (by the system);
 * - dissatisfied, the first time: reopened for a redo, with a fresh answer limit;
 * - dissatisfied again: the contact leader verifies (strike off, or order another redo), and
 *   is told so in their inbox (a notification written with the change).
 */
export function applyFeedback(
  concern: Concern,
  feedback: Feedback,
  ctx: {
    now: Date;
    newEventId: () => string;
    limits: CategoryLimits;
    calendar: WorkingCalendar;
    /**
     * 回访: a staff member who called the resident and took the rating by phone. It counts
     * as the resident's own; the event records who took it and the channel.
     */
    takenBy?: StaffUser;
  },
): { concern: Concern; events: ConcernEvent[]; notifications: Notification[] } {
  const deadline = ratingDeadline(concern);
  if (
    concern.status !== "answered" ||
    concern.awaitingVerification ||
    !deadline ||
    ctx.now > deadline
  ) {
    throw new DomainError("conflict", {
      details: { currentState: concern.status, currentVersion: concern.version },
    });
  }
  const at = ctx.now.toISOString();
  const rater = eventFactory(
    concern,
    at,
    ctx.takenBy ? staffActor(ctx.takenBy) : RESIDENT_ACTOR,
    ctx.newEventId,
  );
  const rating = { rating: feedback.rating, comment: feedback.comment ?? null, at };
  const next: Concern = { ...concern, rating, updatedAt: at };
  const events = [
    rater("rated", {
      public: true,
      text: feedback.comment ?? null,
      data: ctx.takenBy
        ? { rating: feedback.rating, channel: "phone" }
        : { rating: feedback.rating },
    }),
  ];
  const notifications: Notification[] = [];
  const system = eventFactory(
    { ...concern, version: concern.version + 1 },
    at,
    SYSTEM_ACTOR,
    ctx.newEventId,
  );

  if (feedback.rating !== "dissatisfied") {
    next.status = "struck_off";
    next.closedAt = at;
    events.push(
      system("struck_off", {
        public: true,
        reason: "satisfied_rating" satisfies SystemEventReason,
      }),
    );
  } else if (concern.dissatisfiedCount === 0) {
    next.status = "in_progress";
    next.dissatisfiedCount = 1;
    next.reopenCount = concern.reopenCount + 1;
    next.flags = { ...concern.flags, reopened: true };
    const answerBy = limitEnd(ctx.now, ctx.limits.answer, ctx.calendar);
    next.deadlines = { ...concern.deadlines, answerBy: answerBy.toISOString() };
    next.calendarWarning = warningAfter(concern, ctx.now, answerBy, ctx.calendar);
    events.push(
      system("reopened", {
        public: true,
        reason: "dissatisfied_rating" satisfies SystemEventReason,
      }),
    );
  } else {
    next.dissatisfiedCount = concern.dissatisfiedCount + 1;
    next.awaitingVerification = true;
    const leader = concern.routing.contactLeader.id;
    if (leader) {
      notifications.push({
        id: ctx.newEventId(),
        recipient: leader,
        kind: "verification_needed",
        ledgerNo: concern.ledgerNo,
        at,
        data: { title: concern.title },
      });
    }
  }
  next.version = concern.version + events.length;
  return { concern: next, events, notifications };
}
