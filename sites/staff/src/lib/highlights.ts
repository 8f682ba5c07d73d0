// The review of public text (公开前审核) on staff pages: a masked text split at its highlights
// for display, the terms to decide on, and the decisions read back from a posted form. Pure:
// ReviewHighlights.astro renders from these; the concern page (an answer's public reply) and
// the notices page use them alike. The API masks and has the last word (422 review_required).
import type { PersonalDataKind, ReviewDecisions, ReviewSpan } from "@lianxin/contract";
import type { MessageKey } from "../i18n/messages";

/** A run of a text: plain, or a highlight tied to its choice (an index into `reviewChoices`). */
export type Segment =
  | { text: string; mark: null }
  | { text: string; mark: { kind: PersonalDataKind; term: string; choice: number } };

export interface ReviewChoice {
  term: string;
  kind: PersonalDataKind;
}

/**
 * The terms to decide on, in order of first appearance: one choice per term, since a decision
 * applies wherever the term occurs (the same number twice is one choice).
 */
export function reviewChoices(spans: readonly ReviewSpan[]): ReviewChoice[] {
  const seen = new Map<string, ReviewChoice>();
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (!seen.has(s.text)) seen.set(s.text, { term: s.text, kind: s.kind });
  }
  return [...seen.values()];
}

/**
 * A text split at its highlights into plain and marked runs, in order (UTF-16 offsets, end
 * exclusive). A span outside the text, empty, or overlapping an earlier one is left plain.
 */
export function segments(text: string, spans: readonly ReviewSpan[]): Segment[] {
  const choices = reviewChoices(spans);
  const out: Segment[] = [];
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start || a.end - b.end)) {
    if (!Number.isInteger(s.start) || !Number.isInteger(s.end)) continue;
    if (s.start < at || s.end <= s.start || s.end > text.length) continue;
    if (s.start > at) out.push({ text: text.slice(at, s.start), mark: null });
    const choice = choices.findIndex((c) => c.term === s.text);
    out.push({ text: text.slice(s.start, s.end), mark: { kind: s.kind, term: s.text, choice } });
    at = s.end;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at), mark: null });
  return out;
}

/** The words for a kind of personal data (电话号码, 姓名, 门牌号…). */
export function kindKey(kind: PersonalDataKind): MessageKey {
  return `review.kind.${kind}`;
}

/** The most choices one form carries (the API takes at most 50 terms each to mask and keep). */
export const MAX_REVIEW_CHOICES = 50;

/** A choice's radio group `<prefix>.<i>`; its term rides along in `<prefix>.<i>.term`. */
export const choiceName = (prefix: string, i: number) => `${prefix}.${i}`;
export const termName = (prefix: string, i: number) => `${prefix}.${i}.term`;
/** Decisions of earlier rounds, carried in hidden inputs so a second round keeps them. */
export const carriedName = (prefix: string, decision: "mask" | "keep") => `${prefix}.${decision}`;

type FormLike = {
  get(name: string): FormDataEntryValue | null;
  getAll(name: string): FormDataEntryValue[];
};

/**
 * The decisions posted from a review panel: those carried from earlier rounds, then this
 * round's choices (a term chosen now overrides an earlier decision on it). A choice left
 * unmade is no decision: the API refuses again and shows it again.
 */
export function readReviewDecisions(form: FormLike, prefix: string): ReviewDecisions {
  const decided = new Map<string, "mask" | "keep">();
  const term = (v: FormDataEntryValue | null) => (typeof v === "string" ? v.trim() : "");
  for (const decision of ["mask", "keep"] as const) {
    for (const v of form.getAll(carriedName(prefix, decision)).slice(0, MAX_REVIEW_CHOICES)) {
      const t = term(v);
      if (t) decided.set(t, decision);
    }
  }
  for (let i = 0; i < MAX_REVIEW_CHOICES; i++) {
    const t = term(form.get(termName(prefix, i)));
    if (!t) break;
    const choice = form.get(choiceName(prefix, i));
    if (choice === "mask" || choice === "keep") decided.set(t, choice);
  }
  const mask: string[] = [];
  const keep: string[] = [];
  for (const [t, decision] of decided) (decision === "mask" ? mask : keep).push(t);
  return { mask, keep };
}

export function hasDecisions(d: ReviewDecisions): boolean {
  return d.mask.length > 0 || d.keep.length > 0;
}
