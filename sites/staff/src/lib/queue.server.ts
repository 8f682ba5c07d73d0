// Loading one page of a queue (mine, triage, all) with its filter choices, and the triage
// page's quick dispatch. Server-only.
import type { PublicDirectory, QueueResponse, QueueScope, Ref, StaffUser } from "@lianxin/contract";
import type { Api } from "@lianxin/site-kit/api.server";
import type { ApiResult } from "@lianxin/site-kit/api-result";
import type { Locale } from "../i18n/messages";
import { actionBody, normalizeLedgerNo } from "./actions";
import { classifyFailure, type FailureKind } from "./failure";
import { type QueueFilters, queueQuery, readQueueFilters } from "./queue-filters";

const FRESH_MS = 60_000;
const cache = new Map<string, { at: number; data: unknown }>();

/** Lists that change rarely (directory, departments): a minute per language. */
async function cached<T>(
  key: string,
  load: () => Promise<ApiResult<T>>,
  now = Date.now(),
): Promise<T | null> {
  const hit = cache.get(key);
  if (hit && now - hit.at < FRESH_MS) return hit.data as T;
  const res = await load();
  if (res.ok) {
    cache.set(key, { at: now, data: res.data });
    return res.data;
  }
  return (hit?.data as T | undefined) ?? null;
}

export function loadDirectory(api: Api, locale: Locale): Promise<PublicDirectory | null> {
  return cached(`directory:${locale}`, () => api.get("/api/directory"));
}

export async function loadDepartments(api: Api, locale: Locale): Promise<Ref[] | null> {
  const page = await cached(`departments:${locale}`, () => api.get("/api/staff/departments"));
  return Array.isArray(page?.items) ? page.items : null;
}

/** A department's staff, for the assignee filter (names, never ids, in the form). */
async function loadStaffOf(api: Api, departmentId: string): Promise<Ref[] | null> {
  const list = await cached(`staff:${departmentId}`, () =>
    api.get("/api/staff/departments/:id/staff", { params: { id: departmentId } }),
  );
  return Array.isArray(list?.items) ? list.items.map((s) => ({ id: s.id, name: s.name })) : null;
}

export interface QueuePageData {
  scope: QueueScope;
  filters: QueueFilters;
  queue: QueueResponse | null;
  failure: FailureKind | null;
  /** A 400's field messages, in the user's language as the API wrote them. */
  problems?: string[];
  directory: PublicDirectory | null;
  /** The department filter's choices; on triage, where a concern can be dispatched. */
  departments: Ref[] | null;
  /** The assignee filter's choices: the chosen department's staff, else the user's. */
  assignees: Ref[] | null;
}

export type Loaded<T> = { redirect: string } | { status: number; data: T };

export async function loadQueuePage(
  api: Api,
  locale: Locale,
  scope: QueueScope,
  params: URLSearchParams,
  onSessionFailure: (failure: Extract<ApiResult<unknown>, { ok: false }>) => string | null,
  user: StaffUser | null = null,
): Promise<Loaded<QueuePageData>> {
  const filters = readQueueFilters(params);
  const staffOf = filters.department || user?.departmentId || "";
  const [res, directory, departments, assignees] = await Promise.all([
    api.get("/api/staff/queue", { query: queueQuery(scope, filters) }),
    loadDirectory(api, locale),
    loadDepartments(api, locale),
    staffOf ? loadStaffOf(api, staffOf) : Promise.resolve(null),
  ]);
  if (!res.ok) {
    const to = onSessionFailure(res);
    if (to) return { redirect: to };
    const failure = classifyFailure(res);
    const status = failure === "unavailable" ? 503 : res.kind === "http" ? res.status : 503;
    const problems = res.kind === "http" ? Object.values(res.error?.fields ?? {}) : [];
    return {
      status,
      data: { scope, filters, queue: null, failure, problems, directory, departments, assignees },
    };
  }
  const queue = res.data;
  const ok = queue && Array.isArray(queue.items);
  return {
    status: ok ? 200 : 503,
    data: {
      scope,
      filters,
      queue: ok ? queue : null,
      failure: ok ? null : "unavailable",
      directory,
      departments,
      assignees,
    },
  };
}

export type DispatchOutcome =
  | { ok: true; ledgerNo: string }
  | { ok: false; failure: ApiResult<unknown> & { ok: false } }
  | { ok: false; failure: "invalid" | "conflict" };

/**
 * Quick dispatch from the triage queue. The queue carries no version, so read the concern
 * first and dispatch with the version just seen; if someone else dispatched it meanwhile,
 * the state no longer allows it and the answer is a conflict.
 */
export async function quickDispatch(api: Api, form: FormData): Promise<DispatchOutcome> {
  const rawNo = form.get("ledgerNo");
  const dep = form.get("departmentId");
  const ledgerNo = typeof rawNo === "string" ? normalizeLedgerNo(rawNo) : null;
  const departmentId = typeof dep === "string" ? dep.trim() : "";
  if (!ledgerNo || !departmentId) return { ok: false, failure: "invalid" };
  const view = await api.get("/api/staff/concerns/:ledgerNo", { params: { ledgerNo } });
  if (!view.ok) return { ok: false, failure: view };
  if (!view.data.allowedActions?.includes("dispatch")) return { ok: false, failure: "conflict" };
  const res = await api.post("/api/staff/concerns/:ledgerNo/actions", {
    params: { ledgerNo },
    body: actionBody("dispatch", view.data.version, { departmentId }),
  });
  return res.ok ? { ok: true, ledgerNo } : { ok: false, failure: res };
}
