import { accountsRoutes } from "./routes/accounts.js";
import { calendarRoutes } from "./routes/calendar.js";
import { concernsRoutes } from "./routes/concerns.js";
import type { Route } from "./routes/define.js";
import { directoryRoutes } from "./routes/directory.js";
import { fieldWorkRoutes } from "./routes/field-work.js";
import { gridRoutes } from "./routes/grid.js";
import { ledgerRoutes } from "./routes/ledger.js";
import { messagingRoutes } from "./routes/messaging.js";
import { monitoringRoutes } from "./routes/monitoring.js";
import { noticesRoutes } from "./routes/notices.js";
import { open311Routes } from "./routes/open311.js";
import { open311KeyRoutes } from "./routes/open311-keys.js";
import { replyTemplateRoutes } from "./routes/reply-templates.js";
import { reportsRoutes } from "./routes/reports.js";
import { searchRoutes } from "./routes/search.js";
import { sessionsRoutes } from "./routes/sessions.js";
import { uploadsRoutes } from "./routes/uploads.js";

export { apiGatewayPath, type Method, type Route } from "./routes/define.js";
/**
 * The local file store's endpoints (uploads and file links, S3's on AWS): served by the app
 * only when its file store is the local one, and never part of `routes` (nor of API Gateway).
 */
export { type LocalRoute, localFileRoutes, servesLocalFiles } from "./routes/local-files.js";

/**
 * The API's routes, listed once: the app (app.ts) serves exactly these, the AWS stack derives
 * its API Gateway routes from the same list, and a test holds it to the contract's table
 * (@lianxin/contract). Grouped by noun in routes/; each handler loads its use case on first
 * use, so a cold start pays only for the route it serves.
 */
export const routes: Route[] = [
  ...concernsRoutes,
  ...uploadsRoutes,
  ...noticesRoutes,
  ...directoryRoutes,
  ...gridRoutes,
  ...sessionsRoutes,
  ...accountsRoutes,
  ...fieldWorkRoutes,
  ...reportsRoutes,
  ...monitoringRoutes,
  ...calendarRoutes,
  ...ledgerRoutes,
  ...open311KeyRoutes,
  ...replyTemplateRoutes,
  ...messagingRoutes,
  ...searchRoutes,
  // Open311 GeoReport v2 (both formats).
  ...open311Routes,
];
