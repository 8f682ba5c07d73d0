import { readJson } from "../http/body.js";
import { clientAddress } from "../http/client-address.js";
import { lazy } from "../lazy.js";
import { noStore, publicRoute, type Route, sessions, staffRoute } from "./define.js";

/**
 * Staff sessions: sign in and out, who am I, change one's password. Each handler loads its use
 * case on first use.
 */

const inbox = lazy(() => import("../use-cases/monitoring/inbox.js"));

export const sessionsRoutes: Route[] = [
  publicRoute("POST", "/api/staff/session", async (c, deps) => {
    noStore(c);
    const { login } = await sessions();
    return c.json(await login(deps, await readJson(c), clientAddress(c, deps.siteSecret)), 201);
  }),
  staffRoute(
    "DELETE",
    "/api/staff/session",
    async (c, deps, auth) => {
      await (await sessions()).logout(deps, auth);
      return c.body(null, 204);
    },
    { beforePasswordChange: true },
  ),
  staffRoute(
    "GET",
    "/api/staff/me",
    async (c, deps, auth) =>
      c.json({
        user: auth.user,
        mustChangePassword: auth.mustChangePassword,
        // The 消息 badge on every page (the staff site asks this on each): null, no badge,
        // when it could not be counted or the password must be changed first.
        unread: auth.mustChangePassword ? null : await (await inbox()).unreadCount(deps, auth),
      }),
    { beforePasswordChange: true },
  ),
  staffRoute(
    "POST",
    "/api/staff/password",
    async (c, deps, auth) => {
      await (await sessions()).changePassword(deps, auth, await readJson(c));
      return c.body(null, 204);
    },
    { beforePasswordChange: true },
  ),
];
