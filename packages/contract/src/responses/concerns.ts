import type { ConcernFlags, ConcernStatus, QueueCounts, QueueItem } from "@lianxin/core";
import type { BulkAction } from "@lianxin/core/vocabulary";

/**
 * `GET /api/staff/queue`: a page of the filtered list, the counts of the whole list (all
 * its pages), and what the status choice hides.
 */
export interface QueueResponse {
  items: QueueItem[];
  /** `more`: the total is a lower bound ("N+"), the read of closed items stopped early. */
  counts: QueueCounts;
  /** Open and answered items matching every other filter, of statuses not chosen. */
  hidden: Partial<Record<ConcernStatus, number>>;
  /**
   * When closed items are listed: the registration dates they are listed within, and,
   * when the read stopped early, the closing time it had read back to.
   */
  closedRange: { from: string; to: string; complete: boolean; readFrom: string | null } | null;
  nextCursor: string | null;
  /** What the selected rows can be given at once (core `bulkActionsFor`). */
  bulkActions: BulkAction[];
}

/** 201 from `POST /api/concerns/:ledgerNo/messages`: the resident's added information. */
export interface ResidentMessageEvent {
  at: string;
  type: "message";
  text: string;
}

/** 201 from `POST /api/concerns/:ledgerNo/feedback`: the concern after the rating. */
export interface FeedbackResult {
  status: ConcernStatus;
  flags: ConcernFlags;
}

/** 201 from `POST /api/staff/concerns/:ledgerNo/access-code`: shown once. */
export interface ReissuedAccessCode {
  accessCode: string;
}

/** One selected concern's end in a bulk action (`POST /api/staff/bulk-actions`). */
export type BulkItemResult =
  /** Done: its one event written, at this status and version. */
  | { ledgerNo: string; outcome: "done"; status: ConcernStatus; version: number }
  /**
   * Refused, nothing written: `httpStatus` and `error` as the single action would have
   * answered (409 conflict with `currentState` and `currentVersion` when the version seen is
   * stale or the state does not allow it; 403; 404 when the user may not see it; 400 a field).
   * Not done (`not_done`, 503 unavailable): the store failed or the request's time ran out
   * before it; trying again is safe, the version check refuses a repeat.
   */
  | {
      ledgerNo: string;
      outcome: "refused" | "not_done";
      httpStatus: number;
      error: {
        code: string;
        message: string;
        currentState?: ConcernStatus | null;
        currentVersion?: number | null;
        fields?: Record<string, string>;
      };
    };

/**
 * 200 from `POST /api/staff/bulk-actions`, whatever became of each item. Not 207 Multi-Status:
 * that is WebDAV's, with an XML body, and the request itself succeeded; each item's own
 * status is in its result, in the order sent. A failure of the request as a whole (a field,
 * a role that never takes the action, no session) is the usual 4xx.
 */
export interface BulkActionResponse {
  type: BulkAction;
  counts: { done: number; refused: number; notDone: number };
  items: BulkItemResult[];
}
