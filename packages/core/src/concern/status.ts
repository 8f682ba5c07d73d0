import * as z from "zod/mini";
import { CONCERN_STATUSES } from "../vocabulary.js";

/**
 * Where a concern is in its life (the list and its Chinese terms: vocabulary.ts). Overdue,
 * supervised and reopened are flags, not states: a concern can be overdue whatever step it is at.
 */
export const ConcernStatus = z.enum(CONCERN_STATUSES);
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
