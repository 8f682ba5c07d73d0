import * as z from "zod/mini";
import { LedgerNo } from "../ledger/ledger-number.js";
import { BULK_ITEMS_MAX, type BulkAction } from "../vocabulary.js";
import { BULK_ACTION_FIELDS, type ConcernAction, ConcernVersion } from "./actions.js";

export { BULK_ITEMS_MAX };

type Words = { "zh-CN": string; en: string };
const words = (zh: string, en: string): { params: { words: Words } } => ({
  params: { words: { "zh-CN": zh, en } },
});

/** One selected row: its ledger number and the version the queue showed. */
const BulkItem = z.strictObject({ ledgerNo: LedgerNo, version: ConcernVersion });

const BulkItems = z.array(BulkItem).check(
  z.refine((items) => items.length >= 1, words("请至少选择 1 件", "Select at least 1 item")),
  z.refine(
    (items) => items.length <= BULK_ITEMS_MAX,
    words(`一次最多 ${BULK_ITEMS_MAX} 件`, `At most ${BULK_ITEMS_MAX} items at a time`),
  ),
  z.refine(
    (items) => new Set(items.map((i) => i.ledgerNo)).size === items.length,
    words("同一台账编号出现了两次", "The same ledger number is listed twice"),
  ),
);

/**
 * The body of `POST /api/staff/bulk-actions`: one action type, its own fields (the single
 * action's, BULK_ACTION_FIELDS) and the selected concerns, each with the version it was seen at.
 */
export const BulkActionRequest = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("accept"), items: BulkItems, ...BULK_ACTION_FIELDS.accept }),
  z.strictObject({
    type: z.literal("dispatch"),
    items: BulkItems,
    ...BULK_ACTION_FIELDS.dispatch,
  }),
  z.strictObject({ type: z.literal("assign"), items: BulkItems, ...BULK_ACTION_FIELDS.assign }),
  z.strictObject({
    type: z.literal("supervise"),
    items: BulkItems,
    ...BULK_ACTION_FIELDS.supervise,
  }),
]);
export type BulkActionRequest = z.infer<typeof BulkActionRequest>;

// The request's types are exactly the vocabulary's bulk actions.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const requestMatchesVocabulary: Same<BulkActionRequest["type"], BulkAction> = true;
void requestMatchesVocabulary;

/**
 * Each selected concern's own action, as the single-action route takes it: the request's
 * fields with that item's version.
 */
export function itemActions(
  request: BulkActionRequest,
): { ledgerNo: string; action: ConcernAction }[] {
  const { items, ...fields } = request;
  return items.map((item) => ({
    ledgerNo: item.ledgerNo,
    action: { ...fields, expectedVersion: item.version },
  }));
}
