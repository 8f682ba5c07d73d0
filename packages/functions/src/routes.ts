import { DomainError, toPublicDirectory } from "@lianxin/core";
import type { Context } from "hono";
import type { Deps } from "./deps.js";
import { readJson } from "./http/body.js";
import { clientAddress } from "./http/client-address.js";
import { fileResponse, ledgerExportResponse } from "./http/export-response.js";
import { localeFrom } from "./http/locale.js";
import { addResidentMessage } from "./use-cases/add-resident-message.js";
import {
  editCategoryLimits,
  getCalendarSettings,
  putCalendarSettings,
} from "./use-cases/calendar.js";
import { dashboard, publicStatistics } from "./use-cases/dashboard.js";
import { currentDirectory } from "./use-cases/directory.js";
import { rateAnswer } from "./use-cases/feedback.js";
import { checkHealth } from "./use-cases/health.js";
import { inbox, markRead } from "./use-cases/inbox.js";
import {
  editNotice,
  getPublicNotice,
  listPublicNotices,
  listStaffNotices,
  publishNotice,
} from "./use-cases/notices.js";
import { actOnConcern, getStaffConcern, reissueAccessCode } from "./use-cases/staff/concerns.js";
import { accessLog, listDepartments, listStaffOfDepartment } from "./use-cases/staff/directory.js";
import { exportLedger, openExportDownload } from "./use-cases/staff/ledger-export.js";
import { staffQueue } from "./use-cases/staff/queue.js";
import {
  authenticate,
  changePassword,
  login,
  logout,
  resetPassword,
  type StaffAuth,
} from "./use-cases/staff/session.js";
import { submitConcern } from "./use-cases/submit-concern.js";
import { trackConcern } from "./use-cases/track-concern.js";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * The API's routes, listed once: the Hono app registers exactly these, and the AWS stack
 * derives its API Gateway routes from the same list, so the two cannot drift.
 */
export interface Route {
  method: Method;
  /** Hono path syntax (`:param`); API Gateway's `{param}` is derived from it. */
  path: string;
  /** public: anyone (rate-limited); staff: a valid session, checked per request. */
  access: "public" | "staff";
  handle: (c: Context, deps: Deps) => Promise<Response>;
}

const locale = (c: Context) => localeFrom(c.req.header("accept-language"));
const param = (c: Context, name: string) => c.req.param(name) ?? "";
const noStore = (c: Context) => c.header("Cache-Control", "no-store");

function publicRoute(method: Method, path: string, handle: Route["handle"]): Route {
  return { method, path, access: "public", handle };
}

/**
 * A staff route: the session is checked first, on every request. Until a reset password
 * is changed, only changing it and signing out are allowed.
 */
function staffRoute(
  method: Method,
  path: string,
  handle: (c: Context, deps: Deps, auth: StaffAuth) => Promise<Response>,
  options: { beforePasswordChange?: boolean } = {},
): Route {
  return {
    method,
    path,
    access: "staff",
    handle: async (c, deps) => {
      const auth = await authenticate(deps, c.req.header("authorization"));
      if (auth.mustChangePassword && !options.beforePasswordChange) {
        throw new DomainError("password_change_required");
      }
      noStore(c);
      return handle(c, deps, auth);
    },
  };
}

export const routes: Route[] = [
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
    c.header("Cache-Control", "public, max-age=300");
    return c.json(await publicStatistics(deps, locale(c)));
  }),

  publicRoute("POST", "/api/staff/session", async (c, deps) => {
    noStore(c);
    return c.json(await login(deps, await readJson(c)), 201);
  }),
  staffRoute(
    "DELETE",
    "/api/staff/session",
    async (c, deps, auth) => {
      await logout(deps, auth);
      return c.body(null, 204);
    },
    { beforePasswordChange: true },
  ),
  staffRoute(
    "GET",
    "/api/staff/me",
    async (c, _deps, auth) =>
      c.json({ user: auth.user, mustChangePassword: auth.mustChangePassword }),
    { beforePasswordChange: true },
  ),
  staffRoute(
    "POST",
    "/api/staff/password",
    async (c, deps, auth) => {
      await changePassword(deps, auth, await readJson(c));
      return c.body(null, 204);
    },
    { beforePasswordChange: true },
  ),
  staffRoute("POST", "/api/staff/users/:id/password-reset", async (c, deps, auth) => {
    await resetPassword(deps, auth, param(c, "id"), await readJson(c));
    return c.body(null, 204);
  }),
  staffRoute("GET", "/api/staff/queue", async (c, deps, auth) =>
    c.json(await staffQueue(deps, auth, c.req.query(), locale(c))),
  ),
  staffRoute("GET", "/api/staff/departments", async (c, deps) =>
    c.json(await listDepartments(deps, locale(c))),
  ),
  staffRoute("GET", "/api/staff/departments/:id/staff", async (c, deps, auth) =>
    c.json(await listStaffOfDepartment(deps, auth, param(c, "id"))),
  ),
  staffRoute("POST", "/api/staff/concerns", async (c, deps, auth) => {
    const { receipt } = await submitConcern(deps, {
      idempotencyKey: c.req.header("idempotency-key"),
      body: await readJson(c),
      clientAddress: clientAddress(c, deps.siteSecret),
      staff: { user: auth.user },
    });
    return c.json(receipt, 201);
  }),
  staffRoute("GET", "/api/staff/concerns/:ledgerNo", async (c, deps, auth) =>
    c.json(await getStaffConcern(deps, auth, param(c, "ledgerNo"), locale(c))),
  ),
  staffRoute("POST", "/api/staff/concerns/:ledgerNo/actions", async (c, deps, auth) =>
    c.json(await actOnConcern(deps, auth, param(c, "ledgerNo"), await readJson(c), locale(c))),
  ),
  staffRoute("POST", "/api/staff/concerns/:ledgerNo/access-code", async (c, deps, auth) =>
    c.json(await reissueAccessCode(deps, auth, param(c, "ledgerNo"), await readJson(c)), 201),
  ),
  staffRoute("GET", "/api/staff/notices", async (c, deps, auth) =>
    c.json(await listStaffNotices(deps, auth, c.req.query(), locale(c))),
  ),
  staffRoute("PATCH", "/api/staff/notices/:id", async (c, deps, auth) =>
    c.json(await editNotice(deps, auth, param(c, "id"), await readJson(c), locale(c))),
  ),
  staffRoute("POST", "/api/staff/notices/:id/publish", async (c, deps, auth) =>
    c.json(await publishNotice(deps, auth, param(c, "id"), locale(c))),
  ),
  staffRoute("GET", "/api/staff/calendar", async (c, deps, auth) =>
    c.json(await getCalendarSettings(deps, auth)),
  ),
  staffRoute("PUT", "/api/staff/calendar", async (c, deps, auth) =>
    c.json(await putCalendarSettings(deps, auth, await readJson(c))),
  ),
  staffRoute("PATCH", "/api/staff/categories/:code", async (c, deps, auth) =>
    c.json(await editCategoryLimits(deps, auth, param(c, "code"), await readJson(c))),
  ),
  staffRoute("GET", "/api/staff/dashboard", async (c, deps, auth) =>
    c.json(await dashboard(deps, auth, c.req.query(), locale(c))),
  ),
  staffRoute("GET", "/api/staff/inbox", async (c, deps, auth) =>
    c.json(await inbox(deps, auth, c.req.query())),
  ),
  staffRoute("POST", "/api/staff/inbox/:id/read", async (c, deps, auth) => {
    await markRead(deps, auth, param(c, "id"));
    return c.body(null, 204);
  }),
  staffRoute("GET", "/api/staff/ledger", async (c, deps, auth) =>
    ledgerExportResponse(c, await exportLedger(deps, auth, c.req.query(), locale(c))),
  ),
  staffRoute("GET", "/api/staff/exports/:key", async (c, deps) =>
    fileResponse(c, await openExportDownload(deps, param(c, "key"), c.req.query())),
  ),
  staffRoute("GET", "/api/staff/access-log", async (c, deps, auth) =>
    c.json(await accessLog(deps, auth, c.req.query())),
  ),
];

/** `/api/concerns/:ledgerNo` → `/api/concerns/{ledgerNo}` for API Gateway. */
export function apiGatewayPath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, "{$1}");
}
