import { DomainError } from "@lianxin/core";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Deps } from "./deps.js";
import { MAX_BODY_BYTES } from "./http/body.js";
import { errorResponse } from "./http/errors.js";
import { localeFrom } from "./http/locale.js";
import { ERROR_MESSAGES, ROUTE_NOT_FOUND } from "./http/messages.js";
import { routes } from "./routes.js";

/** The API as one Hono app: the same object serves Lambda and the local server. */
export function createApp(deps: Deps): Hono {
  const app = new Hono();
  app.use("*", async (c, next) => {
    await next();
    c.header("X-Content-Type-Options", "nosniff");
  });
  app.use(
    "*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => errorResponse(c, new DomainError("payload_too_large")),
    }),
  );
  for (const route of routes) {
    app.on(route.method, route.path, (c) => route.handle(c, deps));
  }
  app.notFound((c) => {
    const locale = localeFrom(c.req.header("accept-language"));
    const known = routes.some((r) => matches(r.path, c.req.path));
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

function matches(pattern: string, path: string): boolean {
  const re = new RegExp(`^${pattern.replace(/:[A-Za-z]+/g, "[^/]+")}/?$`);
  return re.test(path);
}
