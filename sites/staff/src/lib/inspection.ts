import type { Inspection, WatchList, WatchListView } from "@lianxin/contract";
import type { MessageKey } from "../i18n/messages";

export type { Inspection, MessageKey, WatchList };

/** The message key of a list's title (each list named in both languages). */
export function listTitleKey(list: WatchList): MessageKey {
  return `insp.list.${list}`;
}

/** When each item went on its list, by ledger number (ConcernList's date column). */
export function datesOf(items: WatchListView["items"]): Record<string, string> {
  return Object.fromEntries(items.map((i) => [i.ledgerNo, i.enteredAt]));
}
