// The ledger export's two raw calls: the export itself (a file, or 201 with a link to one) and
// the download of such a link on the API's origin. Both add the session's bearer token here, on
// the site server; the browser only ever sees this site's addresses. Server-only.
import { baseHeaders, queryString, type RequestContext } from "./api.server";
import { type ApiFailure, parseRetryAfter, readErrorBody } from "./api-result";
import { readConfig, type SiteConfig } from "./config.server";
import { apiUrlOf, fileHeaders } from "./ledger-form";
import type { LedgerLink } from "./monitoring-types";

export type LedgerAnswer =
  | { ok: true; kind: "file"; body: ReadableStream<Uint8Array> | null; headers: Headers }
  | { ok: true; kind: "link"; link: LedgerLink }
  | ApiFailure;

/** Timeout for files: an export may take longer than a page's JSON. */
const FILE_TIMEOUT_MS = 120_000;

async function failureOf(res: Response): Promise<ApiFailure> {
  let json: unknown = null;
  try {
    const text = await res.text();
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return {
    ok: false,
    kind: "http",
    status: res.status,
    error: readErrorBody(json),
    retryAfter: parseRetryAfter(res.headers.get("Retry-After")),
  };
}

async function get(
  url: string,
  ctx: RequestContext,
  config: SiteConfig,
): Promise<Response | ApiFailure> {
  try {
    return await fetch(url, {
      headers: { ...baseHeaders(config, ctx), Accept: "*/*" },
      signal: AbortSignal.timeout(Math.max(config.apiTimeoutMs, FILE_TIMEOUT_MS)),
      redirect: "error",
    });
  } catch (e) {
    return { ok: false, kind: "network", reason: e instanceof Error ? e.message : String(e) };
  }
}

export async function exportLedger(
  ctx: RequestContext,
  query: Record<string, string | undefined>,
  config: SiteConfig = readConfig(),
): Promise<LedgerAnswer> {
  const res = await get(`${config.apiUrl}/api/staff/ledger${queryString(query)}`, ctx, config);
  if (!(res instanceof Response)) return res;
  if (!res.ok) return failureOf(res);
  const type = res.headers.get("Content-Type") ?? "";
  if (res.status === 201 && type.includes("application/json")) {
    const link = (await res.json().catch(() => null)) as Partial<LedgerLink> | null;
    if (link && typeof link.url === "string") {
      return {
        ok: true,
        kind: "link",
        link: {
          url: link.url,
          expiresAt: typeof link.expiresAt === "string" ? link.expiresAt : "",
          rows: typeof link.rows === "number" ? link.rows : 0,
        },
      };
    }
    return { ok: false, kind: "network", reason: "malformed export link" };
  }
  return { ok: true, kind: "file", body: res.body, headers: fileHeaders(res.headers) };
}

/** A big export's file, fetched with the token; only URLs on the API's own origin. */
export async function downloadLedger(
  ctx: RequestContext,
  url: string,
  config: SiteConfig = readConfig(),
): Promise<LedgerAnswer | null> {
  const target = apiUrlOf(url, config.apiUrl);
  if (!target) return null;
  const res = await get(target.href, ctx, config);
  if (!(res instanceof Response)) return res;
  if (!res.ok) return failureOf(res);
  return { ok: true, kind: "file", body: res.body, headers: fileHeaders(res.headers) };
}
