// The site server's client for the Lianxin API. Server-only: it holds the site secret.
// Every call carries the resident's language and address; failures come back as values
// (never thrown), so pages can render "temporarily unavailable" instead of crashing.
import type { Locale } from "../i18n/messages";
import { type ApiResult, readErrorBody } from "./api-result";
import type {
  Directory,
  FeedbackBody,
  FeedbackResult,
  FieldWorkTotals,
  Notice,
  NoticePage,
  ResidentView,
  Statistics,
  SubmissionBody,
  SubmissionReceipt,
  TimelineEntry,
} from "./api-types";
import { readConfig, type SiteConfig } from "./config.server";
import { parseRetryAfter } from "./format";
import { type NoticeFilter, noticeApiQuery } from "./notice-filter";
import { readFieldWorkTotals } from "./statistics-view";
import type { PublicVillage } from "./village-types";

export interface RequestContext {
  locale: Locale;
  /** The resident's address as the site server saw it (Astro's clientAddress). */
  clientAddress: string | null;
}

type Fetch = typeof fetch;

export interface ApiClient {
  directory(): Promise<ApiResult<Directory>>;
  submitConcern(
    body: SubmissionBody,
    idempotencyKey: string,
  ): Promise<ApiResult<SubmissionReceipt>>;
  getConcern(ledgerNo: string, accessCode: string): Promise<ApiResult<ResidentView>>;
  addMessage(ledgerNo: string, accessCode: string, text: string): Promise<ApiResult<TimelineEntry>>;
  submitFeedback(
    ledgerNo: string,
    accessCode: string,
    body: FeedbackBody,
  ): Promise<ApiResult<FeedbackResult>>;
  /** Published close-out notices, newest first; the filter is sanitised by `readNoticeFilter`. */
  listNotices(filter: NoticeFilter): Promise<ApiResult<NoticePage>>;
  getNotice(id: string): Promise<ApiResult<Notice>>;
  /** The public figures (the three rates by village and department, the town's trend). */
  statistics(): Promise<ApiResult<Statistics>>;
  /** The rooting campaign's town totals (aggregate numbers, no names). */
  fieldWorkTotals(): Promise<ApiResult<FieldWorkTotals>>;
  /** A village's people and next service days (names and posts only). */
  village(id: string): Promise<ApiResult<PublicVillage>>;
}

/** The headers every call carries. */
export function baseHeaders(config: SiteConfig, ctx: RequestContext): Record<string, string> {
  const h: Record<string, string> = {
    Accept: "application/json",
    "Accept-Language": ctx.locale === "en" ? "en" : "zh-CN",
  };
  if (ctx.clientAddress) h["X-Lianxin-Client-Address"] = ctx.clientAddress;
  if (config.siteSecret) h["X-Lianxin-Site-Secret"] = config.siteSecret;
  return h;
}

export function createApiClient(
  ctx: RequestContext,
  config: SiteConfig = readConfig(),
  fetchImpl: Fetch = fetch,
): ApiClient {
  async function call<T>(
    method: "GET" | "POST",
    path: string,
    extra: Record<string, string> = {},
    body?: unknown,
  ): Promise<ApiResult<T>> {
    const headers = { ...baseHeaders(config, ctx), ...extra };
    if (body !== undefined) headers["Content-Type"] = "application/json; charset=utf-8";
    let res: Response;
    try {
      res = await fetchImpl(config.apiUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(config.apiTimeoutMs),
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
    if (res.ok) {
      if (json === null) return { ok: false, kind: "network", reason: "unreadable response" };
      return { ok: true, status: res.status, data: json as T };
    }
    return {
      ok: false,
      kind: "http",
      status: res.status,
      error: readErrorBody(json),
      retryAfter: parseRetryAfter(res.headers.get("Retry-After")),
    };
  }

  const concernPath = (ledgerNo: string) => `/api/concerns/${encodeURIComponent(ledgerNo)}`;

  return {
    directory: () => call<Directory>("GET", "/api/directory"),
    village: (id) => call<PublicVillage>("GET", `/api/villages/${encodeURIComponent(id)}`),
    submitConcern: (body, idempotencyKey) =>
      call<SubmissionReceipt>("POST", "/api/concerns", { "Idempotency-Key": idempotencyKey }, body),
    getConcern: (ledgerNo, accessCode) =>
      call<ResidentView>("GET", concernPath(ledgerNo), { "X-Access-Code": accessCode }),
    addMessage: (ledgerNo, accessCode, text) =>
      call<TimelineEntry>(
        "POST",
        `${concernPath(ledgerNo)}/messages`,
        { "X-Access-Code": accessCode },
        { text },
      ),
    submitFeedback: (ledgerNo, accessCode, body) =>
      call<FeedbackResult>(
        "POST",
        `${concernPath(ledgerNo)}/feedback`,
        { "X-Access-Code": accessCode },
        body,
      ),
    listNotices: async (filter) => {
      const res = await call<NoticePage>("GET", `/api/notices${noticeApiQuery(filter)}`);
      if (!res.ok) return res;
      const { items, nextCursor } = (res.data ?? {}) as Partial<NoticePage>;
      if (!Array.isArray(items)) return { ok: false, kind: "network", reason: "malformed notices" };
      return {
        ...res,
        data: {
          items,
          nextCursor: typeof nextCursor === "string" && nextCursor ? nextCursor : null,
        },
      };
    },
    getNotice: (id) => call<Notice>("GET", `/api/notices/${encodeURIComponent(id)}`),
    statistics: async () => {
      const res = await call<Statistics>("GET", "/api/statistics");
      if (!res.ok) return res;
      const d = res.data as Partial<Statistics> | null;
      if (
        !d ||
        !Array.isArray(d.villages) ||
        !Array.isArray(d.departments) ||
        !Array.isArray(d.trend)
      ) {
        return { ok: false, kind: "network", reason: "malformed statistics" };
      }
      return res;
    },
    fieldWorkTotals: async () => {
      const res = await call<FieldWorkTotals>("GET", "/api/statistics/field-work");
      if (!res.ok) return res;
      const totals = readFieldWorkTotals(res.data);
      if (!totals) return { ok: false, kind: "network", reason: "malformed field-work totals" };
      return { ...res, data: totals };
    },
  };
}

// The directory changes rarely and every form page needs it: keep it a minute per language,
// and serve the last good copy (up to ten minutes old) if the API is briefly unreachable.
const FRESH_MS = 60_000;
const STALE_MS = 10 * 60_000;
const directoryCache = new Map<Locale, { at: number; data: Directory }>();

export async function loadDirectory(
  client: ApiClient,
  locale: Locale,
  now: () => number = Date.now,
): Promise<ApiResult<Directory>> {
  const hit = directoryCache.get(locale);
  if (hit && now() - hit.at < FRESH_MS) return { ok: true, status: 200, data: hit.data };
  const res = await client.directory();
  if (res.ok && Array.isArray(res.data?.villages) && Array.isArray(res.data?.categories)) {
    directoryCache.set(locale, { at: now(), data: res.data });
    return res;
  }
  if (hit && now() - hit.at < STALE_MS) return { ok: true, status: 200, data: hit.data };
  if (res.ok) return { ok: false, kind: "network", reason: "malformed directory" };
  return res;
}

export function clearDirectoryCache(): void {
  directoryCache.clear();
}
