// The closed vocabularies of an answer: its outcome and the resident's rating, with their labels.
import { OUTCOMES, type Outcome, RATINGS, type Rating } from "@lianxin/contract";
import type { MessageKey } from "../i18n/messages";

export { OUTCOMES, RATINGS };

export function isOutcome(value: unknown): value is Outcome {
  return typeof value === "string" && (OUTCOMES as readonly string[]).includes(value);
}

export function isRating(value: unknown): value is Rating {
  return typeof value === "string" && (RATINGS as readonly string[]).includes(value);
}

/** 解决到位 / 解释到位 / 帮扶到位; a neutral word for an outcome this site does not know yet. */
export function outcomeKey(outcome: string | null | undefined): MessageKey {
  return isOutcome(outcome) ? `outcome.${outcome}` : "outcome.unknown";
}

/** 满意 / 基本满意 / 不满意. */
export function ratingKey(rating: string | null | undefined): MessageKey {
  return isRating(rating) ? `rating.${rating}` : "rating.unknown";
}
