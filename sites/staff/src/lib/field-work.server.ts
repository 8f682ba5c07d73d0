// The site server's client for the field-work routes (蹲点日志, compliance, reports). Server-only,
// like api.server.ts: the session token goes as a Bearer header, failures come back as values.
import type { Locale } from "../i18n/messages";
import { baseHeaders, queryString, type RequestContext } from "./api.server";
import { type ApiResult, parseRetryAfter, readErrorBody } from "./api-result";
import { readConfig } from "./config.server";

type Query = Record<string, string | undefined>;

async function call<T>(
  ctx: RequestContext,
  method: "GET" | "POST",
  path: string,
  options: { body?: unknown; key?: string } = {},
): Promise<ApiResult<T>> {
  const config = readConfig();
  const headers: Record<string, string> = { ...baseHeaders(config, ctx) };
  if (options.body !== undefined) headers["Content-Type"] = "application/json; charset=utf-8";
  if (options.key) headers["Idempotency-Key"] = options.key;
  let res: Response;
  try {
    res = await fetch(config.apiUrl + path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(config.apiTimeoutMs),
      redirect: "error",
    });
  } catch (e) {
    return { ok: false, kind: "network", reason: e instanceof Error ? e.message : String(e) };
  }
  const text = await res.text().catch(() => "");
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (res.ok && json !== null) return { ok: true, status: res.status, data: json as T };
  if (res.ok) return { ok: false, kind: "network", reason: "unreadable response" };
  return {
    ok: false,
    kind: "http",
    status: res.status,
    error: readErrorBody(json),
    retryAfter: parseRetryAfter(res.headers.get("Retry-After")),
  };
}

export interface Named {
  id: string;
  name: string;
}
export interface FieldLogView {
  id: string;
  date: string;
  kind: string;
  peopleReached: number;
  enterprises: number;
  peopleConsulted: number;
  notes: string;
  concernLedgerNos: string[];
  author: Named;
  village: Named;
  group: Named | null;
}
export interface Receipt {
  ledgerNo: string;
  accessCode: string;
  routing?: { department?: { name?: string } };
}
export interface ComplianceView {
  from: string;
  to: string;
  months: string[];
  rows: Array<{
    personId: string;
    name: string;
    role: "leader" | "dept_head";
    department: Named | null;
    rate: number | null;
    gaps: number;
    cells: Array<{
      month: string;
      state: "met" | "gap" | "pending" | "none";
      places: Array<{ village: Named; groups: Named[]; days: number }>;
    }>;
  }>;
}
export interface FieldWorkFigures {
  logs: number;
  visits: number;
  enterprises: number;
  symposia: number;
  talks: number;
  consulted: number;
  concernsRaised: number;
}
export interface QuarterlyView {
  quarter: string;
  months: string[];
  subject: { kind: "person" | "department"; id: string; name: string };
  fieldWork: FieldWorkFigures;
  byMonth: Array<FieldWorkFigures & { month: string }>;
  concerns: {
    raised: number;
    open: number;
    resolved: number;
    explained: number;
    assisted: number;
    solved: number;
  };
  compliance: {
    rate: number | null;
    gaps: number;
    cells: Array<{ month: string; state: string }>;
  } | null;
  rates: { response: number | null; resolution: number | null; satisfaction: number | null };
  logs: number;
}
export interface AnnualView {
  year: string;
  through: string;
  weights: Record<string, number>;
  rows: Array<{
    rank: number;
    department: Named;
    received: number;
    closed: number;
    score: number | null;
    [measure: string]: unknown;
  }>;
}
export interface TotalsView extends FieldWorkFigures {
  from: string;
  to: string;
  departments: number;
  leaders: number;
  people: number;
  cadresAndPartyMembers: number;
  villages: number;
  solved: number;
}

export function fieldWorkApi(ctx: RequestContext) {
  return {
    logs: (query: Query) =>
      call<{ month: string; items: FieldLogView[] }>(
        ctx,
        "GET",
        `/api/staff/field-logs${queryString(query)}`,
      ),
    createLog: (body: unknown, key: string) =>
      call<{ log: FieldLogView; concerns: Receipt[] }>(ctx, "POST", "/api/staff/field-logs", {
        body,
        key,
      }),
    compliance: (query: Query) =>
      call<ComplianceView>(ctx, "GET", `/api/staff/compliance${queryString(query)}`),
    quarterly: (query: Query) =>
      call<QuarterlyView>(ctx, "GET", `/api/staff/reports/quarterly${queryString(query)}`),
    annual: (query: Query) =>
      call<AnnualView>(ctx, "GET", `/api/staff/reports/annual${queryString(query)}`),
    totals: (query: Query) =>
      call<TotalsView>(ctx, "GET", `/api/statistics/field-work${queryString(query)}`),
  };
}

/** The quarterly report's xlsx, fetched with the session and passed through. */
export async function quarterlyXlsx(ctx: RequestContext, query: Query): Promise<Response | null> {
  const config = readConfig();
  try {
    const res = await fetch(
      `${config.apiUrl}/api/staff/reports/quarterly${queryString({ ...query, format: "xlsx" })}`,
      { headers: baseHeaders(config, ctx), signal: AbortSignal.timeout(config.apiTimeoutMs) },
    );
    return res;
  } catch {
    return null;
  }
}

export const pct = (r: number | null | undefined, locale: Locale) =>
  r === null || r === undefined ? "—" : `${(r * 100).toFixed(1)}%${locale === "en" ? "" : ""}`;
