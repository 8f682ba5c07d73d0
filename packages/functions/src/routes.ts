import { open311Routes } from "./open311-routes.js";
import { backOfficeRoutes } from "./routes/back-office.js";
import type { Route } from "./routes/define.js";
import { gridRoutes } from "./routes/grid.js";
import { monitoringRoutes } from "./routes/monitoring.js";
import { publicRoutes } from "./routes/public.js";

export { apiGatewayPath, type Method, type Route } from "./routes/define.js";

/**
 * The API's routes, listed once: the app (app.ts) serves exactly these, and the AWS stack
 * derives its API Gateway routes from the same list, so the two cannot drift. Grouped by
 * area in routes/; only the public paths are loaded with the function.
 */
export const routes: Route[] = [
  ...publicRoutes,
  ...backOfficeRoutes,
  ...monitoringRoutes,
  ...gridRoutes,
  // Open311 GeoReport v2 (both formats): see open311-routes.ts.
  ...open311Routes,
];
