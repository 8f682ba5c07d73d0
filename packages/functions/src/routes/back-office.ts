import { readJson } from "../http/body.js";
import { clientAddress } from "../http/client-address.js";
import { locale, noStore, param, publicRoute, type Route, sessions, staffRoute } from "./define.js";

/**
 * The back office: sessions, queues, a concern's actions, notices. Each handler loads its
 * use case on first use, so a cold start pays only for the routes it serves.
 */
const concerns = () => import("../use-cases/staff/concerns.js");
const staffDirectory = () => import("../use-cases/staff/directory.js");
const notices = () => import("../use-cases/notices.js");
const open311Keys = () => import("../use-cases/staff/open311-keys.js");

export const backOfficeRoutes: Route[] = [
  publicRoute("POST", "/api/staff/session", async (c, deps) => {
    noStore(c);
    return c.json(await (await sessions()).login(deps, await readJson(c)), 201);
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
    async (c, _deps, auth) =>
      c.json({ user: auth.user, mustChangePassword: auth.mustChangePassword }),
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
  staffRoute("POST", "/api/staff/users/:id/password-reset", async (c, deps, auth) => {
    await (await sessions()).resetPassword(deps, auth, param(c, "id"), await readJson(c));
    return c.body(null, 204);
  }),
  staffRoute("GET", "/api/staff/queue", async (c, deps, auth) => {
    const { staffQueue } = await import("../use-cases/staff/queue.js");
    return c.json(await staffQueue(deps, auth, c.req.query(), locale(c)));
  }),
  staffRoute("GET", "/api/staff/departments", async (c, deps) =>
    c.json(await (await staffDirectory()).listDepartments(deps, locale(c))),
  ),
  staffRoute("GET", "/api/staff/departments/:id/staff", async (c, deps, auth) =>
    c.json(await (await staffDirectory()).listStaffOfDepartment(deps, auth, param(c, "id"))),
  ),
  staffRoute("POST", "/api/staff/concerns", async (c, deps, auth) => {
    const { submitConcern } = await import("../use-cases/submit-concern.js");
    const { receipt } = await submitConcern(deps, {
      idempotencyKey: c.req.header("idempotency-key"),
      body: await readJson(c),
      clientAddress: clientAddress(c, deps.siteSecret),
      staff: { user: auth.user },
    });
    return c.json(receipt, 201);
  }),
  staffRoute("GET", "/api/staff/concerns/:ledgerNo", async (c, deps, auth) =>
    c.json(await (await concerns()).getStaffConcern(deps, auth, param(c, "ledgerNo"), locale(c))),
  ),
  staffRoute("POST", "/api/staff/concerns/:ledgerNo/actions", async (c, deps, auth) => {
    const { actOnConcern } = await concerns();
    return c.json(
      await actOnConcern(deps, auth, param(c, "ledgerNo"), await readJson(c), locale(c)),
    );
  }),
  staffRoute("POST", "/api/staff/concerns/:ledgerNo/access-code", async (c, deps, auth) => {
    const { reissueAccessCode } = await concerns();
    return c.json(
      await reissueAccessCode(deps, auth, param(c, "ledgerNo"), await readJson(c)),
      201,
    );
  }),
  staffRoute("GET", "/api/staff/notices", async (c, deps, auth) =>
    c.json(await (await notices()).listStaffNotices(deps, auth, c.req.query(), locale(c))),
  ),
  staffRoute("PATCH", "/api/staff/notices/:id", async (c, deps, auth) => {
    const { editNotice } = await notices();
    return c.json(await editNotice(deps, auth, param(c, "id"), await readJson(c), locale(c)));
  }),
  staffRoute("POST", "/api/staff/notices/:id/publish", async (c, deps, auth) =>
    c.json(await (await notices()).publishNotice(deps, auth, param(c, "id"), locale(c))),
  ),
  staffRoute("GET", "/api/staff/access-log", async (c, deps, auth) =>
    c.json(await (await staffDirectory()).accessLog(deps, auth, c.req.query())),
  ),
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
