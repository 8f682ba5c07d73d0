// The site server's client for the staff API. Server-only: it holds the site secret and the
// staff member's session token (read from the httpOnly cookie by the caller). Every call
// carries the language, the user's address and, once signed in, `Authorization: Bearer`.
// Failures come back as values (never thrown), so pages can render a message instead of crashing.
import type { Locale } from "../i18n/messages";
import { type ApiResult, parseRetryAfter, readErrorBody } from "./api-result";
import type {
  AccessLogEntry,
  ActionType,
  CalendarSettings,
  CategoryLimits,
  DepartmentStaff,
  Directory,
  MeResponse,
  Page,
  QueueResponse,
  Ref,
  SessionResponse,
  StaffConcernView,
  StaffNotice,
  SubmissionBody,
  SubmissionReceipt,
} from "./api-types";
import { readConfig, type SiteConfig } from "./config.server";
import type {
  PartyMemberBody,
  PartyMemberItem,
  RotationBody,
  RotationView,
  ServiceDayBody,
  ServiceDayHeldBody,
  ServiceDayItem,
} from "./grid-types";
import type {
  Dashboard,
  InboxPage,
  LedgerExportRequest,
  LedgerExportStarted,
  LedgerExportStatus,
} from "./monitoring-types";

export interface RequestContext {
  locale: Locale;
  /** The user's address as the site server saw it (Astro's clientAddress). */
  clientAddress: string | null;
  /** The session token from the cookie; null before login. */
  token: string | null;
}

type Fetch = typeof fetch;
type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Query = Record<string, string | undefined>;

export interface ActionBody {
  type: ActionType;
  expectedVersion: number;
  [field: string]: unknown;
}

export interface StaffApi {
  login(username: string, password: string): Promise<ApiResult<SessionResponse>>;
  logout(): Promise<ApiResult<null>>;
  me(): Promise<ApiResult<MeResponse>>;
  changePassword(currentPassword: string, newPassword: string): Promise<ApiResult<null>>;
  queue(query: Query): Promise<ApiResult<QueueResponse>>;
  concern(ledgerNo: string): Promise<ApiResult<StaffConcernView>>;
  act(ledgerNo: string, body: ActionBody): Promise<ApiResult<StaffConcernView>>;
  reissueAccessCode(
    ledgerNo: string,
    contactPhone: string,
  ): Promise<ApiResult<{ accessCode: string }>>;
  register(body: SubmissionBody, idempotencyKey: string): Promise<ApiResult<SubmissionReceipt>>;
  directory(): Promise<ApiResult<Directory>>;
  departments(): Promise<ApiResult<Page<Ref>>>;
  departmentStaff(departmentId: string): Promise<ApiResult<Page<DepartmentStaff>>>;
  notices(state: "draft" | "published", cursor?: string): Promise<ApiResult<Page<StaffNotice>>>;
  editNotice(
    id: string,
    patch: { publicReply?: string; summary?: string },
  ): Promise<ApiResult<StaffNotice>>;
  publishNotice(id: string): Promise<ApiResult<StaffNotice>>;
  accessLog(query: Query): Promise<ApiResult<Page<AccessLogEntry>>>;
  calendar(): Promise<ApiResult<CalendarSettings>>;
  saveCalendar(override: CalendarSettings["override"]): Promise<ApiResult<CalendarSettings>>;
  editCategoryLimits(
    code: string,
    limits: CategoryLimits,
  ): Promise<ApiResult<{ code: string; limits: CategoryLimits }>>;
  resetPassword(staffId: string, newPassword: string): Promise<ApiResult<null>>;
  dashboard(query: Query): Promise<ApiResult<Dashboard>>;
  inbox(cursor?: string): Promise<ApiResult<InboxPage>>;
  markInboxRead(id: string): Promise<ApiResult<null>>;
  /** Asks for a ledger file to be made in the background: 202 with the export's id. */
  startLedgerExport(body: LedgerExportRequest): Promise<ApiResult<LedgerExportStarted>>;
  /** A background export's state (and, once done, its short-lived download link). */
  ledgerExport(id: string): Promise<ApiResult<LedgerExportStatus>>;
  rotation(villageId: string): Promise<ApiResult<RotationView>>;
  saveRotation(villageId: string, body: RotationBody): Promise<ApiResult<RotationView>>;
  serviceDays(query: Query): Promise<ApiResult<{ items: ServiceDayItem[] }>>;
  scheduleServiceDay(body: ServiceDayBody): Promise<ApiResult<ServiceDayItem>>;
  retireServiceDay(id: string): Promise<ApiResult<ServiceDayItem>>;
  /** Records a service day held on a date: the API writes its field log (一线办公). */
  serviceDayHeld(id: string, body: ServiceDayHeldBody): Promise<ApiResult<{ id: string }>>;
  partyMembers(
    villageId: string,
  ): Promise<ApiResult<{ village: { id: string; name: string }; items: PartyMemberItem[] }>>;
  registerPartyMember(body: PartyMemberBody): Promise<ApiResult<PartyMemberItem>>;
  editPartyMember(id: string, body: PartyMemberBody): Promise<ApiResult<PartyMemberItem>>;
  retirePartyMember(id: string): Promise<ApiResult<PartyMemberItem>>;
}

/** The headers every call carries. */
export function baseHeaders(config: SiteConfig, ctx: RequestContext): Record<string, string> {
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
export function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : "";
}

export function createStaffApi(
  ctx: RequestContext,
  config: SiteConfig = readConfig(),
  fetchImpl: Fetch = fetch,
): StaffApi {
  async function call<T>(
    method: Method,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; empty?: boolean } = {},
  ): Promise<ApiResult<T>> {
    const headers = { ...baseHeaders(config, ctx), ...options.headers };
    if (options.body !== undefined) headers["Content-Type"] = "application/json; charset=utf-8";
    let res: Response;
    try {
      res = await fetchImpl(config.apiUrl + path, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
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
      if (json === null && !options.empty) {
        return { ok: false, kind: "network", reason: "unreadable response" };
      }
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

  const enc = encodeURIComponent;
  const concernPath = (ledgerNo: string) => `/api/staff/concerns/${enc(ledgerNo)}`;

  return {
    login: (username, password) =>
      call("POST", "/api/staff/session", { body: { username, password } }),
    logout: () => call("DELETE", "/api/staff/session", { empty: true }),
    me: () => call("GET", "/api/staff/me"),
    changePassword: (currentPassword, newPassword) =>
      call("POST", "/api/staff/password", { body: { currentPassword, newPassword }, empty: true }),
    queue: (query) => call("GET", `/api/staff/queue${queryString(query)}`),
    concern: (ledgerNo) => call("GET", concernPath(ledgerNo)),
    act: (ledgerNo, body) => call("POST", `${concernPath(ledgerNo)}/actions`, { body }),
    reissueAccessCode: (ledgerNo, contactPhone) =>
      call("POST", `${concernPath(ledgerNo)}/access-code`, { body: { contactPhone } }),
    register: (body, idempotencyKey) =>
      call("POST", "/api/staff/concerns", { body, headers: { "Idempotency-Key": idempotencyKey } }),
    directory: () => call("GET", "/api/directory"),
    departments: () => call("GET", "/api/staff/departments"),
    departmentStaff: (departmentId) =>
      call("GET", `/api/staff/departments/${enc(departmentId)}/staff`),
    notices: (state, cursor) => call("GET", `/api/staff/notices${queryString({ state, cursor })}`),
    editNotice: (id, patch) => call("PATCH", `/api/staff/notices/${enc(id)}`, { body: patch }),
    publishNotice: (id) => call("POST", `/api/staff/notices/${enc(id)}/publish`, { body: {} }),
    accessLog: (query) => call("GET", `/api/staff/access-log${queryString(query)}`),
    calendar: () => call("GET", "/api/staff/calendar"),
    saveCalendar: (override) => call("PUT", "/api/staff/calendar", { body: override }),
    editCategoryLimits: (code, limits) =>
      call("PATCH", `/api/staff/categories/${enc(code)}`, { body: { limits } }),
    resetPassword: (staffId, newPassword) =>
      call("POST", `/api/staff/users/${enc(staffId)}/password-reset`, {
        body: { newPassword },
        empty: true,
      }),
    dashboard: (query) => call("GET", `/api/staff/dashboard${queryString(query)}`),
    inbox: (cursor) => call("GET", `/api/staff/inbox${queryString({ cursor })}`),
    markInboxRead: (id) =>
      call("POST", `/api/staff/inbox/${enc(id)}/read`, { body: {}, empty: true }),
    startLedgerExport: (body) => call("POST", "/api/staff/ledger/exports", { body }),
    ledgerExport: (id) => call("GET", `/api/staff/ledger/exports/${enc(id)}`),
    rotation: (villageId) => call("GET", `/api/staff/rotation/${enc(villageId)}`),
    saveRotation: (villageId, body) =>
      call("PUT", `/api/staff/rotation/${enc(villageId)}`, { body }),
    serviceDays: (query) => call("GET", `/api/staff/service-days${queryString(query)}`),
    scheduleServiceDay: (body) => call("POST", "/api/staff/service-days", { body }),
    retireServiceDay: (id) =>
      call("POST", `/api/staff/service-days/${enc(id)}/retire`, { body: {} }),
    serviceDayHeld: (id, body) => call("POST", `/api/staff/service-days/${enc(id)}/held`, { body }),
    partyMembers: (villageId) =>
      call("GET", `/api/staff/party-members${queryString({ villageId })}`),
    registerPartyMember: (body) => call("POST", "/api/staff/party-members", { body }),
    editPartyMember: (id, body) => call("PUT", `/api/staff/party-members/${enc(id)}`, { body }),
    retirePartyMember: (id) =>
      call("POST", `/api/staff/party-members/${enc(id)}/retire`, { body: {} }),
  };
}
