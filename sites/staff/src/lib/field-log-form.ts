// The field-log form (蹲点日志) as typed: read back from a post, kept when the form is shown
// again ("再加一个问题" without JavaScript, or a refused save), and turned into the API's body.
// Pure, so it is tested on its own; the API validates again.

/** The API's limit on the concerns of one log. */
export const MAX_CONCERNS = 20;
/** Concern blocks on a fresh form; "add another concern" adds one at a time. */
export const INITIAL_CONCERN_BLOCKS = 2;
/** Indices beyond this in a posted form are ignored (a hostile form cannot make us loop). */
const MAX_INDEX = 200;

export interface ConcernDraft {
  categoryCode: string;
  description: string;
  contactName: string;
  contactPhone: string;
}

export interface FieldLogDraft {
  date: string;
  villageId: string;
  groupId: string;
  kind: string;
  peopleReached: string;
  enterprises: string;
  peopleConsulted: string;
  notes: string;
  concerns: ConcernDraft[];
}

const blankConcern = (): ConcernDraft => ({
  categoryCode: "",
  description: "",
  contactName: "",
  contactPhone: "",
});

/** A fresh form: today's date, nothing typed, the initial concern blocks. */
export function blankFieldLogDraft(today: string): FieldLogDraft {
  return {
    date: today,
    villageId: "",
    groupId: "",
    kind: "",
    peopleReached: "0",
    enterprises: "0",
    peopleConsulted: "0",
    notes: "",
    concerns: Array.from({ length: INITIAL_CONCERN_BLOCKS }, blankConcern),
  };
}

/**
 * The form as posted, every block kept (empty ones too: the form shows them again), in the
 * order of their indices (`c0-…`, `c1-…`, gaps closed), at most `MAX_CONCERNS`.
 */
export function readFieldLogDraft(form: FormData): FieldLogDraft {
  const text = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const indices = new Set<number>();
  for (const key of form.keys()) {
    const m = /^c(\d{1,3})-/.exec(key);
    if (m && Number(m[1]) <= MAX_INDEX) indices.add(Number(m[1]));
  }
  const concerns = [...indices]
    .sort((a, b) => a - b)
    .slice(0, MAX_CONCERNS)
    .map((i) => ({
      categoryCode: text(`c${i}-categoryCode`).trim(),
      description: text(`c${i}-description`),
      contactName: text(`c${i}-contactName`),
      contactPhone: text(`c${i}-contactPhone`),
    }));
  return {
    date: text("date").trim(),
    villageId: text("villageId").trim(),
    groupId: text("groupId").trim(),
    kind: text("kind").trim(),
    peopleReached: text("peopleReached").trim(),
    enterprises: text("enterprises").trim(),
    peopleConsulted: text("peopleConsulted").trim(),
    notes: text("notes"),
    concerns,
  };
}

/** The same form with one more empty concern block (none past `MAX_CONCERNS`). */
export function withAnotherConcern(draft: FieldLogDraft): FieldLogDraft {
  if (draft.concerns.length >= MAX_CONCERNS) return draft;
  return { ...draft, concerns: [...draft.concerns, blankConcern()] };
}

/** The log's body for the API: blocks without a description are left out. */
export function fieldLogBody(draft: FieldLogDraft) {
  const num = (v: string) => {
    const n = Number(v || "0");
    return Number.isFinite(n) ? Math.trunc(n) : 0;
  };
  return {
    date: draft.date,
    villageId: draft.villageId,
    groupId: draft.groupId || null,
    kind: draft.kind,
    peopleReached: num(draft.peopleReached),
    enterprises: num(draft.enterprises),
    peopleConsulted: num(draft.peopleConsulted),
    notes: draft.notes.trim(),
    concerns: draft.concerns
      .map((c) => ({ ...c, description: c.description.trim() }))
      .filter((c) => c.description)
      .map((c) => ({
        categoryCode: c.categoryCode,
        description: c.description,
        ...(c.contactName.trim() ? { contactName: c.contactName.trim() } : {}),
        ...(c.contactPhone.trim() ? { contactPhone: c.contactPhone.trim() } : {}),
      })),
  };
}
