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
