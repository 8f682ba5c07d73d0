import type { Concern, ConcernEvent, Outcome } from "../concern/concern.js";
import { phoneTermsOf } from "../contact/phone.js";
import { type DirectoryIndex, namedRefs } from "../directory/lookup.js";
import type { Locale } from "../errors.js";
import { type ConcernFile, type FileView, sortedFiles } from "../files/attachments.js";
import { maskPersonalData, type PersonTagger, type ReviewSpan } from "../text/personal-data.js";
import { publicTextContext, type ReviewDecisions } from "./public-text.js";

/** 公示: the public close-out notice of a struck-off concern, one per concern. */
export interface StoredNotice {
  /** The ledger number: a concern is struck off once, so it has at most one notice. */
  id: string;
  ledgerNo: string;
  state: "draft" | "published";
  categoryCode: string;
  villageId: string;
  departmentId: string;
  outcome: Outcome | null;
  daysTaken: number;
  summary: string;
  publicReply: string;
  registeredAt: string;
  closedAt: string;
  publishedAt: string | null;
  approvedBy: { id: string; name: string } | null;
  maskedTerms: number;
  /** Lower-cased searchable text (summary, reply, names of village and category). */
  searchText: string;
  /** Admin's decisions on highlighted spans, oldest first (absent on notices made before). */
  decisions?: NoticeDecision[];
  /**
   * "After" photos admin chose when approving (issue 15): the cadre's answer photos only,
   * copied to the file store's public place; absent on notices without any.
   */
  photos?: NoticePhoto[];
}

/** A photo published with a notice: which file, and its size for the page's layout. */
export interface NoticePhoto {
  fileId: string;
  width: number | null;
  height: number | null;
}

/** A notice's photo as a page shows it (public URLs: notices are cached, links cannot expire). */
export interface NoticePhotoView extends NoticePhoto {
  url: string;
  thumbnailUrl: string;
}

/** The most "after" photos a notice carries. */
export const NOTICE_PHOTOS_MAX = 3;

/**
 * The photos admin may publish with a concern's notice: the cadre's answer photos ("after"
 * photos), never the resident's own, never a note's evidence or a PDF.
 */
export function noticePhotoCandidates(files: readonly ConcernFile[]): ConcernFile[] {
  return sortedFiles(
    files.filter(
      (f) => f.purpose === "staff_evidence" && f.stage === "answer" && f.kind === "photo",
    ),
  );
}

/** 审核记录: one decision of a reviewer on a highlighted span of a notice. */
export interface NoticeDecision {
  term: string;
  decision: "mask" | "keep";
  by: { id: string; name: string };
  at: string;
}

/** The terms a notice's reviewers masked and kept (a later decision on a term wins). */
export function reviewDecisionsOf(notice: Pick<StoredNotice, "decisions">): ReviewDecisions {
  const last = new Map<string, "mask" | "keep">();
  for (const d of notice.decisions ?? []) last.set(d.term, d.decision);
  const pick = (kind: "mask" | "keep") =>
    [...last].filter(([, decision]) => decision === kind).map(([term]) => term);
  return { mask: pick("mask"), keep: pick("keep") };
}

/** What of a notice's public text still awaits a decision, field by field. */
export interface NoticeHighlights {
  summary: ReviewSpan[];
  publicReply: ReviewSpan[];
}

/**
 * The names a public text about the concern must not show: the resident's, every staff
 * member who acted on it, the assignee's, and the staff the routing named (the contact
 * leader, the group's holder), whether or not they acted; and the resident's own stored
 * phone (a term with digits: masked as a phone however it is written).
 */
export function namesToMask(concern: Concern, events: readonly ConcernEvent[]): string[] {
  const names = new Set<string>();
  if (concern.contact.name) names.add(concern.contact.name);
  for (const term of phoneTermsOf(concern.contact.phone)) names.add(term);
  for (const e of events) if (e.actor.kind === "staff" && e.actor.name) names.add(e.actor.name);
  if (concern.assignee) names.add(concern.assignee.name);
  if (concern.routing.contactLeader.name) names.add(concern.routing.contactLeader.name);
  if (concern.routing.groupHolder?.name) names.add(concern.routing.groupHolder.name);
  return [...names];
}

/**
 * Drafts the notice when a concern is struck off (from its whole history): what is certain
 * is masked; what is not is left for admin's review (noticeHighlights).
 */
export function draftNotice(
  concern: Concern,
  index: DirectoryIndex,
  events: readonly ConcernEvent[],
  personTagger?: PersonTagger,
  knownPeople: readonly string[] = [],
): StoredNotice {
  const closedAt = concern.closedAt ?? concern.updatedAt;
  const context = publicTextContext({
    index,
    knownNames: namesToMask(concern, events),
    knownPeople,
    personTagger,
  });
  const summary = maskPersonalData(concern.title ?? concern.description.slice(0, 120), context);
  const reply = maskPersonalData(concern.publicReply ?? "", context);
  const village = index.village(concern.villageId)?.name ?? "";
  const category = index.category(concern.categoryCode)?.name ?? "";
  return {
    id: concern.ledgerNo,
    ledgerNo: concern.ledgerNo,
    state: "draft",
    categoryCode: concern.categoryCode,
    villageId: concern.villageId,
    departmentId: concern.routing.department.id,
    outcome: concern.outcome,
    daysTaken: Math.max(
      1,
      Math.ceil((Date.parse(closedAt) - Date.parse(concern.createdAt)) / 86_400_000),
    ),
    summary: summary.text,
    publicReply: reply.text,
    registeredAt: concern.createdAt,
    closedAt,
    publishedAt: null,
    approvedBy: null,
    maskedTerms: summary.masked + reply.masked,
    searchText: searchTextOf(summary.text, reply.text, village, category),
    decisions: [],
  };
}

/** The spans of a notice's texts that await a decision, given its reviewers' decisions. */
export function noticeHighlights(
  notice: StoredNotice,
  index: DirectoryIndex,
  personTagger?: PersonTagger,
  knownPeople: readonly string[] = [],
): NoticeHighlights {
  const context = publicTextContext({
    index,
    knownPeople,
    decisions: reviewDecisionsOf(notice),
    personTagger,
  });
  return {
    summary: maskPersonalData(notice.summary, context).review,
    publicReply: maskPersonalData(notice.publicReply, context).review,
  };
}

export function searchTextOf(...parts: string[]): string {
  return parts.join(" ").toLowerCase();
}

/** The notice as the public sees it; its photos' public URLs are the caller's (the file store's). */
export function toPublicNotice(
  notice: StoredNotice,
  index: DirectoryIndex,
  locale: Locale,
  photos: NoticePhotoView[] = [],
) {
  const refs = namedRefs(index, locale);
  return {
    id: notice.id,
    ledgerNo: notice.ledgerNo,
    category: refs.category(notice.categoryCode),
    village: refs.village(notice.villageId),
    outcome: notice.outcome,
    department: refs.department(notice.departmentId),
    daysTaken: notice.daysTaken,
    summary: notice.summary,
    publicReply: notice.publicReply,
    registeredAt: notice.registeredAt,
    closedAt: notice.closedAt,
    publishedAt: notice.publishedAt,
    photos,
  };
}
export type PublicNotice = ReturnType<typeof toPublicNotice>;

export function toStaffNotice(
  notice: StoredNotice,
  index: DirectoryIndex,
  locale: Locale,
  highlights: NoticeHighlights,
  /** Its published photos' views, and (a draft) the photos admin may choose, with links. */
  photos: { published: NoticePhotoView[]; choices: FileView[] } = { published: [], choices: [] },
) {
  return {
    ...toPublicNotice(notice, index, locale, photos.published),
    /** A draft's candidate "after" photos (noticePhotoCandidates), links signed for minutes. */
    photoChoices: photos.choices,
    state: notice.state,
    approvedBy: notice.approvedBy,
    maskedTerms: notice.maskedTerms,
    /** Spans awaiting a decision: a notice cannot be published while there is one. */
    highlights,
    decisions: notice.decisions ?? [],
  };
}
