import { readJson } from "../http/body.js";
import { lazy } from "../lazy.js";
import { locale, param, type Route, staffRoute } from "./define.js";

/**
 * The ledger (台账) export: directly when small, a link when large, and background exports. Each
 * handler loads its use case on first use.
 */
const ledger = lazy(() => import("../use-cases/ledger/ledger-export.js"));
const exportResponse = lazy(() => import("../http/export-response.js"));

export const ledgerRoutes: Route[] = [
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
