import { lazy } from "../lazy.js";
import { locale, param, publicRoute, type Route, staffRoute } from "./define.js";

/**
 * Monitoring: health, the public statistics, leaders' dashboard, the inbox, and who saw
 * personal data (the access log). Each handler loads its use case on first use.
 */
const staffDirectory = lazy(() => import("../use-cases/directory/departments.js"));
const inbox = lazy(() => import("../use-cases/monitoring/inbox.js"));

const health = lazy(() => import("../use-cases/monitoring/health.js"));
const dashboards = lazy(() => import("../use-cases/monitoring/dashboard.js"));
const inspection = lazy(() => import("../use-cases/inspection/inspection.js"));
const hotTopicsUseCase = lazy(() => import("../use-cases/monitoring/hot-topics.js"));
const rankings = lazy(() => import("../use-cases/monitoring/rankings.js"));
const dashboardEventLists = lazy(() => import("../use-cases/monitoring/dashboard-events.js"));

export const monitoringRoutes: Route[] = [
  publicRoute("GET", "/api/health", async (c, deps) => {
    const { checkHealth } = await health();
    return c.json(await checkHealth(deps));
  }),
  publicRoute("GET", "/api/statistics", async (c, deps) => {
    const { publicStatistics } = await dashboards();
    c.header("Cache-Control", "public, max-age=300");
    return c.json(await publicStatistics(deps, locale(c)));
  }),
  staffRoute("GET", "/api/staff/access-log", async (c, deps, auth) =>
    c.json(await (await staffDirectory()).accessLog(deps, auth, c.req.query())),
  ),
  staffRoute("GET", "/api/staff/dashboard", async (c, deps, auth) => {
    const { dashboard } = await dashboards();
    return c.json(await dashboard(deps, auth, c.req.query(), locale(c)));
  }),
  staffRoute("GET", "/api/staff/dashboard/hot-topics", async (c, deps, auth) => {
    const { hotTopics } = await hotTopicsUseCase();
    return c.json(await hotTopics(deps, auth, c.req.query(), locale(c)));
  }),
  staffRoute("GET", "/api/staff/dashboard/rankings", async (c, deps, auth) =>
    c.json(await (await rankings()).rankings(deps, auth, c.req.query(), locale(c))),
  ),
  staffRoute("GET", "/api/staff/dashboard/events", async (c, deps, auth) => {
    const { dashboardEvents } = await dashboardEventLists();
    return c.json(await dashboardEvents(deps, auth, c.req.query(), locale(c)));
  }),
  staffRoute("GET", "/api/staff/inbox", async (c, deps, auth) =>
    c.json(await (await inbox()).inbox(deps, auth, c.req.query())),
  ),
  staffRoute("POST", "/api/staff/inbox/:id/read", async (c, deps, auth) => {
    await (await inbox()).markRead(deps, auth, param(c, "id"));
    return c.body(null, 204);
  }),
  // 纪委监督清单 (issue 17): inspector and admin, checked in the use case.
  staffRoute("GET", "/api/staff/inspection", async (c, deps, auth) =>
    c.json(await (await inspection()).inspection(deps, auth, locale(c))),
  ),
];
