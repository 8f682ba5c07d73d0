import type { QueueItem } from "@lianxin/core";
import type { SearchNote } from "@lianxin/core/vocabulary";

/**
 * `GET /api/staff/search?q=`: a ledger number the user may see answers where to go; a mobile
 * or words answer rows in the queue's shape, newest first.
 */
export type StaffSearchResponse =
  | { kind: "ledger"; ledgerNo: string }
  | {
      kind: "phone" | "words";
      items: QueueItem[];
      /** How many were found so far (earlier pages included); `more`: shown as "N+". */
      count: { n: number; more: boolean };
      /** The next page of the same search; null when nothing is left to read. */
      nextCursor: string | null;
      /** Why nothing was answered though the query was fine. */
      note: SearchNote | null;
    };
