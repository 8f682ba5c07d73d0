// The staff API's directory admin, for the /directory pages. Server-only: calls carry the
// session's bearer token (as every call of api.server.ts does). JSON in and out, except the
// xlsx export (passed through as bytes) and the import (the workbook's bytes).
import { baseHeaders, type RequestContext } from "./api.server";
import { type ApiResult, parseRetryAfter, readErrorBody } from "./api-result";
import { readConfig, type SiteConfig } from "./config.server";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export type Limit = { amount: number; unit: "hours" | "working_days" | "days" };
export interface VillageEntry {
  id: string;
  name: string;
  kind: "village" | "community" | "park";
  contactLeaderId: string;
  groups: Array<{ id: string; name: string; holderId: string | null; retiredAt: string | null }>;
  retiredAt: string | null;
}
export interface DepartmentEntry {
  id: string;
  name: string;
  nameEn: string;
  kind: "department" | "discipline" | "office";
  head: { id: string; name: string };
  pairedVillageId: string;
  retiredAt: string | null;
}
export interface LeaderEntry {
  id: string;
  name: string;
  title: string;
  surveyPoints: string[];
  retiredAt: string | null;
}
export interface CategoryEntry {
  code: string;
  name: string;
  nameEn: string;
  description: string;
  descriptionEn: string;
  departmentId: string | null;
  villageOverrides: Record<string, string>;
  conductComplaint: boolean;
  limits: { signFor: Limit; respond: Limit; answer: Limit };
  retiredAt: string | null;
}
export interface FullDirectory {
  villages: VillageEntry[];
  departments: DepartmentEntry[];
  leaders: LeaderEntry[];
  categories: CategoryEntry[];
}
export interface AccountEntry {
  id: string;
  username: string;
  name: string;
  role: "admin" | "leader" | "dept_head" | "cadre" | "inspector";
  departmentId: string | null;
  villageIds: string[];
  phone: string | null;
  active: boolean;
  mustChangePassword: boolean;
}
export interface ImportAnswer {
  dryRun: boolean;
  rows: number;
  changes: Record<string, { created: number; updated: number; unchanged: number }>;
  rejected: Array<{
    sheet: string;
    row: number | null;
    field: string;
    column: string;
    reason: string;
  }>;
  written: number;
  temporaryPasswords: Array<{ username: string; name: string; password: string }>;
}

export const ENTRY_KINDS = ["villages", "departments", "leaders", "categories"] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export const isEntryKind = (v: unknown): v is EntryKind =>
  typeof v === "string" && (ENTRY_KINDS as readonly string[]).includes(v);

export function createDirectoryApi(
  ctx: RequestContext,
  config: SiteConfig = readConfig(),
  fetchImpl: typeof fetch = fetch,
) {
  async function call<T>(
    method: string,
    path: string,
    body?: { json?: unknown; bytes?: Uint8Array },
  ): Promise<ApiResult<T>> {
    const headers = baseHeaders(config, ctx);
    let payload: BodyInit | undefined;
    if (body?.json !== undefined) {
      headers["Content-Type"] = "application/json; charset=utf-8";
      payload = JSON.stringify(body.json);
    } else if (body?.bytes) {
      headers["Content-Type"] = XLSX_TYPE;
      payload = body.bytes as Uint8Array<ArrayBuffer>;
    }
    let res: Response;
    try {
      res = await fetchImpl(config.apiUrl + path, {
        method,
        headers,
        body: payload,
        signal: AbortSignal.timeout(Math.max(config.apiTimeoutMs, 30_000)),
        redirect: "error",
      });
    } catch (e) {
      return { ok: false, kind: "network", reason: e instanceof Error ? e.message : String(e) };
    }
    let json: unknown = null;
    try {
      const text = await res.text();
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (res.ok) return { ok: true, status: res.status, data: json as T };
    return {
      ok: false,
      kind: "http",
      status: res.status,
      error: readErrorBody(json),
      retryAfter: parseRetryAfter(res.headers.get("Retry-After")),
    };
  }
  const enc = encodeURIComponent;
  return {
    directory: () => call<FullDirectory>("GET", "/api/staff/directory"),
    accounts: () => call<{ items: AccountEntry[] }>("GET", "/api/staff/accounts"),
    put: (kind: EntryKind, id: string, json: unknown) =>
      call<{ created: boolean }>("PUT", `/api/staff/directory/${kind}/${enc(id)}`, { json }),
    retire: (kind: string, id: string, retired: boolean) =>
      call<unknown>(
        "POST",
        `/api/staff/directory/${enc(kind)}/${enc(id)}/${retired ? "retire" : "reinstate"}`,
        { json: {} },
      ),
    createAccount: (json: unknown) =>
      call<{ account: AccountEntry; temporaryPassword: string }>("POST", "/api/staff/accounts", {
        json,
      }),
    editAccount: (id: string, json: unknown) =>
      call<AccountEntry>("PATCH", `/api/staff/accounts/${enc(id)}`, { json }),
    importXlsx: (bytes: Uint8Array, dryRun: boolean) =>
      call<ImportAnswer>("POST", `/api/staff/directory/import?dryRun=${dryRun}`, { bytes }),
    /** The export as the API sent it (status, headers and body), for passing through. */
    async exportXlsx(): Promise<Response | null> {
      try {
        return await fetchImpl(`${config.apiUrl}/api/staff/directory.xlsx`, {
          headers: { ...baseHeaders(config, ctx), Accept: XLSX_TYPE },
          signal: AbortSignal.timeout(Math.max(config.apiTimeoutMs, 30_000)),
          redirect: "error",
        });
      } catch {
        return null;
      }
    },
  };
}
export type DirectoryApi = ReturnType<typeof createDirectoryApi>;
