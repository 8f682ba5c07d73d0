// 公开诉求内容（Open311）on the concern page: admin makes a concern's description public before
// its close-out notice, through the same review as every public text. Pure: what the panel
// shows, what the form posted, and the API body. The API masks and has the last word (422
// review_required with the highlights, which the panel shows with ReviewHighlights).
import type { PublicDescriptionBody, ReviewDecisions, StaffConcernView } from "@lianxin/contract";
import { type CapabilityUser, may } from "@lianxin/core/access";
import { hasDecisions, readReviewDecisions } from "./highlights";

/** Where the panel's review choices are posted (`pd-review.0`, `pd-review.mask`…). */
export const DESCRIPTION_REVIEW_PREFIX = "pd-review";
/** The API's limit on the text (core's `PublicDescriptionRequest`). */
export const PUBLIC_TEXT_MAX = 4000;

/**
 * What Open311 serves of the description: nothing yet (`withheld`), a text admin cleared
 * (`early`), or the published notice's summary (`notice`, final: no early publication then).
 */
export type PublicDescriptionState = "withheld" | "early" | "notice";

type ViewPart = Pick<StaffConcernView, "publicDescription" | "timeline" | "visibility">;

export function publicDescriptionState(view: ViewPart): PublicDescriptionState {
  if ((view.timeline ?? []).some((e) => e.type === "notice_published")) return "notice";
  return view.publicDescription ? "early" : "withheld";
}

/** Does the page show the panel (admin; never a conduct complaint, which is never public)? */
export function showsPublicDescription(user: CapabilityUser | null, view: ViewPart): boolean {
  return (
    user !== null && may(user, "concern.publish_description") && view.visibility !== "discipline"
  );
}

/** Does the panel offer its form (not once the notice's summary is the public text)? */
export function offersPublication(view: ViewPart): boolean {
  return publicDescriptionState(view) !== "notice";
}

type FormLike = {
  get(name: string): FormDataEntryValue | null;
  getAll(name: string): FormDataEntryValue[];
};

export interface PostedDescription {
  text: string;
  /** The version admin saw; null when the form did not carry a whole number. */
  version: number | null;
  decisions: ReviewDecisions;
}

export function readPublicDescriptionForm(form: FormLike): PostedDescription {
  const raw = form.get("text");
  const version = Number(form.get("expectedVersion"));
  return {
    // Kept as typed (up to a little past the limit, so the length error can say how long).
    text: typeof raw === "string" ? raw.slice(0, PUBLIC_TEXT_MAX + 100) : "",
    version:
      form.get("expectedVersion") !== null && Number.isInteger(version) && version >= 0
        ? version
        : null,
    decisions: readReviewDecisions(form, DESCRIPTION_REVIEW_PREFIX),
  };
}

/** The site's own check of the text (the API's rule): a problem's message key, or null. */
export function checkPublicText(
  text: string,
): { key: "val.required" } | { key: "val.tooLong"; max: number; n: number } | null {
  const trimmed = text.trim();
  if (!trimmed) return { key: "val.required" };
  const n = [...trimmed].length;
  // The API counts UTF-16 units; a character beyond the BMP counts twice there.
  if (trimmed.length > PUBLIC_TEXT_MAX) return { key: "val.tooLong", max: PUBLIC_TEXT_MAX, n };
  return null;
}

/** The API body: the text as admin left it (the API compares it with the description), the decisions when there are any. */
export function publicDescriptionBody(posted: {
  text: string;
  version: number;
  decisions: ReviewDecisions;
}): PublicDescriptionBody {
  return {
    expectedVersion: posted.version,
    text: posted.text.trim(),
    ...(hasDecisions(posted.decisions) ? { review: posted.decisions } : {}),
  };
}
