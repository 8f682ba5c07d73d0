import { Readable } from "node:stream";
import { DomainError } from "@lianxin/core";
import { deadlineIn, runWithDeadline } from "@lianxin/store";
import type { Deps } from "./deps.js";
import { MAX_BODY_BYTES } from "./http/body.js";
import { errorResponse } from "./http/errors.js";
import { Context, type HttpRequest, type HttpResponse } from "./http/exchange.js";
import { localeFrom } from "./http/locale.js";
import { ERROR_MESSAGES, ROUTE_NOT_FOUND } from "./http/messages.js";
import { MethodNotAllowedError } from "./http/open311-paths.js";
import {
  type LocalRoute,
  localFileRoutes,
  type Route,
  routes,
  servesLocalFiles,
} from "./routes.js";

/**
 * The API: the route list behind one `handle` function, the same object for Lambda
 * (lambda.ts), the local server (local.ts) and tests (`request`, which speaks WHATWG
 * Request/Response for convenience).
 */
export interface App {
  handle(request: HttpRequest): Promise<HttpResponse>;
  /** The most body bytes the route for this request takes (64 KB unless it declares more). */
  bodyLimit(method: string, path: string): number;
  request(input: string | URL | Request, init?: RequestInit): Promise<Response>;
}

/**
 * A route's path as a pattern: `:name` takes one whole segment; a last `*name` (local routes
 * only: API Gateway has no such parameter) takes the rest, slashes included.
 */
interface CompiledRoute {
  route: Route | LocalRoute;
  pattern: RegExp;
  names: string[];
}

function compile(route: Route | LocalRoute): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split("/")
    .map((segment, i, all) => {
      if (segment.startsWith("*") && i === all.length - 1) {
        names.push(segment.slice(1));
        return "(.+)";
      }
      if (!segment.startsWith(":")) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(segment.slice(1));
      return "([^/]+)";
    })
    .join("/");
  return { route, pattern: new RegExp(`^${source}$`), names };
}

const decodeParam = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

const isOpen311 = (path: string) => path.startsWith("/open311/");

/** Open311's error format, loaded with the first Open311 failure (see http/open311.ts). */
async function open311ErrorResponse(c: Context, error: unknown): Promise<HttpResponse> {
  return (await import("./http/open311.js")).open311ErrorResponse(c, error);
}

export function createApp(deps: Deps): App {
  // The local file store serves its own uploads and links (S3 does on AWS).
  const compiled = [...routes, ...(servesLocalFiles(deps.files) ? localFileRoutes : [])].map(
    compile,
  );

  const lookup = (method: string, path: string) => {
    const onPath = compiled.flatMap((entry) => {
      const match = entry.pattern.exec(path);
      return match ? [{ entry, match }] : [];
    });
    return { onPath, found: onPath.find(({ entry }) => entry.route.method === method) };
  };

  async function answer(request: HttpRequest): Promise<HttpResponse> {
    const { onPath, found } = lookup(request.method, request.path);
    const params: Record<string, string> = {};
    if (found) {
      found.entry.names.forEach((name, i) => {
        params[name] = decodeParam(found.match[i + 1] ?? "");
      });
    }
    const c = new Context(request, params);

    // 64 KB for every request, except on routes that declare their own limit (xlsx import).
    const limit = found?.entry.route.maxBodyBytes ?? MAX_BODY_BYTES;
    const declared = Number(request.headers["content-length"]);
    if (request.body.byteLength > limit || declared > limit) {
      const tooLarge = new DomainError("payload_too_large");
      return isOpen311(request.path)
        ? open311ErrorResponse(c, tooLarge)
        : errorResponse(c, tooLarge);
    }

    if (!found) {
      const locale = localeFrom(request.headers["accept-language"]);
      const known = onPath.length > 0;
      // Open311 clients get the spec's error list (400 for a wrong method, 404 otherwise).
      if (isOpen311(request.path)) {
        return open311ErrorResponse(
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
    }

    try {
      // Past the deadline no call to another system starts: a 503, not a hang (deps.ts).
      const deadline = deadlineIn(deps.requestDeadlineMs);
      return await runWithDeadline(deadline, () => found.entry.route.handle(c, deps));
    } catch (error) {
      return errorResponse(c, error);
    }
  }

  async function handle(request: HttpRequest): Promise<HttpResponse> {
    const response = await answer(request);
    response.headers["x-content-type-options"] = "nosniff";
    return response;
  }

  return {
    handle,
    bodyLimit: (method, path) =>
      lookup(method.toUpperCase(), path).found?.entry.route.maxBodyBytes ?? MAX_BODY_BYTES,
    async request(input, init) {
      const req =
        input instanceof Request ? input : new Request(new URL(input, "http://localhost"), init);
      const url = new URL(req.url);
      const headers: Record<string, string> = {};
      req.headers.forEach((value, name) => {
        headers[name] = value;
      });
      const response = await handle({
        method: req.method,
        url: req.url,
        path: url.pathname,
        query: url.searchParams,
        headers,
        body: new Uint8Array(await req.arrayBuffer()),
      });
      const { body } = response;
      return new Response(
        body instanceof Readable ? (Readable.toWeb(body) as ReadableStream<Uint8Array>) : body,
        { status: response.status, headers: response.headers },
      );
    },
  };
}
