import {
  DomainError,
  type Locale,
  maskPersonalData,
  namesToMask,
  Outcome,
  parseLedgerNo,
  searchTextOf,
  toPublicNotice,
  toStaffNotice,
} from "@lianxin/core";
import * as z from "zod/mini";
import type { Deps } from "../../deps.js";
import { authorize } from "../accounts/authorize.js";
import type { StaffAuth } from "../accounts/session.js";
import { currentDirectory } from "../directory/current-directory.js";
import { parseInput } from "../parse.js";

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const NoticeQuery = z.object({
  village: z.pipe(z.transform(blankToUndefined), z.optional(z.string().check(z.maxLength(64)))),
  outcome: z.pipe(z.transform(blankToUndefined), z.optional(Outcome)),
  month: z.pipe(
    z.transform(blankToUndefined),
    z.optional(z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/))),
  ),
  q: z.pipe(z.transform(blankToUndefined), z.optional(z.string().check(z.trim(), z.maxLength(50)))),
  cursor: z.pipe(z.transform(blankToUndefined), z.optional(z.string().check(z.maxLength(2000)))),
});

/** 公示 browsing: published notices, filtered, newest first. */
export async function listPublicNotices(deps: Deps, query: Record<string, string>, locale: Locale) {
  const f = parseInput(NoticeQuery, query);
  const page = await deps.store.listNotices({
    state: "published",
    villageId: f.village,
    outcome: f.outcome,
    month: f.month,
    q: f.q?.toLowerCase(),
    limit: 20,
    cursor: f.cursor,
  });
  const index = await currentDirectory(deps);
  return {
    items: page.items.map((n) => toPublicNotice(n, index, locale)),
    nextCursor: page.nextCursor,
  };
}

export async function getPublicNotice(deps: Deps, id: string, locale: Locale) {
  // Notice ids are ledger numbers: anything else cannot exist.
  const notice = parseLedgerNo(id) ? await deps.store.getNotice(id.trim().toUpperCase()) : null;
  if (notice?.state !== "published") throw new DomainError("not_found");
  return toPublicNotice(notice, await currentDirectory(deps), locale);
}

export async function listStaffNotices(
  deps: Deps,
  auth: StaffAuth,
  query: Record<string, string>,
  locale: Locale,
) {
  authorize(auth, "notice.read");
  const state = query.state === "published" ? "published" : "draft";
  const page = await deps.store.listNotices({
    state,
    limit: 20,
    cursor: query.cursor || undefined,
  });
  const index = await currentDirectory(deps);
  return {
    items: page.items.map((n) => toStaffNotice(n, index, locale)),
    nextCursor: page.nextCursor,
  };
}

const NoticeEdit = z.strictObject({
  publicReply: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(4000))),
  summary: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
});

async function loadDraft(deps: Deps, id: string) {
  const notice = parseLedgerNo(id) ? await deps.store.getNotice(id.trim().toUpperCase()) : null;
  if (!notice) throw new DomainError("not_found");
  if (notice.state !== "draft")
    throw new DomainError("conflict", { details: { currentState: notice.state } });
  return notice;
}

/** Admin edits the masked draft; what they write is masked again (a second safety net). */
export async function editNotice(
  deps: Deps,
  auth: StaffAuth,
  id: string,
  body: unknown,
  locale: Locale,
) {
  authorize(auth, "notice.publish");
  const edit = parseInput(NoticeEdit, body);
  const notice = await loadDraft(deps, id);
  const index = await currentDirectory(deps);
  // The names the draft was masked with (resident, staff), so an edit cannot bring one back.
  const found = await deps.store.getConcernWithEvents(notice.ledgerNo);
  const names = found ? namesToMask(found.concern, found.events) : [];
  const summary = edit.summary
    ? maskPersonalData(edit.summary, { knownNames: names }).text
    : notice.summary;
  const publicReply = edit.publicReply
    ? maskPersonalData(edit.publicReply, { knownNames: names }).text
    : notice.publicReply;
  const next = {
    ...notice,
    summary,
    publicReply,
    searchText: searchTextOf(
      summary,
      publicReply,
      index.village(notice.villageId)?.name ?? "",
      index.category(notice.categoryCode)?.name ?? "",
    ),
  };
  if (!(await deps.store.replaceNotice(next, "draft"))) throw new DomainError("conflict");
  return toStaffNotice(next, index, locale);
}

/** Admin approves: the notice becomes public. */
export async function publishNotice(deps: Deps, auth: StaffAuth, id: string, locale: Locale) {
  authorize(auth, "notice.publish");
  const notice = await loadDraft(deps, id);
  const next = {
    ...notice,
    state: "published" as const,
    publishedAt: deps.now().toISOString(),
    approvedBy: { id: auth.user.id, name: auth.user.name },
  };
  if (!(await deps.store.replaceNotice(next, "draft"))) throw new DomainError("conflict");
  return toStaffNotice(next, await currentDirectory(deps), locale);
}
