import { readJson } from "../http/body.js";
import { locale, param, type Route, staffRoute } from "./define.js";

/** Leaders' monitoring and settings: dashboard, inbox, ledger export, calendar, limits. */
const calendar = () => import("../use-cases/calendar.js");
const inbox = () => import("../use-cases/inbox.js");
const ledger = () => import("../use-cases/staff/ledger-export.js");
const exportResponse = () => import("../http/export-response.js");

export const monitoringRoutes: Route[] = [
  staffRoute("GET", "/api/staff/calendar", async (c, deps, auth) =>
    c.json(await (await calendar()).getCalendarSettings(deps, auth)),
  ),
  staffRoute("PUT", "/api/staff/calendar", async (c, deps, auth) =>
    c.json(await (await calendar()).putCalendarSettings(deps, auth, await readJson(c))),
  ),
  staffRoute("PATCH", "/api/staff/categories/:code", async (c, deps, auth) => {
    const { editCategoryLimits } = await calendar();
    return c.json(await editCategoryLimits(deps, auth, param(c, "code"), await readJson(c)));
  }),
  staffRoute("GET", "/api/staff/dashboard", async (c, deps, auth) => {
    const { dashboard } = await import("../use-cases/dashboard.js");
    return c.json(await dashboard(deps, auth, c.req.query(), locale(c)));
  }),
  staffRoute("GET", "/api/staff/inbox", async (c, deps, auth) =>
    c.json(await (await inbox()).inbox(deps, auth, c.req.query())),
  ),
  staffRoute("POST", "/api/staff/inbox/:id/read", async (c, deps, auth) => {
    await (await inbox()).markRead(deps, auth, param(c, "id"));
    return c.body(null, 204);
  }),
  staffRoute("GET", "/api/staff/ledger", async (c, deps, auth) => {
    const [{ exportLedger }, { ledgerExportResponse }] = await Promise.all([
      ledger(),
      exportResponse(),
    ]);
    return ledgerExportResponse(c, await exportLedger(deps, auth, c.req.query(), locale(c)));
  }),
  // Background exports: the request is answered at once (202), the worker builds the file.
  staffRoute("POST", "/api/staff/ledger/exports", async (c, deps, auth) => {
    const { requestLedgerExport } = await ledger();
    return c.json(await requestLedgerExport(deps, auth, await readJson(c), locale(c)), 202);
  }),
  staffRoute("GET", "/api/staff/ledger/exports/:id", async (c, deps, auth) => {
    const { readLedgerExport } = await ledger();
    return c.json(await readLedgerExport(deps, auth, param(c, "id")));
  }),
  staffRoute("GET", "/api/staff/exports/:key", async (c, deps) => {
    const [{ openExportDownload }, { fileResponse }] = await Promise.all([
      ledger(),
      exportResponse(),
    ]);
    return fileResponse(c, await openExportDownload(deps, param(c, "key"), c.req.query()));
  }),
];
