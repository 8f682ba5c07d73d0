/**
 * Compile-time checks of the route helpers (`tsc -b` covers this file; nothing imports it):
 * a handler must answer what the contract says its route answers, and a route must be in
 * the contract with the access it declares there. Each `@ts-expect-error` must keep firing.
 */
import { publicRoute, staffRoute } from "./define.js";

export const typeChecks = [
  // @ts-expect-error -- `/api/staff/me` answers `{ user, mustChangePassword, unread }`
  staffRoute("GET", "/api/staff/me", async (c) => c.json({ user: null })),
  // @ts-expect-error -- `/api/health` answers `{ ok: true }`
  publicRoute("GET", "/api/health", async (c) => c.json({ ok: "yes" })),
  // @ts-expect-error -- the contract has no such route
  publicRoute("GET", "/api/nothing", async (c) => c.json({})),
  // @ts-expect-error -- the dashboard is a staff route, not a public one
  publicRoute("GET", "/api/staff/dashboard", async (c) => c.body(null, 204)),
  staffRoute("GET", "/api/staff/me", async (c, _deps, auth) =>
    c.json({ user: auth.user, mustChangePassword: false, unread: null }),
  ),
];
