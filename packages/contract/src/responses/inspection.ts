import type { QueueItem, WatchList } from "@lianxin/core";

/** A concern on a watch list: as the queue shows it, with when it went on the list. */
export type WatchListItem = QueueItem & {
  /** When it went on the list (overdue: when its limit passed). */
  enteredAt: string;
  /** A repeat resident's earlier concerns (ledger numbers) of the same village and category. */
  related: string[];
};

/**
 * One of the inspectors' lists (纪委监督清单), at most `limit` items: newest first; the overdue
 * list longest overdue first.
 */
export interface WatchListView {
  list: WatchList;
  items: WatchListItem[];
  /** The list holds more than the items shown (cut at `limit`). */
  more: boolean;
  /** The items shown per handling department, by name, most first. */
  byDepartment: Array<{ id: string; name: string; count: number }>;
}

/** `GET /api/staff/inspection`: the discipline commission's view. */
export interface Inspection {
  lists: WatchListView[];
  /** The most items a list shows. */
  limit: number;
  /** The working days past a limit that put an open item on the overdue list. */
  overdueWorkingDays: number;
}
