import {
  canView,
  type DirectoryIndex,
  DomainError,
  hasContactVillages,
  type Locale,
  mainlandMobile,
  monthRange,
  monthsBetween,
  parseLedgerNo,
  queryTerms,
  readsEverything,
  type StaffUser,
  shanghaiMonth,
  toQueueItem,
} from "@lianxin/core";
import type { TermPosting } from "@lianxin/store";
import * as z from "zod/mini";
import type { Deps } from "../../deps.js";
import { authorize } from "../accounts/authorize.js";
import type { StaffAuth } from "../accounts/session.js";
import { currentDirectory } from "../directory/current-directory.js";
import { parseInput } from "../parse.js";
import { type Answer, type Row, SEARCH_BOUNDS } from "./answer.js";
import { termKeysOf } from "./concern-terms.js";
import { intersectPages } from "./intersect.js";
import { byPhone } from "./phone-search.js";

const MONTH = /^\d{4}-(0[1-9]|1[0-2])(-\d{2})?$/;
const optional = <T extends z.ZodMiniType>(schema: T) =>
  z.pipe(
    z.transform((v): unknown => (v === "" || v === null ? undefined : v)),
    z.optional(schema),
  );

const SearchParams = z.object({
  q: z._default(z.string().check(z.maxLength(200)), ""),
  cursor: optional(z.string().check(z.maxLength(500))),
  from: optional(z.string().check(z.regex(MONTH))),
  to: optional(z.string().check(z.regex(MONTH))),
});

function invalid(field: string, zh: string, en: string): DomainError {
  return new DomainError("validation_failed", {
    fields: { [field]: { kind: "invalid", message: { "zh-CN": zh, en } } },
  });
}

/** Where a word search stands: the month being read, and below which sort key. */
interface Position {
  month: string;
  before: string | null;
  /** Rows answered on earlier pages (the count says "found so far"). */
  seen: number;
}

function encodePosition(p: Position): string {
  return Buffer.from(JSON.stringify([p.month, p.before, p.seen])).toString("base64url");
}

function decodePosition(cursor: string, months: readonly string[]): Position {
  try {
    const [month, before, seen] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      typeof month === "string" &&
      months.includes(month) &&
      (before === null || (typeof before === "string" && before.length < 200)) &&
      Number.isInteger(seen) &&
      seen >= 0
    ) {
      return { month, before, seen };
    }
  } catch {
    // fall through
  }
  throw invalid("cursor", "翻页参数无效", "Invalid cursor");
}

/**
 * 检索: a ledger number the user may see answers where it is (the site goes there); a mainland
 * mobile, the resident's concerns whose contact the user may see (those who may search by
 * phone only; each showing logged); anything else, the concerns whose masked title and
 * description hold every term of the query, newest first, a page at a time.
 */
export async function staffSearch(
  deps: Deps,
  auth: StaffAuth,
  query: Record<string, string>,
  locale: Locale,
): Promise<Answer> {
  authorize(auth, "concern.search");
  const params = parseInput(SearchParams, query);
  const q = params.q.trim();
  if (!q) throw invalid("q", "请输入要查找的内容", "Enter something to search for");
  const index = await currentDirectory(deps);
  if (parseLedgerNo(q)) return byLedgerNo(deps, auth, q.toUpperCase());
  const mobile = mainlandMobile(q);
  if (mobile) return byPhone(deps, auth, mobile, index, locale);
  return byWords(deps, auth, q, params, index, locale);
}

async function byLedgerNo(deps: Deps, auth: StaffAuth, ledgerNo: string): Promise<Answer> {
  const [concern] = await deps.store.getConcernsByLedgerNos([ledgerNo]);
  if (concern && canView(auth.user, concern)) return { kind: "ledger", ledgerNo };
  // Absent and not visible read alike: whether a number exists is not the user's to learn.
  return {
    kind: "words",
    items: [],
    count: { n: 0, more: false },
    nextCursor: null,
    note: "ledger_not_found",
  };
}

/**
 * What the postings tell without reading the concern: a conduct complaint is never shown to
 * those who do not read everything, and a leader sees only their contact villages. (The
 * handling department moves with a dispatch, so it is not used; `canView` decides last.)
 */
function mayMatch(user: StaffUser): (posting: TermPosting) => boolean {
  if (readsEverything(user)) return () => true;
  if (hasContactVillages(user)) {
    return (p) => !p.restricted && user.villageIds.includes(p.villageId);
  }
  return (p) => !p.restricted;
}

async function byWords(
  deps: Deps,
  auth: StaffAuth,
  q: string,
  params: { cursor?: string | undefined; from?: string | undefined; to?: string | undefined },
  index: DirectoryIndex,
  locale: Locale,
): Promise<Answer> {
  const terms = queryTerms(q);
  if (!terms.length) {
    throw invalid(
      "q",
      "查找内容太短或都是常用字，请输入至少两个连续的字",
      "Too short or only common characters: enter at least two characters in a row",
    );
  }
  const termKeys = termKeysOf(deps, terms);
  const now = deps.now();
  const to = params.to ? params.to.slice(0, 7) : shanghaiMonth(now);
  const from = params.from
    ? params.from.slice(0, 7)
    : (monthRange(to, SEARCH_BOUNDS.months)[0] as string);
  if (from > to) throw invalid("from", "开始月份晚于结束月份", "The start is after the end");
  if (monthsBetween(from, to).length > SEARCH_BOUNDS.maxMonths) {
    throw invalid("from", "时间范围最长五年", "The range may span at most five years");
  }
  // Newest first.
  const months = monthsBetween(from, to).reverse();
  let position: Position = params.cursor
    ? decodePosition(params.cursor, months)
    : { month: months[0] as string, before: null, seen: 0 };
  const keep = mayMatch(auth.user);
  const rows: Row[] = [];
  let reads = 0;
  let rounds = 0;
  let done = false;
  while (rows.length < SEARCH_BOUNDS.page) {
    if (rounds >= SEARCH_BOUNDS.rounds || reads >= SEARCH_BOUNDS.concernReads) break;
    rounds++;
    const pages = await Promise.all(
      termKeys.map((key) =>
        deps.store.queryTermPostings(key, position.month, {
          before: position.before ?? undefined,
          limit: SEARCH_BOUNDS.postings,
        }),
      ),
    );
    const { matches, next } = intersectPages(pages);
    const candidates = matches.filter(keep);
    // Read the candidates newest first until the page is full or the reads are spent.
    let stoppedAt: string | null = null;
    for (let i = 0; i < candidates.length; ) {
      const room = Math.min(SEARCH_BOUNDS.page - rows.length, SEARCH_BOUNDS.concernReads - reads);
      if (room <= 0) {
        stoppedAt = (candidates[i - 1] as TermPosting).sort;
        break;
      }
      const chunk = candidates.slice(i, i + room);
      const found = new Map(
        (await deps.store.getConcernsByLedgerNos(chunk.map((p) => p.ledgerNo))).map((c) => [
          c.ledgerNo,
          c,
        ]),
      );
      reads += chunk.length;
      for (const posting of chunk) {
        const concern = found.get(posting.ledgerNo);
        if (concern && canView(auth.user, concern)) {
          rows.push(toQueueItem(concern, index, locale, now));
        }
      }
      i += chunk.length;
    }
    if (stoppedAt !== null) {
      position = { ...position, before: stoppedAt };
      continue;
    }
    if (next !== null) {
      position = { ...position, before: next };
      continue;
    }
    const at = months.indexOf(position.month);
    if (at === months.length - 1) {
      done = true;
      break;
    }
    position = { month: months[at + 1] as string, before: null, seen: position.seen };
  }
  const n = position.seen + rows.length;
  return {
    kind: "words",
    items: rows,
    count: { n, more: !done },
    nextCursor: done ? null : encodePosition({ ...position, seen: n }),
    note: null,
  };
}
