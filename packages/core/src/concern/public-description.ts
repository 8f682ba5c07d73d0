import * as z from "zod/mini";
import type { DirectoryIndex } from "../directory/lookup.js";
import { namesToMask } from "../notice/notice.js";
import { clearForPublic, publicTextContext, ReviewDecisions } from "../notice/public-text.js";
import type { StaffUser } from "../staff/schema.js";
import { freeText } from "../text/hygiene.js";
import type { PersonTagger } from "../text/personal-data.js";
import type { Concern, ConcernEvent } from "./concern.js";
import { eventFactory, refuse, staffActor } from "./state-machine.js";

/**
 * The body of `POST /api/staff/concerns/{no}/public-description`: the text to make public (the
 * concern's own description when left out), the reviewer's decisions on its highlighted spans,
 * and the version the reviewer saw.
 */
export const PublicDescriptionRequest = z.strictObject({
  text: z.optional(freeText(4000)),
  review: z.optional(ReviewDecisions),
  expectedVersion: z.number().check(z.int(), z.nonnegative()),
});
export type PublicDescriptionRequest = z.infer<typeof PublicDescriptionRequest>;

/** Has the concern's close-out notice been published (its summary is then the public text)? */
export function noticePublished(events: readonly ConcernEvent[]): boolean {
  return events.some((e) => e.type === "notice_published");
}

/**
 * Admin makes a concern's description public before its notice (公开诉求内容): the text passes
 * the masking engine with every name known about the concern, and is refused (review_required,
 * with its highlights) while a span awaits a decision. Refused for a stale version (conflict),
 * for a complaint about a cadre's conduct (never public) and once the notice is published (the
 * notice's approved summary is the public text from then on): invalid_transition.
 *
 * The event is public: the resident reads in their timeline that their words are now public,
 * and exactly how (its text is the cleared text), so they can object while it matters. The
 * decisions are in its data, which only staff see.
 */
export function publishDescription(
  concern: Concern,
  events: readonly ConcernEvent[],
  request: PublicDescriptionRequest,
  ctx: {
    user: StaffUser;
    now: Date;
    newEventId: () => string;
    index: DirectoryIndex;
    personTagger?: PersonTagger;
    /** Staff and party members beyond the concern and the directory (always masked). */
    knownPeople?: readonly string[];
  },
): { concern: Concern; event: ConcernEvent } {
  if (request.expectedVersion !== concern.version) refuse(concern, "conflict");
  if (concern.routing.visibility === "discipline" || noticePublished(events)) {
    refuse(concern, "invalid_transition");
  }
  const review = request.review ?? { mask: [], keep: [] };
  const context = publicTextContext({
    index: ctx.index,
    knownNames: namesToMask(concern, events),
    knownPeople: ctx.knownPeople,
    decisions: review,
    personTagger: ctx.personTagger,
  });
  const { texts, masked } = clearForPublic({ text: request.text ?? concern.description }, context);
  const at = ctx.now.toISOString();
  const event = eventFactory(
    concern,
    at,
    staffActor(ctx.user),
    ctx.newEventId,
  )("description_published", {
    public: true,
    text: texts.text,
    data: {
      review,
      masked,
      edited: request.text !== undefined && request.text !== concern.description,
    },
  });
  return {
    concern: { ...concern, publicDescription: texts.text, version: event.seq, updatedAt: at },
    event,
  };
}
