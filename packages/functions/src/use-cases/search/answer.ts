/** What a staff search answers (the contract's `StaffSearchResponse`) and how much it may read. */
import type { toQueueItem } from "@lianxin/core";
import type { SearchNote } from "@lianxin/core/vocabulary";

/**
 * The bounds of one search (README of the store, "Word index"): whatever the history's size,
 * a word search sends at most ROUNDS × (terms ≤ 8) Queries of POSTINGS items each and reads
 * at most CONCERN_READS concerns; a phone search one Query and one BatchGetItem.
 */
export const SEARCH_BOUNDS = {
  /** Rows per page. */
  page: 20,
  /** Postings read per term per Query (AP-TI3's Limit). */
  postings: 100,
  /** Rounds of parallel term Queries per request (a round reads one month, or its next part). */
  rounds: 12,
  /** Concerns read (AP-F5) per request. */
  concernReads: 60,
  /** Months walked by default: this one and the 11 before. */
  months: 12,
  /** The widest range asked for. */
  maxMonths: 60,
  /** A resident's concerns listed by a phone search (AP-P1's Limit). */
  phoneConcerns: 50,
} as const;

export type Row = ReturnType<typeof toQueueItem>;
export type Answer =
  | { kind: "ledger"; ledgerNo: string }
  | {
      kind: "phone" | "words";
      items: Row[];
      count: { n: number; more: boolean };
      nextCursor: string | null;
      note: SearchNote | null;
    };
