import { readJson } from "../http/body.js";
import { clientAddress } from "../http/client-address.js";
import { lazy } from "../lazy.js";
import { locale, publicRoute, type Route, staffRoute } from "./define.js";

/**
 * Field work (蹲点日志): logs, the monthly compliance of leaders and heads, and the campaign's
 * public totals. Each handler loads its use case on first use.
 */
const fieldWork = lazy(() => import("../use-cases/field-work/field-work.js"));

export const fieldWorkRoutes: Route[] = [
  publicRoute("GET", "/api/statistics/field-work", async (c, deps) => {
    const { fieldWorkTotals } = await fieldWork();
    c.header("Cache-Control", "public, max-age=300");
    return c.json(await fieldWorkTotals(deps, c.req.query()));
  }),
  staffRoute("POST", "/api/staff/field-logs", async (c, deps, auth) => {
    const { createFieldLog } = await fieldWork();
    const result = await createFieldLog(deps, auth, {
      idempotencyKey: c.req.header("idempotency-key"),
      body: await readJson(c),
      clientAddress: clientAddress(c, deps.siteSecret),
    });
    return c.json(result, result.replayed ? 200 : 201);
  }),
  staffRoute("GET", "/api/staff/field-logs", async (c, deps, auth) =>
    c.json(await (await fieldWork()).listFieldLogs(deps, auth, c.req.query(), locale(c))),
  ),
  staffRoute("GET", "/api/staff/compliance", async (c, deps, auth) =>
    c.json(await (await fieldWork()).complianceReport(deps, auth, c.req.query(), locale(c))),
  ),
];
