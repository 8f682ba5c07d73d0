// 批量办理 (/bulk): reading the queue's selection (repeated `item` fields `<ledgerNo>:<version>`,
// `action`, `return`), the action's own fields (the single action's specs, lib/actions.ts), and
// the API's per-item results in words. Pure: the page's server code calls the API.
import {
  BULK_ACTIONS,
  BULK_ITEMS_MAX,
  type BulkAction,
  type BulkActionResponse,
  type BulkItemResult,
} from "@lianxin/contract";
import type { MessageKey, Vars } from "../i18n/messages";
import { ACTIONS, type ActionValues, normalizeLedgerNo } from "./actions";
import { statusKey } from "./status";

/** The API's limit: a page of the queue. */
export const BULK_MAX = BULK_ITEMS_MAX;

export interface SelectedItem {
  ledgerNo: string;
  version: number;
}

type FormLike = {
  get(name: string): FormDataEntryValue | null;
  getAll(name: string): FormDataEntryValue[];
};

/**
 * The selected rows: each `item` read as `<ledgerNo>:<version>`, the same number once (the
 * first), unreadable values counted apart so the page can say so rather than drop them.
 */
export function readSelection(form: FormLike): { items: SelectedItem[]; unreadable: number } {
  const items: SelectedItem[] = [];
  let unreadable = 0;
  for (const raw of form.getAll("item")) {
    const value = typeof raw === "string" ? raw.trim() : "";
    const cut = value.lastIndexOf(":");
    const ledgerNo = cut > 0 ? normalizeLedgerNo(value.slice(0, cut)) : null;
    const versionText = value.slice(cut + 1);
    const version = /^\d{1,9}$/.test(versionText) ? Number(versionText) : Number.NaN;
    if (!ledgerNo || !Number.isInteger(version)) {
      unreadable++;
      continue;
    }
    if (!items.some((i) => i.ledgerNo === ledgerNo)) items.push({ ledgerNo, version });
  }
  return { items, unreadable };
}

export function isBulkAction(value: unknown): value is BulkAction {
  return typeof value === "string" && (BULK_ACTIONS as readonly string[]).includes(value);
}

/**
 * Where "back to the queue" goes: a path on this site only (never another site, a scheme or a
 * protocol-relative `//host`), else the user's own queue.
 */
export function safeReturn(value: unknown): string {
  if (typeof value !== "string") return "/";
  const path = value.trim();
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return "/";
  // Control characters and backslashes could be read as another host by some browsers.
  const unsafe = [...path].some((ch) => ch === "\\" || ch.charCodeAt(0) < 0x20 || ch === "\u007f");
  if (unsafe || path.length > 2000) return "/";
  try {
    const url = new URL(path, "https://staff.invalid");
    if (url.origin !== "https://staff.invalid") return "/";
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/";
  }
}

/** Whether the action has fields the user has not given yet (the form to fill comes first). */
export function needsFields(type: BulkAction, values: ActionValues): boolean {
  return ACTIONS[type].fields.some((f) => f.required && !values[f.name]?.trim());
}

/** The words of one item's outcome: a message key and its values. */
export interface Worded {
  key: MessageKey;
  vars?: Vars;
}

/** What each bulk action did, counted: a new bulk action does not compile without its words. */
const DONE: { readonly [A in BulkAction]: MessageKey } = {
  accept: "bulk.done.accept",
  dispatch: "bulk.done.dispatch",
  assign: "bulk.done.assign",
  supervise: "bulk.done.supervise",
};

/** "已签收 9 件，1 件未成功": the summary's parts. */
export function summaryOf(response: BulkActionResponse): Worded[] {
  const failed = response.counts.refused + response.counts.notDone;
  const parts: Worded[] = [{ key: DONE[response.type], vars: { n: response.counts.done } }];
  if (failed > 0) parts.push({ key: "bulk.failedCount", vars: { n: failed } });
  return parts;
}

/**
 * Why an item was not done, in words, from its HTTP status and error code: someone else got
 * there first (its current state and version), the state or the user's role does not allow
 * it, it cannot be seen, a field, or the service was away.
 */
export function reasonOf(
  item: BulkItemResult,
  type: BulkAction,
  tr: (key: MessageKey) => string,
): Worded {
  const action = ACTIONS[type].button;
  if (item.outcome === "done") {
    return { key: "bulk.item.done", vars: { status: tr(statusKey(item.status)) } };
  }
  if (item.outcome === "not_done") return { key: "bulk.item.notDone" };
  const { error } = item;
  const state = error.currentState ? tr(statusKey(error.currentState)) : "";
  switch (error.code) {
    case "conflict":
      return typeof error.currentVersion === "number"
        ? { key: "bulk.item.conflict", vars: { status: state, version: error.currentVersion } }
        : { key: "bulk.item.conflictNoState" };
    case "invalid_transition":
      return { key: "bulk.item.state", vars: { status: state, action: tr(action) } };
    case "forbidden":
      return { key: "bulk.item.forbidden", vars: { action: tr(action) } };
    case "not_found":
      return { key: "bulk.item.notFound" };
  }
  const fieldWords = Object.values(error.fields ?? {}).filter(Boolean);
  if (fieldWords.length > 0)
    return { key: "bulk.item.other", vars: { reason: fieldWords.join("；") } };
  return { key: "bulk.item.other", vars: { reason: error.message || String(item.httpStatus) } };
}
