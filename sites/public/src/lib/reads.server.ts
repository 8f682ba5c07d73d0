// Reads the public pages make through site-kit's client that need more than the call: the
// directory cached per language (every form page needs it; it changes rarely), and answers
// checked for shape before a page renders them. Server-only.
import type { NoticePage, PublicDirectory, Statistics } from "@lianxin/contract";
import type { Api } from "@lianxin/site-kit/api.server";
import type { ApiResult } from "@lianxin/site-kit/api-result";
import type { Locale } from "../i18n/messages";
import { type NoticeFilter, noticeQuery } from "./notice-filter";
import { readFieldWorkTotals } from "./statistics-view";

/** Published close-out notices, newest first; the filter is sanitised by `readNoticeFilter`. */
export async function listNotices(api: Api, filter: NoticeFilter): Promise<ApiResult<NoticePage>> {
  const res = await api.get("/api/notices", { query: noticeQuery(filter) });
  if (!res.ok) return res;
  const { items, nextCursor } = (res.data ?? {}) as Partial<NoticePage>;
  if (!Array.isArray(items)) return { ok: false, kind: "network", reason: "malformed notices" };
  return {
    ...res,
    data: { items, nextCursor: typeof nextCursor === "string" && nextCursor ? nextCursor : null },
  };
}

/** The public figures (the three rates by village and department, the town's trend). */
export async function loadStatistics(api: Api): Promise<ApiResult<Statistics>> {
  const res = await api.get("/api/statistics");
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
}

/** The rooting campaign's town totals (aggregate numbers, no names). */
export async function loadFieldWorkTotals(api: Api) {
  const res = await api.get("/api/statistics/field-work");
  if (!res.ok) return res;
  const totals = readFieldWorkTotals(res.data);
  if (!totals)
    return { ok: false, kind: "network", reason: "malformed field-work totals" } as const;
  return { ...res, data: totals };
}

// The directory: a minute per language, and the last good copy (up to ten minutes old) if
// the API is briefly unreachable.
const FRESH_MS = 60_000;
const STALE_MS = 10 * 60_000;
const directoryCache = new Map<Locale, { at: number; data: PublicDirectory }>();

export async function loadDirectory(
  api: Api,
  locale: Locale,
  now: () => number = Date.now,
): Promise<ApiResult<PublicDirectory>> {
  const hit = directoryCache.get(locale);
  if (hit && now() - hit.at < FRESH_MS) return { ok: true, status: 200, data: hit.data };
  const res = await api.get("/api/directory");
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
