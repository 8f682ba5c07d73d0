// One form per staff action: the fields of each action type, reading and validating the posted
// form, and the request body for `POST /api/staff/concerns/{ledgerNo}/actions`. Pure: the
// concern page renders from these specs and its server code validates with them. The API has
// the last word (its 400 field errors are shown beside the same fields).
import {
  type ActionType,
  ACTION_TYPES as API_ACTION_TYPES,
  type ConcernStatus,
  OUTCOMES,
  RESPONSE_METHODS,
  type ReviewDecisions,
} from "@lianxin/contract";
import type { MessageKey, Vars } from "../i18n/messages";
import { hasDecisions } from "./highlights";

/** Where each action stands on the concern page: the usual next step first. */
const DISPLAY_ORDER: { readonly [T in ActionType]: number } = {
  dispatch: 1,
  accept: 2,
  assign: 3,
  respond: 4,
  answer: 5,
  defer: 6,
  extend: 7,
  note: 8,
  supervise: 9,
  urge: 10,
  return: 11,
  merge: 12,
  strike_off: 13,
  redo: 14,
};

/** The contract's action types in display order. */
export const ACTION_TYPES: readonly ActionType[] = [...API_ACTION_TYPES].sort(
  (a, b) => DISPLAY_ORDER[a] - DISPLAY_ORDER[b],
);

export type FieldKind = "text" | "textarea" | "select" | "date" | "number";

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  required: boolean;
  label: MessageKey;
  hint?: MessageKey;
  /** Maximum length in characters (after trimming), as the API checks it. */
  max?: number;
  /** Fixed choices (value → label key); selects filled from the API have none here. */
  options?: readonly { value: string; label: MessageKey }[];
  /** For numbers. */
  min?: number;
  maxValue?: number;
  /**
   * The text is public and passes the API's masking engine (公开前审核): a note under the
   * field, and after a 422 review_required its highlights to mask or keep, under `preview`.
   */
  reviewed?: { preview: MessageKey };
}

export interface ActionSpec {
  type: ActionType;
  /** The button's text (also the form's accessible name). */
  button: MessageKey;
  /** One line under the summary saying what the action does. */
  help: MessageKey;
  fields: readonly FieldSpec[];
  /** Ask before submitting (the island's confirm dialog; without JS the form just posts). */
  confirm?: MessageKey;
}

const outcomeOptions = OUTCOMES.map((value) => ({
  value,
  label: `outcome.${value}` as MessageKey,
}));
const methodOptions = RESPONSE_METHODS.map((value) => ({
  value,
  label: `method.${value}` as MessageKey,
}));

export const ACTIONS: { readonly [T in ActionType]: ActionSpec } = {
  accept: { type: "accept", button: "action.accept", help: "action.accept.help", fields: [] },
  return: {
    type: "return",
    button: "action.return",
    help: "action.return.help",
    confirm: "action.return.confirm",
    fields: [
      { name: "reason", kind: "textarea", required: true, max: 500, label: "field.returnReason" },
    ],
  },
  dispatch: {
    type: "dispatch",
    button: "action.dispatch",
    help: "action.dispatch.help",
    fields: [{ name: "departmentId", kind: "select", required: true, label: "field.departmentId" }],
  },
  assign: {
    type: "assign",
    button: "action.assign",
    help: "action.assign.help",
    fields: [{ name: "assigneeId", kind: "select", required: true, label: "field.assigneeId" }],
  },
  respond: {
    type: "respond",
    button: "action.respond",
    help: "action.respond.help",
    fields: [
      {
        name: "method",
        kind: "select",
        required: true,
        label: "field.method",
        options: methodOptions,
      },
      {
        name: "summary",
        kind: "textarea",
        required: true,
        max: 1000,
        label: "field.respondSummary",
        hint: "field.respondSummary.hint",
      },
    ],
  },
  note: {
    type: "note",
    button: "action.note",
    help: "action.note.help",
    fields: [
      { name: "text", kind: "textarea", required: true, max: 2000, label: "field.noteText" },
    ],
  },
  defer: {
    type: "defer",
    button: "action.defer",
    help: "action.defer.help",
    fields: [
      {
        name: "committedDate",
        kind: "date",
        required: true,
        label: "field.committedDate",
        hint: "field.committedDate.hint",
      },
      {
        name: "reason",
        kind: "textarea",
        required: true,
        max: 500,
        label: "field.deferReason",
        hint: "field.public.hint",
      },
    ],
  },
  extend: {
    type: "extend",
    button: "action.extend",
    help: "action.extend.help",
    confirm: "action.extend.confirm",
    fields: [
      {
        name: "workingDays",
        kind: "number",
        required: true,
        min: 1,
        maxValue: 15,
        label: "field.workingDays",
        hint: "field.workingDays.hint",
      },
      {
        name: "publicReason",
        kind: "textarea",
        required: true,
        max: 500,
        label: "field.publicReason",
        hint: "field.public.hint",
      },
    ],
  },
  answer: {
    type: "answer",
    button: "action.answer",
    help: "action.answer.help",
    fields: [
      {
        name: "outcome",
        kind: "select",
        required: true,
        label: "field.outcome",
        options: outcomeOptions,
      },
      {
        name: "publicReply",
        kind: "textarea",
        required: true,
        max: 4000,
        label: "field.publicReply",
        hint: "field.publicReply.hint",
        reviewed: { preview: "review.previewReply" },
      },
      {
        name: "evidence",
        kind: "textarea",
        required: false,
        max: 2000,
        label: "field.evidence",
        hint: "field.evidence.hint",
      },
    ],
  },
  supervise: {
    type: "supervise",
    button: "action.supervise",
    help: "action.supervise.help",
    fields: [
      { name: "note", kind: "textarea", required: true, max: 1000, label: "field.superviseNote" },
    ],
  },
  urge: {
    type: "urge",
    button: "action.urge",
    help: "action.urge.help",
    fields: [
      { name: "note", kind: "textarea", required: true, max: 1000, label: "field.urgeNote" },
    ],
  },
  merge: {
    type: "merge",
    button: "action.merge",
    help: "action.merge.help",
    confirm: "action.merge.confirm",
    fields: [
      {
        name: "targetLedgerNo",
        kind: "text",
        required: true,
        label: "field.targetLedgerNo",
        hint: "field.targetLedgerNo.hint",
      },
      // Staff only (the resident's timeline shows no reason); 可能重复 fills it in.
      { name: "reason", kind: "textarea", required: false, max: 500, label: "field.mergeReason" },
    ],
  },
  strike_off: {
    type: "strike_off",
    button: "action.strike_off",
    help: "action.strike_off.help",
    confirm: "action.strike_off.confirm",
    fields: [
      {
        name: "verificationNote",
        kind: "textarea",
        required: true,
        max: 1000,
        label: "field.verificationNote",
      },
    ],
  },
  redo: {
    type: "redo",
    button: "action.redo",
    help: "action.redo.help",
    fields: [
      { name: "reason", kind: "textarea", required: true, max: 500, label: "field.redoReason" },
    ],
  },
};

export function isActionType(value: unknown): value is ActionType {
  return typeof value === "string" && (ACTION_TYPES as readonly string[]).includes(value);
}

/** The allowed actions in display order (unknown types from a newer API are left out). */
export function orderActions(allowed: readonly string[]): ActionType[] {
  return ACTION_TYPES.filter((a) => allowed.includes(a));
}

/** What a handler most likely does next in this state: that form starts open. */
export function suggestedAction(
  allowed: readonly string[],
  status: ConcernStatus | string,
): ActionType | null {
  // Whoever may assign or redo may also sign for or strike off (core's policy and state
  // machine), so one usual step per state is enough.
  const usual: Partial<Record<string, ActionType>> = {
    triage: "dispatch",
    assigned: "accept",
    accepted: "respond",
    in_progress: "answer",
    deferred: "answer",
    answered: "strike_off",
  };
  const next = usual[status];
  if (next && allowed.includes(next)) return next;
  return orderActions(allowed).find((a) => a !== "note") ?? null;
}

/** A validation problem as a dictionary key; `{field}` is filled with the field's label. */
export interface Problem {
  key: MessageKey;
  vars?: Vars;
}
export type ActionValues = Record<string, string>;

type FormLike = { get(name: string): FormDataEntryValue | null };

/** The posted values of one action's fields, as typed (so a re-rendered form shows them). */
export function readActionValues(type: ActionType, form: FormLike): ActionValues {
  const values: ActionValues = {};
  for (const f of ACTIONS[type].fields) {
    const v = form.get(f.name);
    values[f.name] = typeof v === "string" ? v : "";
  }
  return values;
}

/** "ls-2026-123" → "LS-2026-000123"; null when it is not a ledger number. */
export function normalizeLedgerNo(input: string): string | null {
  const s = input
    .normalize("NFKC")
    .trim()
    .toUpperCase()
    .replace(/[‐-―−–—_\s]+/g, "-");
  const m = /^LS-?(\d{4})-?(\d{1,6})$/.exec(s);
  if (!m) return null;
  return `LS-${m[1]}-${(m[2] ?? "").padStart(6, "0")}`;
}

/** A real calendar date written YYYY-MM-DD. */
export function isLocalDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Today's date in Asia/Shanghai, YYYY-MM-DD. */
export function shanghaiToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export interface ValidateContext {
  /** The concern's own ledger number (a concern cannot merge into itself). */
  ledgerNo: string;
  /** Today in Asia/Shanghai, YYYY-MM-DD. */
  today: string;
  /** Choices for selects filled from the API (departments, staff); unchecked when absent. */
  choices?: Partial<Record<string, readonly string[]>>;
}

export type ActionFields = Record<string, string | number>;

export type ValidatedAction =
  | { ok: true; fields: ActionFields }
  | { ok: false; problems: Record<string, Problem> };

function checkField(f: FieldSpec, raw: string, ctx: ValidateContext): Problem | string | number {
  const value = raw.trim();
  if (!value) {
    if (!f.required) return "";
    return { key: f.kind === "select" ? "val.choose" : "val.required" };
  }
  if (f.max !== undefined && value.length > f.max) {
    return { key: "val.tooLong", vars: { max: f.max, n: value.length } };
  }
  if (f.options && !f.options.some((o) => o.value === value)) return { key: "val.choose" };
  const choices = ctx.choices?.[f.name];
  if (f.kind === "select" && choices && !choices.includes(value)) return { key: "val.choose" };
  if (f.kind === "number") {
    const n = Number(value.normalize("NFKC"));
    const lo = f.min ?? Number.NEGATIVE_INFINITY;
    const hi = f.maxValue ?? Number.POSITIVE_INFINITY;
    if (!Number.isInteger(n) || n < lo || n > hi) {
      return { key: "val.integerRange", vars: { min: f.min ?? 0, max: f.maxValue ?? 0 } };
    }
    return n;
  }
  if (f.kind === "date") {
    const d = value
      .normalize("NFKC")
      .replace(/[./年月]/g, "-")
      .replace(/日$/, "");
    if (!isLocalDate(d)) return { key: "val.date" };
    if (d < ctx.today) return { key: "val.datePast" };
    return d;
  }
  if (f.name === "targetLedgerNo") {
    const no = normalizeLedgerNo(value);
    if (!no) return { key: "val.ledgerNo" };
    if (no === ctx.ledgerNo) return { key: "val.mergeSelf" };
    return no;
  }
  return value;
}

/** Validate one action's values; on success the fields of the request body (trimmed, typed). */
export function validateAction(
  type: ActionType,
  values: ActionValues,
  ctx: ValidateContext,
): ValidatedAction {
  const fields: ActionFields = {};
  const problems: Record<string, Problem> = {};
  for (const f of ACTIONS[type].fields) {
    const r = checkField(f, values[f.name] ?? "", ctx);
    if (typeof r === "object") problems[f.name] = r;
    else if (r !== "") fields[f.name] = r;
  }
  return Object.keys(problems).length ? { ok: false, problems } : { ok: true, fields };
}

/** Where an action form's review choices are posted (`review.0`, `review.mask`…). */
export const REVIEW_PREFIX = "review";

/** Whether an action's form has a public text the API reviews. */
export function isReviewed(type: ActionType): boolean {
  return ACTIONS[type].fields.some((f) => f.reviewed);
}

/**
 * The request body for the API (with the review decisions, when there are any, and the evidence
 * files' upload ids, as an array, when an answer or a note names some).
 */
export function actionBody(
  type: ActionType,
  expectedVersion: number,
  fields: ActionFields,
  review?: ReviewDecisions,
  evidenceFiles: readonly string[] = [],
) {
  const body =
    review && hasDecisions(review)
      ? { type, expectedVersion, ...fields, review }
      : { type, expectedVersion, ...fields };
  return evidenceFiles.length > 0 ? { ...body, evidenceFiles: [...evidenceFiles] } : body;
}

/** A form field's element id, unique on the page (one form per action). */
export function actionFieldId(type: ActionType, field: string): string {
  return `a-${type}-${field}`;
}
