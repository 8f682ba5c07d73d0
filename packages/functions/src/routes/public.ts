import { toPublicDirectory } from "@lianxin/core";
import { readJson } from "../http/body.js";
import { clientAddress } from "../http/client-address.js";
import { addResidentMessage } from "../use-cases/add-resident-message.js";
import { currentDirectory } from "../use-cases/directory.js";
import { rateAnswer } from "../use-cases/feedback.js";
import { checkHealth } from "../use-cases/health.js";
import { getPublicNotice, listPublicNotices } from "../use-cases/notices.js";
import { submitConcern } from "../use-cases/submit-concern.js";
import { trackConcern } from "../use-cases/track-concern.js";
import { locale, noStore, param, publicRoute, type Route } from "./define.js";

/**
 * What residents (through the public site) and anyone may call. Loaded with the function:
 * these are the hot paths. Public figures, loaded on first use, are at the end.
 */
export const publicRoutes: Route[] = [
  publicRoute("GET", "/api/health", async (c, deps) => c.json(await checkHealth(deps))),
  publicRoute("GET", "/api/directory", async (c, deps) => {
    c.header("Cache-Control", "public, max-age=60");
    return c.json(toPublicDirectory(await currentDirectory(deps), locale(c)));
  }),
  publicRoute("POST", "/api/concerns", async (c, deps) => {
    const { receipt } = await submitConcern(deps, {
      idempotencyKey: c.req.header("idempotency-key"),
      body: await readJson(c),
      clientAddress: clientAddress(c, deps.siteSecret),
    });
    noStore(c);
    return c.json(receipt, 201);
  }),
  publicRoute("GET", "/api/concerns/:ledgerNo", async (c, deps) => {
    const view = await trackConcern(deps, {
      ledgerNo: param(c, "ledgerNo"),
      accessCode: c.req.header("x-access-code"),
      locale: locale(c),
    });
    noStore(c);
    return c.json(view);
  }),
  publicRoute("POST", "/api/concerns/:ledgerNo/messages", async (c, deps) => {
    const event = await addResidentMessage(deps, {
      ledgerNo: param(c, "ledgerNo"),
      accessCode: c.req.header("x-access-code"),
      body: await readJson(c),
    });
    noStore(c);
    return c.json(event, 201);
  }),
  publicRoute("POST", "/api/concerns/:ledgerNo/feedback", async (c, deps) => {
    const result = await rateAnswer(deps, {
      ledgerNo: param(c, "ledgerNo"),
      accessCode: c.req.header("x-access-code"),
      body: await readJson(c),
    });
    noStore(c);
    return c.json(result, 201);
  }),
  publicRoute("GET", "/api/notices", async (c, deps) => {
    c.header("Cache-Control", "public, max-age=60");
    return c.json(await listPublicNotices(deps, c.req.query(), locale(c)));
  }),
  publicRoute("GET", "/api/notices/:id", async (c, deps) => {
    c.header("Cache-Control", "public, max-age=60");
    return c.json(await getPublicNotice(deps, param(c, "id"), locale(c)));
  }),
  publicRoute("GET", "/api/statistics", async (c, deps) => {
    const { publicStatistics } = await import("../use-cases/dashboard.js");
    c.header("Cache-Control", "public, max-age=300");
    return c.json(await publicStatistics(deps, locale(c)));
  }),
  publicRoute("GET", "/api/statistics/field-work", async (c, deps) => {
    const { fieldWorkTotals } = await import("../use-cases/field-work.js");
    c.header("Cache-Control", "public, max-age=300");
    return c.json(await fieldWorkTotals(deps, c.req.query()));
  }),
  publicRoute("GET", "/api/villages/:id", async (c, deps) => {
    const { publicVillage } = await import("../use-cases/villages.js");
    c.header("Cache-Control", "public, max-age=60");
    return c.json(await publicVillage(deps, param(c, "id"), locale(c)));
  }),
];
