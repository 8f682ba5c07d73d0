import { readJson } from "../http/body.js";
import { lazy } from "../lazy.js";
import { locale, param, publicRoute, type Route, staffRoute } from "./define.js";

/**
 * Close-out notices (公示): published ones for everyone; drafts, edits and publishing in the back
 * office. Each handler loads its use case on first use.
 */
const notices = lazy(() => import("../use-cases/notices/notices.js"));

export const noticesRoutes: Route[] = [
  publicRoute("GET", "/api/notices", async (c, deps) => {
    c.header("Cache-Control", "public, max-age=60");
    return c.json(await (await notices()).listPublicNotices(deps, c.req.query(), locale(c)));
  }),
  publicRoute("GET", "/api/notices/:id", async (c, deps) => {
    c.header("Cache-Control", "public, max-age=60");
    return c.json(await (await notices()).getPublicNotice(deps, param(c, "id"), locale(c)));
  }),
  staffRoute("GET", "/api/staff/notices", async (c, deps, auth) =>
    c.json(await (await notices()).listStaffNotices(deps, auth, c.req.query(), locale(c))),
  ),
  staffRoute("PATCH", "/api/staff/notices/:id", async (c, deps, auth) => {
    const { editNotice } = await notices();
    return c.json(await editNotice(deps, auth, param(c, "id"), await readJson(c), locale(c)));
  }),
  // The body is optional: `{ photos }`, the "after" photos admin chose to publish.
  staffRoute("POST", "/api/staff/notices/:id/publish", async (c, deps, auth) => {
    const body = c.req.bytes().byteLength ? await readJson(c) : {};
    const { publishNotice } = await notices();
    return c.json(await publishNotice(deps, auth, param(c, "id"), locale(c), body));
  }),
  staffRoute("POST", "/api/staff/notices/:id/review", async (c, deps, auth) => {
    const { reviewNotice } = await notices();
    return c.json(await reviewNotice(deps, auth, param(c, "id"), await readJson(c), locale(c)));
  }),
  staffRoute("POST", "/api/staff/notices/publish", async (c, deps, auth) => {
    const { publishNotices } = await notices();
    return c.json(await publishNotices(deps, auth, await readJson(c), locale(c)));
  }),
];
