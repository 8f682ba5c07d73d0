import type { WatchEntry } from "@lianxin/core";
import type { ConcernChange } from "@lianxin/store";
import type { Deps } from "../../deps.js";

/**
 * A change with the watch-list entries it makes (core `watchEntriesOf`, computed where the
 * concern before the change is known: `changeOf`). Its items go in the change's own
 * transaction, so a concern is on a list exactly when the change that put it there committed.
 */
export interface WatchedChange extends ConcernChange {
  watch?: readonly WatchEntry[];
}

/** The watch-list items of changes, for the further items of their transaction (AP-W0). */
export function watchItemsOf(deps: Deps, changes: readonly WatchedChange[]) {
  return changes.flatMap((c) => (c.watch ?? []).map((e) => deps.store.items.watch(e)));
}
