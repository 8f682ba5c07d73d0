import { readJson } from "../http/body.js";
import { clientAddress } from "../http/client-address.js";
import { locale, noStore, param, publicRoute, type Route } from "./define.js";

/**
 * What residents (through the public site) and anyone may call. Like every route, each
 * loads its use case on first use: a cold start pays for the route it serves, not for all
 * of them (`pnpm bench:lambda` times a first submission, not a bare import).
 */
const intake = () => import("../use-cases/submit-concern.js");
const tracking = () => import("../use-cases/track-concern.js");
const messages = () => import("../use-cases/add-resident-message.js");
const feedback = () => import("../use-cases/feedback.js");
const notices = () => import("../use-cases/notices.js");

export const publicRoutes: Route[] = [
  publicRoute("GET", "/api/health", async (c, deps) => {
    const { checkHealth } = await import("../use-cases/health.js");
    return c.json(await checkHealth(deps));
  }),
  publicRoute("GET", "/api/directory", async (c, deps) => {
    const { publicDirectory } = await import("../use-cases/directory.js");
    c.header("Cache-Control", "public, max-age=60");
    return c.json(await publicDirectory(deps, locale(c)));
  }),
  publicRoute("POST", "/api/concerns", async (c, deps) => {
    const { receipt } = await (await intake()).submitConcern(deps, {
      idempotencyKey: c.req.header("idempotency-key"),
      body: await readJson(c),
      clientAddress: clientAddress(c, deps.siteSecret),
    });
    noStore(c);
    return c.json(receipt, 201);
  }),
  publicRoute("GET", "/api/concerns/:ledgerNo", async (c, deps) => {
    const view = await (await tracking()).trackConcern(deps, {
      ledgerNo: param(c, "ledgerNo"),
      accessCode: c.req.header("x-access-code"),
      locale: locale(c),
    });
    noStore(c);
    return c.json(view);
  }),
  publicRoute("POST", "/api/concerns/:ledgerNo/messages", async (c, deps) => {
    const event = await (await messages()).addResidentMessage(deps, {
      ledgerNo: param(c, "ledgerNo"),
      accessCode: c.req.header("x-access-code"),
      body: await readJson(c),
    });
    noStore(c);
    return c.json(event, 201);
  }),
  publicRoute("POST", "/api/concerns/:ledgerNo/feedback", async (c, deps) => {
    const result = await (await feedback()).rateAnswer(deps, {
      ledgerNo: param(c, "ledgerNo"),
      accessCode: c.req.header("x-access-code"),
      body: await readJson(c),
    });
    noStore(c);
    return c.json(result, 201);
  }),
  publicRoute("GET", "/api/notices", async (c, deps) => {
    c.header("Cache-Control", "public, max-age=60");
    return c.json(await (await notices()).listPublicNotices(deps, c.req.query(), locale(c)));
  }),
  publicRoute("GET", "/api/notices/:id", async (c, deps) => {
    c.header("Cache-Control", "public, max-age=60");
    return c.json(await (await notices()).getPublicNotice(deps, param(c, "id"), locale(c)));
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
