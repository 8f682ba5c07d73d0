import * as z from "zod/mini";

/**
 * Where a concern is in its life. Overdue, supervised and reopened are flags, not
 * states: a concern can be overdue whatever step it is at.
 */
export const ConcernStatus = z.enum([
  "triage", // 待分派: no rule routed it; the town office dispatches
  "assigned", // 已分派: routed to a department, waiting to be signed for
  "accepted", // 已签收
  "in_progress", // 办理中: the resident has had a first response
  "deferred", // 限期办理: a committed completion date
  "answered", // 已答复: outcome and public reply given
  "struck_off", // 已销号
  "merged", // 已合并 into another ledger item
]);
export type ConcernStatus = z.infer<typeof ConcernStatus>;

export const ConcernFlags = z.object({
  overdue: z.boolean(),
  supervised: z.boolean(),
  reopened: z.boolean(),
});
export type ConcernFlags = z.infer<typeof ConcernFlags>;

/** Who may see a concern: conduct complaints only inspectors and admin. */
export const Visibility = z.enum(["standard", "discipline"]);
export type Visibility = z.infer<typeof Visibility>;
