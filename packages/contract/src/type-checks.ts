/**
 * Compile-time checks of the contract (`tsc -b` covers this file): each `@ts-expect-error`
 * marks a misuse that must not compile. If the types ever go loose (a response typed `any`,
 * a path that takes any string), the directive has nothing to expect and the build fails.
 */
import type { ParamsOf, PathsFor, ResponseOf } from "./route-types.js";
import { ROUTE_ACCESS } from "./routes.js";

declare const view: ResponseOf<"GET /api/staff/concerns/:ledgerNo">;
declare const receipt: ResponseOf<"POST /api/concerns">;
declare const dashboard: ResponseOf<"GET /api/staff/dashboard">;
declare const bulk: ResponseOf<"POST /api/staff/bulk-actions">;

export const typeChecks = [
  // A staff view has no access code; a receipt has one, but no timeline.
  // @ts-expect-error -- the staff view is not a receipt
  view.accessCode,
  // @ts-expect-error -- a receipt has no timeline
  receipt.timeline.length,
  // A status is one of the statuses, not any string.
  // @ts-expect-error -- "closed" is no concern status
  view.status === "closed",
  // @ts-expect-error -- a rate is a number or null, never a string
  dashboard.rates.response.toUpperCase(),
  receipt.ledgerNo.toUpperCase(),
  view.allowedActions.includes("accept"),
  // @ts-expect-error -- no such action
  view.allowedActions.includes("approve"),
  // A bulk item is done, refused or not done; only a done one has a status.
  // @ts-expect-error -- no such outcome
  bulk.items[0]?.outcome === "partial",
  // @ts-expect-error -- a refused item has no status, only its error
  bulk.items.filter((i) => i.outcome === "refused")[0]?.status,
  ROUTE_ACCESS["GET /api/health"] === "public",
  // @ts-expect-error -- the table has no such route
  ROUTE_ACCESS["GET /api/nothing"],
] as const;

// Paths are the table's, and a path's parameters are named by it.
export const knownPath: PathsFor<"GET"> = "/api/staff/concerns/:ledgerNo";
// @ts-expect-error -- not a GET route
export const unknownPath: PathsFor<"GET"> = "/api/staff/concerns/:ledgerNo/actions";
export const params: ParamsOf<"/api/staff/concerns/:ledgerNo"> = { ledgerNo: "LS-2026-000001" };
// @ts-expect-error -- the parameter is `ledgerNo`
export const wrongParams: ParamsOf<"/api/staff/concerns/:ledgerNo"> = { id: "LS-2026-000001" };
