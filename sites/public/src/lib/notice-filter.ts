// The notices page's GET filter (village, outcome, month, keyword, cursor): read from the page's
// own query string, sanitised, then turned into the API's query and the page's own links.
// Anything that does not fit is dropped, never passed on.
import type { Outcome } from "@lianxin/contract";
import { isOutcome } from "./outcome";

export const Q_MAX = 50;
export const CURSOR_MAX = 500;

export interface NoticeFilter {
  village: string;
  outcome: Outcome | "";
  /** YYYY-MM (the month the notice was closed, Beijing time). */
  month: string;
  q: string;
  /** Opaque: whatever the API gave as nextCursor. */
  cursor: string;
}

export type NoticeFilterField = keyof NoticeFilter;

export const EMPTY_FILTER: NoticeFilter = {
  village: "",
  outcome: "",
  month: "",
  q: "",
  cursor: "",
};

const VILLAGE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
// C0/C1 controls and DEL: never part of a keyword or a cursor.
const CONTROL = /\p{Cc}/u;
const CONTROLS = /\p{Cc}+/gu;

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

/** Trim, turn control characters and runs of spaces into one space, keep at most 50 characters. */
export function cleanKeyword(raw: string): string {
  const s = raw.normalize("NFC").replace(CONTROLS, " ").replace(/\s+/g, " ").trim();
  // Count characters, not UTF-16 units, so a cut never splits a surrogate pair.
  const chars = Array.from(s);
  return chars.length > Q_MAX ? chars.slice(0, Q_MAX).join("").trim() : s;
}

type ParamsLike = { get(name: string): string | null };

/** Read the filter from the page's query string; `dropped` names the values that were refused. */
export function readNoticeFilter(params: ParamsLike): {
  filter: NoticeFilter;
  dropped: NoticeFilterField[];
} {
  const dropped: NoticeFilterField[] = [];
  const raw = (name: NoticeFilterField) => params.get(name) ?? "";
  const filter: NoticeFilter = { ...EMPTY_FILTER };

  const village = raw("village").trim();
  if (VILLAGE_ID.test(village)) filter.village = village;
  else if (village) dropped.push("village");

  const outcome = raw("outcome").trim();
  if (isOutcome(outcome)) filter.outcome = outcome;
  else if (outcome) dropped.push("outcome");

  const month = raw("month").trim();
  if (isMonth(month)) filter.month = month;
  else if (month) dropped.push("month");

  filter.q = cleanKeyword(raw("q"));

  const cursor = raw("cursor");
  if (cursor && cursor.length <= CURSOR_MAX && !CONTROL.test(cursor)) filter.cursor = cursor;
  else if (cursor) dropped.push("cursor");

  return { filter, dropped };
}

const ORDER: readonly NoticeFilterField[] = ["village", "outcome", "month", "q", "cursor"];

function toParams(filter: NoticeFilter): URLSearchParams {
  const p = new URLSearchParams();
  for (const key of ORDER) if (filter[key]) p.set(key, filter[key]);
  return p;
}

/** The API's query for this filter: its non-empty values, in a fixed order. */
export function noticeQuery(filter: NoticeFilter): Record<string, string> {
  return Object.fromEntries(toParams(filter));
}

/** The API's query string for this filter, with its leading "?" ("" when empty). */
export function noticeApiQuery(filter: NoticeFilter): string {
  const s = toParams(filter).toString();
  return s ? `?${s}` : "";
}

/**
 * A link to the notices page with these filters and `cursor` (null: the first page), e.g. the
 * "下一页" link carries the API's nextCursor and the current filters.
 */
export function noticeListHref(filter: NoticeFilter, cursor: string | null = null): string {
  const s = toParams({ ...filter, cursor: cursor ?? "" }).toString();
  return s ? `/notices?${s}` : "/notices";
}

export function hasFilters(filter: NoticeFilter): boolean {
  return Boolean(filter.village || filter.outcome || filter.month || filter.q);
}

/** Notice ids as they may appear in a path: plain, short, nothing to escape into another route. */
export function isNoticeId(id: string | undefined): id is string {
  return typeof id === "string" && /^[A-Za-z0-9][A-Za-z0-9_.~:-]{0,127}$/.test(id);
}

/** The first lines of a reply for the list: at most `lines` non-empty lines and `chars` characters. */
export function excerpt(text: string | null | undefined, chars = 120, lines = 3): string {
  if (!text) return "";
  const all = text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const kept = all.slice(0, lines).join("\n");
  const cps = Array.from(kept);
  if (cps.length > chars) return `${cps.slice(0, chars).join("").trimEnd()}…`;
  return all.length > lines ? `${kept}…` : kept;
}
