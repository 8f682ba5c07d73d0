import type { ConcernFlags, ConcernStatus, QueueItem } from "@lianxin/core";

/** `GET /api/staff/queue`: a page of the work queue and the counts of the whole queue. */
export interface QueueResponse {
  items: QueueItem[];
  counts: { total: number; overdue: number; byStatus: Partial<Record<ConcernStatus, number>> };
  nextCursor: string | null;
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
