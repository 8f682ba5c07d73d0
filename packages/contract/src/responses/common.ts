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
}
