import { type DirectoryIndex, namedRefs } from "../directory/lookup.js";
import type { Locale } from "../errors.js";
import type { FileView } from "../files/attachments.js";
import type { Concern, ConcernEvent } from "./concern.js";
import { currentAnswerRating, isOverdue, ratingDeadline } from "./deadline.js";

/** What a resident holding the access code sees: no personal data, no internal notes. */
export interface ResidentView {
  ledgerNo: string;
  status: Concern["status"];
  flags: Concern["flags"];
  category: { code: string; name: string };
  village: { id: string; name: string };
  group: { id: string; name: string } | null;
  title: string | null;
  description: string;
  createdAt: string;
  dueAt: string;
  routing: { department: { id: string; name: string }; contactLeader: { name: string } };
  committedDate: string | null;
  outcome: Concern["outcome"];
  publicReply: string | null;
  answeredAt: string | null;
  rating: Concern["rating"];
  canRate: boolean;
  ratingDeadline: string | null;
  mergedInto: string | null;
  /** The resident gets SMS at each step (and may stop them: 停止短信通知). */
  smsUpdates: boolean;
  timeline: Array<{ at: string; type: ConcernEvent["type"]; text?: string }>;
  /**
   * Photos (issue 15), oldest first, with links for minutes: to the resident, their own and
   * the cadre's "after" photos (core filesForResident); to staff, every file.
   */
  files: FileView[];
}

export function toResidentView(
  concern: Concern,
  events: ConcernEvent[],
  index: DirectoryIndex,
  locale: Locale,
  now: Date,
  /** The files' views, links signed by the caller (the API); none by default. */
  files: FileView[] = [],
): ResidentView {
  const refs = namedRefs(index, locale);
  const group = concern.groupId ? index.group(concern.villageId, concern.groupId) : undefined;
  const rateBy = ratingDeadline(concern);
  return {
    ledgerNo: concern.ledgerNo,
    status: concern.status,
    // Overdue is live: past the current limit now, whatever happened before.
    flags: { ...concern.flags, overdue: isOverdue(concern, now) },
    category: refs.category(concern.categoryCode),
    village: refs.village(concern.villageId),
    group: group ? { id: group.id, name: group.name } : null,
    title: concern.title,
    description: concern.description,
    createdAt: concern.createdAt,
    dueAt: concern.deadlines.answerBy,
    routing: {
      department: refs.department(concern.routing.department.id, concern.routing.department.name),
      contactLeader: { name: concern.routing.contactLeader.name },
    },
    committedDate: concern.committedDate,
    outcome: concern.outcome,
    publicReply: concern.publicReply,
    answeredAt: concern.answeredAt,
    // The rating of the answer now on record: after a redo the new answer is unrated.
    rating: currentAnswerRating(concern),
    canRate:
      concern.status === "answered" &&
      !concern.awaitingVerification &&
      rateBy !== null &&
      now <= rateBy,
    ratingDeadline: rateBy?.toISOString() ?? null,
    mergedInto: concern.mergedInto,
    smsUpdates: concern.smsUpdates === true,
    // Public events only; a staff member's internal reason never reaches the resident.
    timeline: events
      .filter((e) => e.public)
      .map((e) => (e.text ? { at: e.at, type: e.type, text: e.text } : { at: e.at, type: e.type })),
    files,
  };
}
