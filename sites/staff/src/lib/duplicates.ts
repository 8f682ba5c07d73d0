// 可能重复 on the concern page: whether the page offers the list, and the fields of the
// one-click merge form of a row (the existing merge action, its reason filled in). Pure.
import type { DuplicateSuggestion } from "@lianxin/contract";

/** What the page shows: nothing (the user may not merge this concern), a failure, or the list. */
export type DuplicatesState =
  | { kind: "hidden" }
  | { kind: "failed" }
  | { kind: "loaded"; items: DuplicateSuggestion[] };

/** Only those who may merge the concern now see its possible duplicates (the merge form's rule). */
export function offersDuplicates(allowedActions: readonly string[] | undefined): boolean {
  return (allowedActions ?? []).includes("merge");
}

/**
 * The hidden fields of a row's merge form, as the merge action form posts them (intent, type,
 * version, target), with the reason written out ("与 LS-2026-000123 反映同一问题（相似度 72%）").
 */
export function mergeFormFields(
  opened: { version: number },
  target: { ledgerNo: string },
  reason: string,
): Array<[name: string, value: string]> {
  return [
    ["intent", "action"],
    ["type", "merge"],
    ["expectedVersion", String(opened.version)],
    ["targetLedgerNo", target.ledgerNo],
    ["reason", reason],
  ];
}
