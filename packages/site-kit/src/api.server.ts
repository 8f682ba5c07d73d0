// The sites' one client for the Lianxin API, driven by the contract's route table:
// `api.get("/api/staff/concerns/:ledgerNo", { params: { ledgerNo } })` answers that route's
// response type, and a path, parameter or body the table does not have does not compile.
// Server-only: it holds the site secret and the staff session's token. Every call carries
// the caller's language and address; failures come back as values (never thrown), so pages
// can render "temporarily unavailable" instead of crashing.
import type {
  BodyOf,
  Method,
  ParamsOf,
  PathsFor,
  QueryOf,
  ResponseOf,
  RouteKey,
} from "@lianxin/contract";
import { type ApiResult, failureOf, jsonOf } from "./api-result.js";
import { readConfig, type SiteConfig } from "./config.server.js";
import type { Locale } from "./locale.js";

export interface CallerContext {
  locale: Locale;
  /**
   * The caller's address (Astro's clientAddress, as site-kit's Node server or the AWS
   * injection decided it: never a client's own X-Forwarded-For).
   */
  clientAddress: string | null;
  /** The staff session's token (from the httpOnly cookie); absent for residents. */
  token?: string | null;
}

type Key<M extends Method, P extends string> = `${M} ${P}` & RouteKey;

type ParamsOption<P extends string> = keyof ParamsOf<P> extends never
  ? { params?: undefined }
  : { params: ParamsOf<P> };
type BodyOption<K extends RouteKey> = [BodyOf<K>] extends [never]
  ? { body?: undefined }
  : { body: BodyOf<K> };
type QueryOption<K extends RouteKey> = [QueryOf<K>] extends [never]
  ? { query?: undefined }
  : { query?: QueryOf<K> };

/** What a call takes besides its path: what its route needs, and a few headers. */
export type CallOptions<M extends Method, P extends string> = ParamsOption<P> &
  BodyOption<Key<M, P>> &
  QueryOption<Key<M, P>> & {
    /** `Idempotency-Key`: a retry with the same key is answered, not repeated. */
    idempotencyKey?: string;
    /** `X-Access-Code`: the resident's code for their concern. */
    accessCode?: string;
    /** `X-Link-Token`: the signed token of a link from the resident's SMS (`/t/<token>`). */
    linkToken?: string;
    /** `X-Resident-Session`: a resident signed in to "我的诉求" (the token from its cookie). */
    residentSession?: string;
    /** Raw bytes instead of a JSON body (the directory workbook). */
    upload?: { bytes: Uint8Array; contentType: string };
    /** Longer than the configured timeout (imports and exports). */
    timeoutMs?: number;
    /** Extra request headers (`Accept` for a file). */
    headers?: Record<string, string>;
  };

/** The options argument is optional when the route needs none. */
type Args<M extends Method, P extends string> =
  Record<never, never> extends CallOptions<M, P>
    ? [options?: CallOptions<M, P>]
    : [options: CallOptions<M, P>];

type Call<M extends Method> = <P extends PathsFor<M>>(
  path: P,
  ...args: Args<M, P>
) => Promise<ApiResult<ResponseOf<Key<M, P>>>>;

export interface Api {
  get: Call<"GET">;
  post: Call<"POST">;
  put: Call<"PUT">;
  patch: Call<"PATCH">;
  delete: Call<"DELETE">;
  /**
   * The answer as the API sent it (status, headers, body), for a file the page passes
   * through; null when the API could not be reached.
   */
  raw<M extends Method, P extends PathsFor<M>>(
    method: M,
    path: P,
    ...args: Args<M, P>
  ): Promise<Response | null>;
}

type Fetch = typeof fetch;

/** The headers every call carries. */
export function baseHeaders(config: SiteConfig, ctx: CallerContext): Record<string, string> {
  const h: Record<string, string> = {
    Accept: "application/json",
    "Accept-Language": ctx.locale === "en" ? "en" : "zh-CN",
  };
  if (ctx.clientAddress) h["X-Lianxin-Client-Address"] = ctx.clientAddress;
  if (config.siteSecret) h["X-Lianxin-Site-Secret"] = config.siteSecret;
  if (ctx.token) h.Authorization = `Bearer ${ctx.token}`;
  return h;
}

/** "?a=1&b=2" from the defined, non-empty values; "" when there are none. */
export function queryString(query: Record<string, string | undefined> | undefined): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** `/api/concerns/:ledgerNo` with `{ ledgerNo }` → `/api/concerns/LS-2026-000001`, encoded. */
export function fillPath(path: string, params: Record<string, string> | undefined): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${path}`);
    return encodeURIComponent(value);
  });
}

interface LooseOptions {
  params?: Record<string, string>;
  query?: Record<string, string | undefined>;
  body?: unknown;
  idempotencyKey?: string;
  accessCode?: string;
  linkToken?: string;
  residentSession?: string;
  upload?: { bytes: Uint8Array; contentType: string };
  timeoutMs?: number;
  headers?: Record<string, string>;
}

export function createApi(
  ctx: CallerContext,
  config: SiteConfig = readConfig(),
  fetchImpl: Fetch = fetch,
): Api {
  async function send(method: Method, path: string, options: LooseOptions = {}) {
    const headers = { ...baseHeaders(config, ctx), ...options.headers };
    if (options.idempotencyKey) headers["Idempotency-Key"] = options.idempotencyKey;
    if (options.accessCode) headers["X-Access-Code"] = options.accessCode;
    if (options.linkToken) headers["X-Link-Token"] = options.linkToken;
    if (options.residentSession) headers["X-Resident-Session"] = options.residentSession;
    let body: BodyInit | undefined;
    if (options.upload) {
      headers["Content-Type"] = options.upload.contentType;
      body = options.upload.bytes as Uint8Array<ArrayBuffer>;
    } else if (options.body !== undefined) {
      headers["Content-Type"] = "application/json; charset=utf-8";
      body = JSON.stringify(options.body);
    }
    return fetchImpl(config.apiUrl + fillPath(path, options.params) + queryString(options.query), {
      method,
      headers,
      body,
      signal: AbortSignal.timeout(Math.max(config.apiTimeoutMs, options.timeoutMs ?? 0)),
      redirect: "error",
    });
  }

  async function call(
    method: Method,
    path: string,
    options?: LooseOptions,
  ): Promise<ApiResult<unknown>> {
    let res: Response;
    try {
      res = await send(method, path, options);
    } catch (e) {
      return { ok: false, kind: "network", reason: e instanceof Error ? e.message : String(e) };
    }
    if (!res.ok) return failureOf(res);
    // 204 answers nothing (the contract's `null`); any other success must be JSON.
    if (res.status === 204) return { ok: true, status: 204, data: null };
    const json = await jsonOf(res);
    if (json === null) return { ok: false, kind: "network", reason: "unreadable response" };
    return { ok: true, status: res.status, data: json };
  }

  // The table's types are checked at the call sites; inside, one untyped call serves all.
  const as = <M extends Method>(method: M) =>
    ((path: string, options?: LooseOptions) => call(method, path, options)) as unknown as Call<M>;

  return {
    get: as("GET"),
    post: as("POST"),
    put: as("PUT"),
    patch: as("PATCH"),
    delete: as("DELETE"),
    raw: (async (method: Method, path: string, options?: LooseOptions) => {
      try {
        return await send(method, path, options);
      } catch {
        return null;
      }
    }) as Api["raw"],
  };
}
