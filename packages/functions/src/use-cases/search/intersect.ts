import type { TermPosting } from "@lianxin/store";

/** One term's page of postings in one month, newest first (store AP-TI3). */
export interface PostingPage {
  postings: TermPosting[];
  /** The partition holds older postings than these. */
  more: boolean;
}

/**
 * The concerns every term matches, from one page per term of one month, newest first; and
 * where to read on (`next`: a sort key, exclusive) or null when the month is done.
 *
 * A page cut by its limit knows nothing older than its oldest posting, so only matches at or
 * above the highest such cut (the frontier) are certain; below it the next round reads on.
 * A term whose page is complete bounds every match: when it holds nothing below the
 * frontier, no further match exists in the month.
 */
export function intersectPages(pages: readonly PostingPage[]): {
  matches: TermPosting[];
  next: string | null;
} {
  if (pages.length === 0) return { matches: [], next: null };
  let frontier: string | null = null;
  for (const page of pages) {
    const oldest = page.postings.at(-1)?.sort;
    if (page.more && oldest !== undefined && (frontier === null || oldest > frontier)) {
      frontier = oldest;
    }
  }
  const [first, ...rest] = pages as [PostingPage, ...PostingPage[]];
  const others = rest.map((page) => new Set(page.postings.map((p) => p.sort)));
  const matches = first.postings.filter(
    (p) => (frontier === null || p.sort >= frontier) && others.every((set) => set.has(p.sort)),
  );
  const exhausted =
    frontier === null ||
    pages.some((page) => !page.more && !page.postings.some((p) => p.sort < (frontier as string)));
  return { matches, next: exhausted ? null : frontier };
}
