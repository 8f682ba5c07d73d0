// The staff API's Open311 api_key routes (admin), for the /open311-keys page. Server-only:
// calls carry the session's bearer token, as every call of api.server.ts does. The issued
// secret passes through here once, into the page's answer, and is kept nowhere.
import { baseHeaders, type RequestContext } from "./api.server";
import { type ApiResult, parseRetryAfter, readErrorBody } from "./api-result";
import { readConfig, type SiteConfig } from "./config.server";

/** A key as the API lists it: never the hash or the secret. */
export interface Open311Key {
  id: string;
  label: string;
  prefix: string;
  createdAt: string;
  createdBy: { id: string; name: string };
  revokedAt: string | null;
  revokedBy: { id: string; name: string } | null;
  revokeReason: string | null;
}

export function createOpen311KeysApi(
  ctx: RequestContext,
  config: SiteConfig = readConfig(),
  fetchImpl: typeof fetch = fetch,
) {
  async function call<T>(method: "GET" | "POST", path: string, json?: unknown) {
    const headers = baseHeaders(config, ctx);
    if (json !== undefined) headers["Content-Type"] = "application/json; charset=utf-8";
    let res: Response;
    try {
      res = await fetchImpl(config.apiUrl + path, {
        method,
        headers,
        body: json === undefined ? undefined : JSON.stringify(json),
        signal: AbortSignal.timeout(config.apiTimeoutMs),
        redirect: "error",
      });
    } catch (e) {
      return {
        ok: false,
        kind: "network",
        reason: e instanceof Error ? e.message : String(e),
      } satisfies ApiResult<T>;
    }
    let body: unknown = null;
    try {
      const text = await res.text();
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    if (res.ok && body !== null) return { ok: true, status: res.status, data: body as T } as const;
    if (res.ok) return { ok: false, kind: "network", reason: "unreadable response" } as const;
    return {
      ok: false,
      kind: "http",
      status: res.status,
      error: readErrorBody(body),
      retryAfter: parseRetryAfter(res.headers.get("Retry-After")),
    } as const;
  }
  const enc = encodeURIComponent;
  return {
    list: (): Promise<ApiResult<{ items: Open311Key[] }>> => call("GET", "/api/staff/open311-keys"),
    issue: (label: string): Promise<ApiResult<{ key: Open311Key; apiKey: string }>> =>
      call("POST", "/api/staff/open311-keys", { label }),
    revoke: (id: string, reason: string): Promise<ApiResult<Open311Key>> =>
      call("POST", `/api/staff/open311-keys/${enc(id)}/revoke`, { reason }),
  };
}
export type Open311KeysApi = ReturnType<typeof createOpen311KeysApi>;
