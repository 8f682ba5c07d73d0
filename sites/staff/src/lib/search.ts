// The search page's query and links (/search?q=…&cursor=…&from=…&to=…). Pure.
import { SEARCH_NOTES, type SearchNote } from "@lianxin/contract";
import type { MessageKey } from "../i18n/messages";

export interface SearchQuery {
  q: string;
  cursor: string;
  from: string;
  to: string;
}

const CURSOR = /^[A-Za-z0-9_-]{1,500}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])(-\d{2})?$/;

/** The page's parameters, each cut to what the API takes; anything malformed is dropped. */
export function searchQueryOf(params: URLSearchParams): SearchQuery {
  const cursor = params.get("cursor") ?? "";
  const month = (name: string) => {
    const v = params.get(name)?.trim() ?? "";
    return MONTH.test(v) ? v : "";
  };
  return {
    q: (params.get("q") ?? "").trim().slice(0, 200),
    cursor: CURSOR.test(cursor) ? cursor : "",
    from: month("from"),
    to: month("to"),
  };
}

/** The page's link for a query (and a cursor to continue it). */
export function searchHref(query: Partial<SearchQuery>): string {
  const params = new URLSearchParams();
  for (const name of ["q", "from", "to", "cursor"] as const) {
    const v = query[name];
    if (v) params.set(name, v);
  }
  const s = params.toString();
  return s ? `/search?${s}` : "/search";
}

/** "找到 12 件", or "找到 20+ 件" when the search stopped before the end. */
export function countMessage(count: { n: number; more: boolean }): [MessageKey, { n: number }] {
  return [count.more ? "search.foundMore" : "search.found", { n: count.n }];
}

/** The words for the API's note, or null for a note this site does not know. */
export function noteKey(note: string | null | undefined): MessageKey | null {
  return note && (SEARCH_NOTES as readonly string[]).includes(note)
    ? (`search.note.${note as SearchNote}` as MessageKey)
    : null;
}
