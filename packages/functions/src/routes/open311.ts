import { DomainError, type Open311Format, type XmlValue } from "@lianxin/core";
import type { Deps } from "../deps.js";
import type { Context } from "../http/exchange.js";
import { localeFrom } from "../http/locale.js";
import { splitFormatted, UnknownTokenError } from "../http/open311-paths.js";
import { lazy } from "../lazy.js";
import type { Method, Route } from "./define.js";

// Loaded on first use: Open311 clients are rare next to the residents' own site.
const requests = lazy(() => import("../use-cases/open311/requests.js"));
const services = lazy(() => import("../use-cases/open311/services.js"));
/** The formats, the spec's errors and the form reader, with core's GeoReport schemas. */
const wire = lazy(() => import("../http/open311.js"));

/** What an Open311 handler answers: a document, written in its format by the route. */
interface Open311Answer {
  format: Open311Format;
  root: string;
  value: XmlValue;
}

/**
 * Open311 GeoReport v2 routes, both formats. API Gateway takes a path parameter only as a
 * whole segment, so `requests.json` and `requests.xml` are literal routes made from one
 * definition, and `requests/{id}.{format}` is one parameter (`{file}`) split here.
 * Every failure answers in the spec's error format, never the API's own.
 */
const FORMATS: Open311Format[] = ["json", "xml"];
const V2 = "/open311/v2";

const locale = (c: Context) => localeFrom(c.req.header("accept-language"));

function open311Route(
  method: Method,
  path: string,
  handle: (c: Context, deps: Deps) => Promise<Open311Answer>,
): Route {
  return {
    method,
    path,
    access: "public",
    handle: async (c, deps) => {
      const { open311Response, open311ErrorResponse } = await wire();
      try {
        const { format, root, value } = await handle(c, deps);
        return open311Response(c, format, root, value);
      } catch (error) {
        return open311ErrorResponse(c, error);
      }
    },
  };
}

/** One literal route per format. */
function perFormat(
  method: Method,
  path: (format: Open311Format) => string,
  handle: (c: Context, deps: Deps, format: Open311Format) => Promise<Open311Answer>,
): Route[] {
  return FORMATS.map((format) =>
    open311Route(method, path(format), (c, deps) => handle(c, deps, format)),
  );
}

/** A `{file}` segment: `<id>.<format>`; without a known format the resource does not exist. */
function formatted(c: Context, notFound: () => DomainError) {
  const split = splitFormatted(c.req.param("file") ?? "");
  if (!split) throw notFound();
  return split;
}

const cache = (c: Context, seconds: number) =>
  c.header("Cache-Control", seconds ? `public, max-age=${seconds}` : "no-store");

const discovery = async (c: Context, deps: Deps, format: Open311Format) => {
  cache(c, 300);
  // Never the request's Host (a client's choice, and this document is cached publicly).
  const endpointUrl = `${deps.publicApiUrl ?? new URL(c.req.url).origin}${V2}`;
  return {
    format,
    root: "discovery",
    value: (await services()).open311DiscoveryDocument(deps, endpointUrl, locale(c)),
  };
};

const unknownService = () =>
  new DomainError("validation_failed", { fields: { service_code: { kind: "unknown_category" } } });

export const open311Routes: Route[] = [
  ...perFormat("GET", (f) => `/open311/discovery.${f}`, discovery),
  ...perFormat("GET", (f) => `${V2}/discovery.${f}`, discovery),
  ...perFormat(
    "GET",
    (f) => `${V2}/services.${f}`,
    async (c, deps, format) => {
      cache(c, 60);
      return {
        format,
        root: "services",
        value: await (await services()).listOpen311Services(deps, locale(c)),
      };
    },
  ),
  open311Route("GET", `${V2}/services/:file`, async (c, deps) => {
    const { id, format } = formatted(c, unknownService);
    cache(c, 60);
    return {
      format,
      root: "service_definition",
      value: await (await services()).getOpen311ServiceDefinition(deps, id, locale(c)),
    };
  }),
  ...perFormat(
    "POST",
    (f) => `${V2}/requests.${f}`,
    async (c, deps, format) => {
      const form = await (await wire()).readOpen311Form(c);
      const created = await (await requests()).fileOpen311Request(deps, {
        form,
        queryApiKey: c.req.query("api_key"),
        locale: locale(c),
      });
      cache(c, 0);
      return { format, root: "service_requests", value: created };
    },
  ),
  ...perFormat(
    "GET",
    (f) => `${V2}/requests.${f}`,
    async (c, deps, format) => {
      cache(c, 0);
      return {
        format,
        root: "service_requests",
        value: await (await requests()).listOpen311Requests(deps, c.req.queries(), locale(c)),
      };
    },
  ),
  open311Route("GET", `${V2}/requests/:file`, async (c, deps) => {
    const { id, format } = formatted(c, () => new DomainError("not_found"));
    cache(c, 0);
    return {
      format,
      root: "service_requests",
      value: await (await requests()).getOpen311Request(deps, id, {
        locale: locale(c),
        query: c.req.queries(),
      }),
    };
  }),
  open311Route("GET", `${V2}/tokens/:file`, async () => {
    // Service request ids are returned at once (type realtime): no token is ever issued.
    throw new UnknownTokenError();
  }),
];
