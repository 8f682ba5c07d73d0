import type { Method, PathsFor, ResponseOf, RouteKey } from "@lianxin/contract";
import { DomainError } from "@lianxin/core";
import type { Deps } from "../deps.js";
import type { Context, HttpResponse, Reply } from "../http/exchange.js";
import { localeFrom } from "../http/locale.js";
import { lazy } from "../lazy.js";
import type { StaffAuth } from "../use-cases/accounts/session.js";

export type { Method };

/** What the contract says a route answers, as the compiler checks a handler's reply. */
type Answer<M extends Method, P extends string> = Promise<
  Reply<ResponseOf<`${M} ${P}` & RouteKey>>
>;

/**
 * One API route. The list of them (routes.ts) is the API: the app (app.ts) serves exactly
 * these, and the AWS stack derives its API Gateway routes from the same list.
 */
export interface Route {
  method: Method;
  /** `:param` takes one whole segment; API Gateway's `{param}` is derived from it. */
  path: string;
  /** public: anyone (rate-limited); staff: a valid session, checked per request. */
  access: "public" | "staff";
  handle: (c: Context, deps: Deps) => Promise<HttpResponse>;
  /** A body limit of its own (bytes) instead of the app's 64 KB: the xlsx import. */
  maxBodyBytes?: number;
}

export const locale = (c: Context) => localeFrom(c.req.header("accept-language"));
export const param = (c: Context, name: string) => c.req.param(name) ?? "";
export const noStore = (c: Context) => c.header("Cache-Control", "no-store");

/** A route anyone may call: its method and path must be a public route of the contract. */
export function publicRoute<M extends Method, P extends PathsFor<M, "public">>(
  method: M,
  path: P,
  handle: (c: Context, deps: Deps) => Answer<M, P>,
): Route {
  return { method, path, access: "public", handle };
}

/** Sessions (and the staff schemas) load with the first staff request, not at cold start. */
export const sessions = lazy(() => import("../use-cases/accounts/session.js"));

/**
 * A staff route: the session is checked first, on every request. Until a reset password
 * is changed, only changing it and signing out are allowed.
 */
export function staffRoute<M extends Method, P extends PathsFor<M, "staff">>(
  method: M,
  path: P,
  handle: (c: Context, deps: Deps, auth: StaffAuth) => Answer<M, P>,
  options: { beforePasswordChange?: boolean; maxBodyBytes?: number } = {},
): Route {
  return {
    method,
    path,
    access: "staff",
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
    handle: async (c, deps) => {
      const { authenticate } = await sessions();
      const auth = await authenticate(deps, c.req.header("authorization"));
      if (auth.mustChangePassword && !options.beforePasswordChange) {
        throw new DomainError("password_change_required");
      }
      noStore(c);
      return handle(c, deps, auth);
    },
  };
}

/** The xlsx content type and the download header, loaded with the first route that sends one. */
export const xlsxFile = async () => {
  const [{ XLSX_CONTENT_TYPE }, { contentDisposition }] = await Promise.all([
    import("../export/xlsx.js"),
    import("../files/file-store.js"),
  ]);
  return { XLSX_CONTENT_TYPE, contentDisposition };
};

/** A file answer (xlsx exports). */
export function fileBody(
  c: Context,
  file: { body: Uint8Array; fileName: string },
  contentType: string,
  contentDisposition: (name: string) => string,
) {
  return c.body(file.body, 200, {
    "Content-Type": contentType,
    "Content-Disposition": contentDisposition(file.fileName),
    "Content-Length": String(file.body.byteLength),
  });
}

/** `/api/concerns/:ledgerNo` → `/api/concerns/{ledgerNo}` for API Gateway. */
export function apiGatewayPath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, "{$1}");
}
