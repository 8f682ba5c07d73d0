// The ledger export's two file calls, through the request's API client: the export itself (a
// file, or 201 with a link to one) and the download of such a link on the API's origin
// (`GET /api/staff/exports/:key`). The client adds the session's bearer token here, on the
// site server; the browser only ever sees this site's addresses. Server-only.
import type { LedgerLink } from "@lianxin/contract";
import type { Api } from "@lianxin/site-kit/api.server";
import { type ApiFailure, failureOf } from "@lianxin/site-kit/api-result";
import { readConfig } from "@lianxin/site-kit/config.server";
import { apiUrlOf, fileHeaders } from "./ledger-form";

export type LedgerAnswer =
  | { ok: true; kind: "file"; body: ReadableStream<Uint8Array> | null; headers: Headers }
  | { ok: true; kind: "link"; link: LedgerLink }
  | ApiFailure;

/** Files: an export may take longer than a page's JSON. */
const FILE_OPTIONS = { headers: { Accept: "*/*" }, timeoutMs: 120_000 };
const UNREACHABLE: ApiFailure = { ok: false, kind: "network", reason: "API unreachable" };

export async function exportLedger(
  api: Api,
  query: Record<string, string | undefined>,
): Promise<LedgerAnswer> {
  const res = await api.raw("GET", "/api/staff/ledger", { query, ...FILE_OPTIONS });
  if (!res) return UNREACHABLE;
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

/** The export file's name in a link the API made (`/api/staff/exports/{name}?…`). */
const EXPORT_FILE = /^\/api\/staff\/exports\/([A-Za-z0-9._-]+)$/;

/**
 * A big export's file, fetched with the token; only the API's own export links (on its origin,
 * at `/api/staff/exports/…`): null for anything else.
 */
export async function downloadLedger(
  api: Api,
  url: string,
  apiUrl: string = readConfig().apiUrl,
): Promise<LedgerAnswer | null> {
  const target = apiUrlOf(url, apiUrl);
  const key = target ? EXPORT_FILE.exec(target.pathname)?.[1] : undefined;
  if (!target || !key) return null;
  const res = await api.raw("GET", "/api/staff/exports/:key", {
    params: { key },
    query: Object.fromEntries(target.searchParams),
    ...FILE_OPTIONS,
  });
  if (!res) return UNREACHABLE;
  if (!res.ok) return failureOf(res);
  return { ok: true, kind: "file", body: res.body, headers: fileHeaders(res.headers) };
}
