import { readJson } from "../http/body.js";
import { lazy } from "../lazy.js";
import { type Route, staffRoute } from "./define.js";

/**
 * The working calendar: admin's holiday override and the years still estimated. Each handler
 * loads its use case on first use.
 */
const calendar = lazy(() => import("../use-cases/calendar/calendar.js"));

export const calendarRoutes: Route[] = [
  staffRoute("GET", "/api/staff/calendar", async (c, deps, auth) =>
    c.json(await (await calendar()).getCalendarSettings(deps, auth)),
  ),
  staffRoute("PUT", "/api/staff/calendar", async (c, deps, auth) =>
    c.json(await (await calendar()).putCalendarSettings(deps, auth, await readJson(c))),
  ),
];
