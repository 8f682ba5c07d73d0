import { endOfShanghaiDay } from "../time/shanghai.js";
import type { Concern } from "./concern.js";

/** How long a resident has to rate an answer. */
export const RATING_WINDOW_DAYS = 7;

export type DeadlineStage = "sign_for" | "respond" | "answer" | "committed" | "rating";

export interface CurrentDeadline {
  stage: DeadlineStage;
  dueAt: string;
  /** Negative once overdue. */
  remainingMs: number;
}

export function ratingDeadline(concern: Concern): Date | null {
  return concern.answeredAt
    ? new Date(Date.parse(concern.answeredAt) + RATING_WINDOW_DAYS * 86_400_000)
    : null;
}

/**
 * The resident's rating of the concern's current answer, or null while that answer is not
 * rated. After a redo the earlier rating stays on the record (and in the timeline) but rates
 * an earlier answer: the new one is open for rating again.
 */
export function currentAnswerRating(concern: Concern): Concern["rating"] {
  const { rating, answeredAt } = concern;
  return rating && answeredAt && rating.at >= answeredAt ? rating : null;
}

/** The limit the concern is running against now, and how much of it is left. */
export function currentDeadline(concern: Concern, now: Date): CurrentDeadline | null {
  const at = (stage: DeadlineStage, due: string | Date): CurrentDeadline => {
    const dueAt = typeof due === "string" ? due : due.toISOString();
    return { stage, dueAt, remainingMs: Date.parse(dueAt) - now.getTime() };
  };
  switch (concern.status) {
    case "triage":
    case "assigned":
      return at("sign_for", concern.deadlines.signForBy);
    case "accepted":
      return at("respond", concern.deadlines.respondBy);
    case "in_progress":
      return at("answer", concern.deadlines.answerBy);
    case "deferred":
      return concern.committedDate
        ? at("committed", endOfShanghaiDay(concern.committedDate))
        : at("answer", concern.deadlines.answerBy);
    case "answered": {
      if (concern.awaitingVerification) return null;
      const rating = ratingDeadline(concern);
      return rating ? at("rating", rating) : null;
    }
    default:
      return null;
  }
}

/** Overdue: a staff-side limit has passed (the rating window is the resident's, not staff's). */
export function isOverdue(concern: Concern, now: Date): boolean {
  const deadline = currentDeadline(concern, now);
  return deadline !== null && deadline.stage !== "rating" && deadline.remainingMs < 0;
}

/**
 * Where a concern sits in the queues: open work sorted by its current deadline (most
 * urgent first), answered items by their rating deadline, closed ones by closing time.
 */
export function queuePosition(concern: Concern): {
  lane: "OPEN" | "ANSWERED" | "DONE";
  sortAt: string;
} {
  if (concern.status === "struck_off" || concern.status === "merged") {
    return { lane: "DONE", sortAt: concern.closedAt ?? concern.updatedAt };
  }
  if (concern.status === "answered") {
    return {
      lane: "ANSWERED",
      sortAt: ratingDeadline(concern)?.toISOString() ?? concern.updatedAt,
    };
  }
  // The deadline does not depend on `now`; only the remaining time does.
  return {
    lane: "OPEN",
    sortAt: currentDeadline(concern, new Date(0))?.dueAt ?? concern.updatedAt,
  };
}
