import { readJson } from "../http/body.js";
import { lazy } from "../lazy.js";
import { param, type Route, staffRoute } from "./define.js";

/**
 * Open311 api_keys (admin): issue (the secret in the 201 answer only), list, revoke. Each
 * handler loads its use case on first use.
 */
const open311Keys = lazy(() => import("../use-cases/open311/open311-keys.js"));

export const open311KeyRoutes: Route[] = [
  // Open311 api_keys (admin): the secret is in the 201 answer only.
  staffRoute("GET", "/api/staff/open311-keys", async (c, deps, auth) =>
    c.json(await (await open311Keys()).listOpen311Keys(deps, auth)),
  ),
  staffRoute("POST", "/api/staff/open311-keys", async (c, deps, auth) =>
    c.json(await (await open311Keys()).issueOpen311Key(deps, auth, await readJson(c)), 201),
  ),
  staffRoute("POST", "/api/staff/open311-keys/:id/revoke", async (c, deps, auth) => {
    const { revokeOpen311Key } = await open311Keys();
    return c.json(await revokeOpen311Key(deps, auth, param(c, "id"), await readJson(c)));
  }),
];
