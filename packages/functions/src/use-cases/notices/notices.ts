import {
  clearForPublic,
  type DirectoryIndex,
  DomainError,
  freeText,
  type Locale,
  maskPersonalData,
  namesToMask,
  noticeHighlights,
  noticePhotoCandidates,
  Outcome,
  parseLedgerNo,
  publicTextContext,
  reviewDecisionsOf,
  type StoredNotice,
  searchTextOf,
  toPublicNotice,
  toStaffNotice,
} from "@lianxin/core";
import * as z from "zod/mini";
import type { Deps } from "../../deps.js";
import { authorize } from "../accounts/authorize.js";
import type { StaffAuth } from "../accounts/session.js";
import { changeOf, commitOrConflict, staffEvent } from "../concerns/staff-concerns.js";
import { currentDirectory } from "../directory/current-directory.js";
import { knownPeople } from "../directory/known-people.js";
import { fileViews } from "../files/file-views.js";
import { parseInput } from "../parse.js";
import {
  chosenNoticePhotos,
  copyNoticePhotos,
  NoticeApproval,
  noticePhotoViews,
} from "./notice-photos.js";

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
    items: page.items.map((n) => toPublicNotice(n, index, locale, noticePhotoViews(deps, n))),
    nextCursor: page.nextCursor,
  };
}

export async function getPublicNotice(deps: Deps, id: string, locale: Locale) {
  // Notice ids are ledger numbers: anything else cannot exist.
  const notice = parseLedgerNo(id) ? await deps.store.getNotice(id.trim().toUpperCase()) : null;
  if (notice?.state !== "published") throw new DomainError("not_found");
  return toPublicNotice(
    notice,
    await currentDirectory(deps),
    locale,
    noticePhotoViews(deps, notice),
  );
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
  const people = state === "draft" ? await knownPeople(deps) : [];
  return {
    items: await Promise.all(page.items.map((n) => staffNotice(deps, n, index, locale, people))),
    nextCursor: page.nextCursor,
  };
}

/**
 * A notice as staff see it: a draft with its highlights and the "after" photos admin may
 * choose (its concern's answer photos, read with the concern: one Query per draft shown).
 */
async function staffNotice(
  deps: Deps,
  notice: StoredNotice,
  index: DirectoryIndex,
  locale: Locale,
  people: readonly string[] = [],
) {
  const draft = notice.state === "draft";
  const found = draft ? await deps.store.getConcernWithEvents(notice.ledgerNo) : null;
  const choices = found
    ? await fileViews(
        deps,
        { answeredAt: found.concern.answeredAt, files: noticePhotoCandidates(found.files) },
        "staff",
      )
    : [];
  return toStaffNotice(
    notice,
    index,
    locale,
    draft
      ? noticeHighlights(notice, index, deps.personTagger, people)
      : { summary: [], publicReply: [] },
    { published: noticePhotoViews(deps, notice), choices },
  );
}

const NoticeEdit = z.strictObject({
  publicReply: z.optional(freeText(4000)),
  summary: z.optional(freeText(200)),
});

async function loadDraft(deps: Deps, id: string) {
  const notice = parseLedgerNo(id) ? await deps.store.getNotice(id.trim().toUpperCase()) : null;
  if (!notice) throw new DomainError("not_found");
  if (notice.state !== "draft")
    throw new DomainError("conflict", { details: { currentState: notice.state } });
  return notice;
}

/** The notice's texts masked with everything known about its concern and its reviewers' decisions. */
async function remasked(
  deps: Deps,
  notice: StoredNotice,
  index: DirectoryIndex,
  texts: { summary: string; publicReply: string },
) {
  // The names the draft was masked with (resident, staff), so an edit cannot bring one back.
  const [found, people] = await Promise.all([
    deps.store.getConcernWithEvents(notice.ledgerNo),
    knownPeople(deps),
  ]);
  const context = publicTextContext({
    index,
    knownNames: found ? namesToMask(found.concern, found.events) : [],
    knownPeople: people,
    decisions: reviewDecisionsOf(notice),
    personTagger: deps.personTagger,
  });
  const summary = maskPersonalData(texts.summary, context);
  const publicReply = maskPersonalData(texts.publicReply, context);
  return {
    found,
    context,
    people,
    next: {
      ...notice,
      summary: summary.text,
      publicReply: publicReply.text,
      maskedTerms: notice.maskedTerms + summary.masked + publicReply.masked,
      searchText: searchTextOf(
        summary.text,
        publicReply.text,
        index.village(notice.villageId)?.name ?? "",
        index.category(notice.categoryCode)?.name ?? "",
      ),
    },
  };
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
  return reviseDraft(deps, id, locale, (notice) => ({
    notice,
    texts: {
      summary: edit.summary ?? notice.summary,
      publicReply: edit.publicReply ?? notice.publicReply,
    },
  }));
}

/**
 * A draft revised by admin (edited, or a span decided): masked again with the given texts,
 * saved unless someone changed it meanwhile (409), and shown as staff see it.
 */
async function reviseDraft(
  deps: Deps,
  id: string,
  locale: Locale,
  revise: (draft: StoredNotice) => {
    notice: StoredNotice;
    texts: { summary: string; publicReply: string };
  },
) {
  const draft = await loadDraft(deps, id);
  const index = await currentDirectory(deps);
  const { notice, texts } = revise(draft);
  const { next, people } = await remasked(deps, notice, index, texts);
  if (!(await deps.store.replaceNotice(next, "draft"))) throw new DomainError("conflict");
  return staffNotice(deps, next, index, locale, people);
}

const NoticeReview = z.strictObject({
  term: freeText(50),
  decision: z.enum(["mask", "keep"]),
});

/**
 * Admin decides on one highlighted span (审核): mask it wherever it occurs in the notice, or
 * keep it as not personal. Each decision is kept on the notice with who made it and when.
 */
export async function reviewNotice(
  deps: Deps,
  auth: StaffAuth,
  id: string,
  body: unknown,
  locale: Locale,
) {
  authorize(auth, "notice.publish");
  const { term, decision } = parseInput(NoticeReview, body);
  return reviseDraft(deps, id, locale, (notice) => {
    const decided = {
      ...notice,
      decisions: [
        ...(notice.decisions ?? []),
        {
          term,
          decision,
          by: { id: auth.user.id, name: auth.user.name },
          at: deps.now().toISOString(),
        },
      ],
    };
    return { notice: decided, texts: decided };
  });
}

/**
 * Admin approves: the notice becomes public, and its concern records it (the event, and the
 * approved summary as the description the public may read), in one transaction. Refused
 * (review_required, with the highlights) while a span awaits a decision.
 */
export async function publishNotice(
  deps: Deps,
  auth: StaffAuth,
  id: string,
  locale: Locale,
  body: unknown = {},
) {
  authorize(auth, "notice.publish");
  const approval = parseInput(NoticeApproval, body ?? {});
  const notice = await loadDraft(deps, id);
  const index = await currentDirectory(deps);
  const { found, context } = await remasked(deps, notice, index, notice);
  const cleared = clearForPublic(
    { summary: notice.summary, publicReply: notice.publicReply },
    context,
  );
  if (!found) throw new DomainError("not_found");
  // Only photos admin chose, and only the cadre's answer photos (never the resident's).
  const chosen = chosenNoticePhotos(approval.photos ?? [], found.files);
  const at = deps.now().toISOString();
  const next: StoredNotice = {
    ...notice,
    ...(chosen.length ? { photos: chosen.map((c) => c.photo) } : {}),
    summary: cleared.texts.summary,
    publicReply: cleared.texts.publicReply,
    maskedTerms: notice.maskedTerms + cleared.masked,
    state: "published",
    publishedAt: at,
    approvedBy: { id: auth.user.id, name: auth.user.name },
  };
  const { concern } = found;
  const event = staffEvent(deps, auth, concern, at, "notice_published", {
    public: true,
    data: chosen.length
      ? { noticeId: notice.id, photos: chosen.map((c) => c.photo.fileId) }
      : { noticeId: notice.id },
  });
  const after = { ...concern, publicDescription: next.summary, version: event.seq, updatedAt: at };
  const copies = await copyNoticePhotos(deps, notice.id, chosen);
  try {
    await commitOrConflict(
      deps,
      [changeOf(concern, after, [event])],
      [deps.store.items.notice(next)],
    );
  } catch (error) {
    await copies.undo();
    throw error;
  }
  return staffNotice(deps, next, index, locale);
}

const NoticeBatch = z.strictObject({
  ids: z
    .array(z.string().check(z.trim(), z.minLength(1), z.maxLength(40)))
    .check(z.minLength(1), z.maxLength(50)),
});

/**
 * Admin approves several reviewed notices at once (批量通过). Each is published on its own:
 * one that still awaits a decision, or was published meanwhile, is listed as refused.
 */
export async function publishNotices(deps: Deps, auth: StaffAuth, body: unknown, locale: Locale) {
  authorize(auth, "notice.publish");
  const { ids } = parseInput(NoticeBatch, body);
  const published: string[] = [];
  const refused: Array<{ id: string; code: string }> = [];
  for (const id of [...new Set(ids)]) {
    try {
      published.push((await publishNotice(deps, auth, id, locale)).id);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === "unavailable") throw error;
      refused.push({ id, code: error.code });
    }
  }
  return { published, refused };
}
