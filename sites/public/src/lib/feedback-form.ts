// The rating form on the tracking page: what the resident chose, normalised, and its problems.
import type { Feedback as FeedbackBody, Rating } from "@lianxin/contract";
import type { Problems } from "./concern-form";
import { isRating } from "./outcome";

export const COMMENT_MAX = 500;

export const FEEDBACK_FIELDS = ["rating", "comment"] as const;
export type FeedbackField = (typeof FEEDBACK_FIELDS)[number];

/** What was posted, kept as typed so that a re-rendered form shows it unchanged. */
export interface FeedbackValues {
  rating: string;
  comment: string;
}

export type FeedbackInput =
  | { ok: true; body: FeedbackBody; values: FeedbackValues }
  | { ok: false; problems: Problems<FeedbackField>; values: FeedbackValues };

type FormLike = { get(name: string): FormDataEntryValue | null };

function str(form: FormLike, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
}

/**
 * Read the rating form. The rating must be one of the three; the comment is optional, trimmed,
 * at most 500 characters (UTF-16 code units, as the API counts), and left out when empty.
 */
export function readFeedbackForm(form: FormLike): FeedbackInput {
  const values: FeedbackValues = {
    rating: str(form, "rating").trim(),
    comment: str(form, "comment"),
  };
  const problems: Problems<FeedbackField> = {};
  if (!values.rating) problems.rating = { key: "val.ratingRequired" };
  else if (!isRating(values.rating)) problems.rating = { key: "val.ratingUnknown" };
  const comment = values.comment.trim();
  if (comment.length > COMMENT_MAX)
    problems.comment = { key: "val.commentTooLong", vars: { max: COMMENT_MAX, n: comment.length } };
  if (problems.rating || problems.comment) return { ok: false, problems, values };
  const body: FeedbackBody = { rating: values.rating as Rating };
  if (comment) body.comment = comment;
  return { ok: true, body, values };
}
