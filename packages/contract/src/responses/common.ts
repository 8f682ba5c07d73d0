import type { ReviewSpan } from "@lianxin/core";

/** Shapes many responses share. */

/** A directory entry or person as the API names it. */
export interface Ref {
  id: string;
  name: string;
}

/** One page of a list, newest first; `nextCursor` is opaque, null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** 0..1, or null where the denominator is zero. */
export type Rate = number | null;

/** The error body every 4xx/5xx carries (`packages/functions/src/http/errors.ts`). */
export interface ApiErrorBody {
  code: string;
  message: string;
  /** Field name → what is wrong with it, worded in the caller's language. */
  fields?: Record<string, string>;
  currentState?: string;
  currentVersion?: number;
  /** With `review_required` (422): the public texts as they would be published, and their highlights. */
  texts?: ReviewRequiredError["texts"];
  highlights?: ReviewRequiredError["highlights"];
}

/**
 * The details of a 422 `review_required` (公开前审核): a public text holds spans that may be
 * personal data. `texts` has each public field (e.g. `publicReply`) with what is certain
 * already masked; `highlights` each field's undecided spans, UTF-16 offsets into that masked
 * text. The caller resubmits with `review: { mask, keep }`, a span's `text` being its term.
 */
export interface ReviewRequiredError {
  texts: Record<string, string>;
  highlights: Record<string, ReviewSpan[]>;
}
