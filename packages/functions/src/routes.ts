import { toPublicDirectory } from "@lianxin/core";
import type { Context } from "hono";
import type { Deps } from "./deps.js";
import { readJson } from "./http/body.js";
import { clientAddress } from "./http/client-address.js";
import { localeFrom } from "./http/locale.js";
import { addResidentMessage } from "./use-cases/add-resident-message.js";
import { currentDirectory } from "./use-cases/directory.js";
import { checkHealth } from "./use-cases/health.js";
import { submitConcern } from "./use-cases/submit-concern.js";
import { trackConcern } from "./use-cases/track-concern.js";

export type Method = "GET" | "POST";

/**
 * The API's routes, listed once: the Hono app registers exactly these, and the AWS stack
 * derives its API Gateway routes from the same list, so the two cannot drift.
 */
export interface Route {
  method: Method;
  /** Hono path syntax (`:param`); API Gateway's `{param}` is derived from it. */
  path: string;
  /** Who may call it: the public, or (later) signed-in staff. */
  access: "public";
  handle: (c: Context, deps: Deps) => Promise<Response>;
}

const locale = (c: Context) => localeFrom(c.req.header("accept-language"));
const noStore = (c: Context) => c.header("Cache-Control", "no-store");

export const routes: Route[] = [
  {
    method: "GET",
    path: "/api/health",
    access: "public",
    handle: async (c, deps) => c.json(await checkHealth(deps)),
  },
  {
    method: "GET",
    path: "/api/directory",
    access: "public",
    handle: async (c, deps) => {
      c.header("Cache-Control", "public, max-age=60");
      return c.json(toPublicDirectory(await currentDirectory(deps), locale(c)));
    },
  },
  {
    method: "POST",
    path: "/api/concerns",
    access: "public",
    handle: async (c, deps) => {
      const { receipt } = await submitConcern(deps, {
        idempotencyKey: c.req.header("idempotency-key"),
        body: await readJson(c),
        clientAddress: clientAddress(c, deps.siteSecret),
      });
      noStore(c);
      return c.json(receipt, 201);
    },
  },
  {
    method: "GET",
    path: "/api/concerns/:ledgerNo",
    access: "public",
    handle: async (c, deps) => {
      const view = await trackConcern(deps, {
        ledgerNo: c.req.param("ledgerNo") ?? "",
        accessCode: c.req.header("x-access-code"),
        locale: locale(c),
      });
      noStore(c);
      return c.json(view);
    },
  },
  {
    method: "POST",
    path: "/api/concerns/:ledgerNo/messages",
    access: "public",
    handle: async (c, deps) => {
      const event = await addResidentMessage(deps, {
        ledgerNo: c.req.param("ledgerNo") ?? "",
        accessCode: c.req.header("x-access-code"),
        body: await readJson(c),
      });
      noStore(c);
      return c.json(event, 201);
    },
  },
];

/** `/api/concerns/:ledgerNo` → `/api/concerns/{ledgerNo}` for API Gateway. */
export function apiGatewayPath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, "{$1}");
}
