import { lazy } from "../lazy.js";
import { locale, type Route, staffRoute } from "./define.js";

/** 检索 (issue 16): ledger number, a resident's mobile, or words. Loaded on first use. */
const search = lazy(() => import("../use-cases/search/staff-search.js"));

export const searchRoutes: Route[] = [
  staffRoute("GET", "/api/staff/search", async (c, deps, auth) => {
    const { staffSearch } = await search();
    return c.json(await staffSearch(deps, auth, c.req.query(), locale(c)));
  }),
];
