import { readJson } from "../http/body.js";
import { lazy } from "../lazy.js";
import { param, type Route, sessions, staffRoute } from "./define.js";

/**
 * Staff accounts (admin): list, create, edit, and reset another's password. Each handler loads
 * its use case on first use.
 */
const accounts = lazy(() => import("../use-cases/accounts/accounts-admin.js"));

export const accountsRoutes: Route[] = [
  staffRoute("POST", "/api/staff/users/:id/password-reset", async (c, deps, auth) => {
    await (await sessions()).resetPassword(deps, auth, param(c, "id"), await readJson(c));
    return c.body(null, 204);
  }),
  staffRoute("GET", "/api/staff/accounts", async (c, deps, auth) =>
    c.json(await (await accounts()).listAccounts(deps, auth)),
  ),
  staffRoute("POST", "/api/staff/accounts", async (c, deps, auth) =>
    c.json(await (await accounts()).createAccount(deps, auth, await readJson(c)), 201),
  ),
  staffRoute("PATCH", "/api/staff/accounts/:id", async (c, deps, auth) =>
    c.json(await (await accounts()).editAccount(deps, auth, param(c, "id"), await readJson(c))),
  ),
];
