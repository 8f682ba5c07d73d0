import type { BulkActionResponse, BulkItemResult } from "@lianxin/contract";
import type { Locale } from "@lianxin/core";
import type { BulkItemOutcome } from "../use-cases/concerns/bulk-actions.js";
import { domainErrorOf } from "./errors.js";

/** A bulk action's items as the API answers them: each refusal worded as the single action's. */
export function bulkResponse(
  result: { type: BulkActionResponse["type"]; items: BulkItemOutcome[] },
  locale: Locale,
): BulkActionResponse {
  const items = result.items.map((item): BulkItemResult => {
    if (item.outcome === "done") return item;
    const { status, error } = domainErrorOf(item.error, locale);
    return { ledgerNo: item.ledgerNo, outcome: item.outcome, httpStatus: status, error };
  });
  const count = (outcome: BulkItemResult["outcome"]) =>
    items.filter((i) => i.outcome === outcome).length;
  return {
    type: result.type,
    counts: { done: count("done"), refused: count("refused"), notDone: count("not_done") },
    items,
  };
}
