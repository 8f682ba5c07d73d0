import {
  BulkActionRequest,
  bulkActionsFor,
  type ConcernStatus,
  DomainError,
  itemActions,
} from "@lianxin/core";
import type { BulkAction } from "@lianxin/core/vocabulary";
import { currentDeadline } from "@lianxin/store";
import { mapBounded } from "../../bounded.js";
import type { Deps } from "../../deps.js";
import { isUnavailable } from "../../http/errors.js";
import type { StaffAuth } from "../accounts/session.js";
import { currentDirectory } from "../directory/current-directory.js";
import { parseInput } from "../parse.js";
import { performAction } from "./staff-concerns.js";

/**
 * Items acted on at once: a few concurrent transactions keep a batch of 50 well inside the
 * request's deadline without one request crowding the table (each item is one AP-C2 read and
 * one AP-C3 transaction).
 */
export const BULK_CONCURRENCY = 4;

/**
 * No item starts this close to the request's deadline: one item's read and transaction fit in
 * it, so the request answers with what was done rather than being cut off.
 */
const DEADLINE_MARGIN_MS = 1_500;

/** One item's end: done (its new state), refused (why), or not done (the store went away). */
export type BulkItemOutcome =
  | { ledgerNo: string; outcome: "done"; status: ConcernStatus; version: number }
  | { ledgerNo: string; outcome: "refused" | "not_done"; error: DomainError };

/**
 * 批量办理: the same action on each selected concern, each its own action through the single
 * action's path (performAction): its own permission and state check, its own version
 * condition, its own event and transaction, so an item is applied whole or not at all and a
 * refused item does not stop the others. Once the store fails (or the deadline nears), no
 * further item starts: those done stay done, the rest are reported not done.
 */
export async function bulkAct(
  deps: Deps,
  auth: StaffAuth,
  body: unknown,
): Promise<{ type: BulkAction; items: BulkItemOutcome[] }> {
  const request = parseInput(BulkActionRequest, body);
  if (!bulkActionsFor(auth.user).includes(request.type)) throw new DomainError("forbidden");
  if (request.type === "dispatch") {
    // One unknown department would refuse every item alike: refuse the request instead.
    const index = await currentDirectory(deps);
    if (!index.department(request.departmentId)) {
      throw new DomainError("validation_failed", {
        fields: {
          departmentId: {
            kind: "invalid",
            message: { "zh-CN": "没有这个部门", en: "Unknown department" },
          },
        },
      });
    }
  }
  let stopped = false;
  const items = await mapBounded(
    itemActions(request),
    BULK_CONCURRENCY,
    async ({ ledgerNo, action }): Promise<BulkItemOutcome> => {
      if (stopped || nearDeadline()) {
        stopped = true;
        return { ledgerNo, outcome: "not_done", error: new DomainError("unavailable") };
      }
      try {
        const { change } = await performAction(deps, auth, ledgerNo, action);
        return {
          ledgerNo,
          outcome: "done",
          status: change.concern.status,
          version: change.concern.version,
        };
      } catch (error) {
        if (error instanceof DomainError && error.code !== "unavailable") {
          return { ledgerNo, outcome: "refused", error };
        }
        // The store is down, slow or past the deadline (or a fault of ours): whether this
        // item's transaction landed is unknown, and retrying it is safe (a second try at the
        // same version is a 409 if the first landed).
        stopped = true;
        const level = error instanceof DomainError || isUnavailable(error) ? "warn" : "error";
        console[level](
          JSON.stringify({
            level,
            msg: "bulk action item not done",
            ledgerNo,
            error: String(error),
          }),
        );
        return { ledgerNo, outcome: "not_done", error: new DomainError("unavailable") };
      }
    },
  );
  return { type: request.type, items };
}

function nearDeadline(): boolean {
  const deadline = currentDeadline();
  return deadline !== undefined && deadline.at - deadline.clock() < DEADLINE_MARGIN_MS;
}
