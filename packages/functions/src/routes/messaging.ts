import { lazy } from "../lazy.js";
import { type Route, staffRoute } from "./define.js";

const smsLog = lazy(() => import("../use-cases/messaging/sms-log.js"));

/** Residents' messages as staff see them: the local stack's SMS sink. */
export const messagingRoutes: Route[] = [
  staffRoute("GET", "/api/staff/dev/sms", async (c, deps) =>
    c.json(await (await smsLog()).localSmsLog(deps)),
  ),
  staffRoute("GET", "/api/staff/sms/attention", async (c, deps, auth) =>
    c.json(await (await smsLog()).smsNeedingAttention(deps, auth)),
  ),
];
