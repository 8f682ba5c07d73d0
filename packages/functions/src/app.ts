import { DomainError } from "@lianxin/core";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
// The tiny preset (PatternRouter): a few KB less in every cold start than the default
// routers, and a hundred routes are matched in microseconds either way.
import { Hono } from "hono/tiny";
import type { Deps } from "./deps.js";
import { MAX_BODY_BYTES } from "./http/body.js";
import { errorResponse } from "./http/errors.js";
import { localeFrom } from "./http/locale.js";
import { ERROR_MESSAGES, ROUTE_NOT_FOUND } from "./http/messages.js";
import { MethodNotAllowedError } from "./http/open311-paths.js";
import { routes } from "./routes.js";

/** The API as one Hono app: the same object serves Lambda and the local server. */
export function createApp(deps: Deps): Hono {
  const app = new Hono();
  app.use("*", async (c, next) => {
    await next();
    c.header("X-Content-Type-Options", "nosniff");
  });
  // 64 KB for every route, except those that declare their own limit (the xlsx import).
  const limitTo = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: (c) =>
        isOpen311(c.req.path)
          ? open311ErrorResponse(c, new DomainError("payload_too_large"))
          : errorResponse(c, new DomainError("payload_too_large")),
    });
  const standardLimit = limitTo(MAX_BODY_BYTES);
  const ownLimits = routes.flatMap((r) =>
    r.maxBodyBytes ? [{ route: r, limit: limitTo(r.maxBodyBytes) }] : [],
  );
  app.use("*", (c, next) => {
    const own = ownLimits.find(
      (l) => l.route.method === c.req.method && matches(l.route.path, c.req.path),
    );
    return (own?.limit ?? standardLimit)(c, next);
  });
  for (const route of routes) {
    app.on(route.method, route.path, (c) => route.handle(c, deps));
  }
  app.notFound(async (c) => {
    const locale = localeFrom(c.req.header("accept-language"));
    const known = routes.some((r) => matches(r.path, c.req.path));
    // Open311 clients get the spec's error list (400 for a wrong method, 404 otherwise).
    if (isOpen311(c.req.path)) {
      return await open311ErrorResponse(
        c,
        known ? new MethodNotAllowedError() : new DomainError("not_found"),
      );
    }
    return known
      ? c.json(
          {
            error: {
              code: "method_not_allowed",
              message: ERROR_MESSAGES.method_not_allowed[locale],
            },
          },
          405,
        )
      : c.json({ error: { code: "not_found", message: ROUTE_NOT_FOUND[locale] } }, 404);
  });
  app.onError((error, c) => errorResponse(c, error));
  return app;
}

const isOpen311 = (path: string) => path.startsWith("/open311/");

/** Open311's error format, loaded with the first Open311 failure (see http/open311.ts). */
async function open311ErrorResponse(c: Context, error: unknown): Promise<Response> {
  return (await import("./http/open311.js")).open311ErrorResponse(c, error);
}

function matches(pattern: string, path: string): boolean {
  const re = new RegExp(`^${pattern.replace(/:[A-Za-z]+/g, "[^/]+")}/?$`);
  return re.test(path);
}
