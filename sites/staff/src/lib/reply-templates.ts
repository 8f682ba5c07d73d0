// Reply templates (答复模板, issue 16) on the staff site. Pure: which field of each templated
// action a template fills, the values a chosen template gives a form, the `?template=` link that
// chooses one without JavaScript, and reading and checking admin's forms with the API's limits
// (core's ReplyTemplateInput has the last word; its 400s are shown beside the same fields).
import {
  type FilledReplyTemplate,
  OUTCOMES,
  REPLY_PLACEHOLDERS,
  REPLY_TEMPLATE_ACTIONS,
  REPLY_TEMPLATE_LIMITS,
  type ReplyTemplateAction,
} from "@lianxin/contract";
import type { Problem } from "./actions";

/** The form field a template fills, per action (its text field). */
export const TEMPLATE_FIELD: { readonly [A in ReplyTemplateAction]: string } = {
  answer: "publicReply",
  respond: "summary",
  defer: "reason",
};

export function isTemplateAction(value: unknown): value is ReplyTemplateAction {
  return (REPLY_TEMPLATE_ACTIONS as readonly unknown[]).includes(value);
}

/** Template ids are the API's (UUIDs) or the demo's slugs. */
const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const isTemplateId = (value: unknown): value is string =>
  typeof value === "string" && ID.test(value);

/** The concern page's `?template=<id>&for=<action>`: the template a form should be filled with. */
export function chosenTemplate(
  params: URLSearchParams,
): { id: string; action: ReplyTemplateAction } | null {
  const id = params.get("template");
  const action = params.get("for");
  return isTemplateId(id) && isTemplateAction(action) ? { id, action } : null;
}

/** The link that re-renders the concern page with this template in this action's form. */
export function templateHref(id: string, action: ReplyTemplateAction): string {
  return `?template=${encodeURIComponent(id)}&for=${action}#action-${action}`;
}

/** The values a template gives its form: the text, and the outcome when it fits exactly one. */
export function templateValues(
  action: ReplyTemplateAction,
  template: Pick<FilledReplyTemplate, "text" | "outcomes">,
): Record<string, string> {
  const values: Record<string, string> = { [TEMPLATE_FIELD[action]]: template.text };
  const [only, ...more] = template.outcomes;
  if (action === "answer" && only && more.length === 0) values.outcome = only;
  return values;
}

/** A concern's templates by the action whose form offers them. */
export function byAction(
  items: readonly FilledReplyTemplate[],
): Record<ReplyTemplateAction, FilledReplyTemplate[]> {
  const out = { answer: [], respond: [], defer: [] } as Record<
    ReplyTemplateAction,
    FilledReplyTemplate[]
  >;
  for (const t of items) for (const a of t.actions) out[a]?.push(t);
  return out;
}

export const PLACEHOLDERS = REPLY_PLACEHOLDERS;
export const LIMITS = REPLY_TEMPLATE_LIMITS;

type FormLike = {
  get(name: string): FormDataEntryValue | null;
  getAll(name: string): FormDataEntryValue[];
};

const text = (form: FormLike, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v.normalize("NFC").replace(/\r\n/g, "\n").trim() : "";
};

/** Admin's template form as posted: its fields, as the API takes them. */
export interface TemplateFields {
  title: string;
  body: string;
  /** "" for a general template. */
  categoryCode: string;
  outcomes: string[];
  actions: string[];
}

export type TemplateForm =
  | ({ op: "create" } & TemplateFields)
  | ({ op: "edit"; id: string; expectedVersion: number; reason: string } & TemplateFields)
  | { op: "retire"; id: string; expectedVersion: number; reason: string };

function fields(form: FormLike): TemplateFields {
  const strings = (name: string) =>
    form.getAll(name).filter((v): v is string => typeof v === "string");
  return {
    title: text(form, "title"),
    body: text(form, "body"),
    categoryCode: text(form, "categoryCode"),
    outcomes: strings("outcomes").filter((o) => (OUTCOMES as readonly string[]).includes(o)),
    actions: strings("actions").filter(isTemplateAction),
  };
}

/** The posted form, or null when it is none of admin's three. */
export function readTemplateForm(form: FormLike): TemplateForm | null {
  const op = text(form, "op");
  const version = Number(text(form, "expectedVersion"));
  const expectedVersion = Number.isInteger(version) && version >= 0 ? version : -1;
  if (op === "create") return { op, ...fields(form) };
  if (op === "edit") {
    return {
      op,
      id: text(form, "id"),
      expectedVersion,
      reason: text(form, "reason"),
      ...fields(form),
    };
  }
  if (op === "retire")
    return { op, id: text(form, "id"), expectedVersion, reason: text(form, "reason") };
  return null;
}

const length = (s: string) => [...s].length;

/** The body the API takes from the form's fields. */
export function templateBody(v: TemplateFields) {
  return {
    title: v.title,
    body: v.body,
    categoryCode: v.categoryCode || null,
    outcomes: v.outcomes as (typeof OUTCOMES)[number][],
    actions: v.actions as ReplyTemplateAction[],
  };
}

export type TemplateField = "title" | "body" | "categoryCode" | "outcomes" | "actions" | "reason";

/**
 * The site's own check, before the API's: lengths and required fields, and the braces
 * (`{name}` with a known name only), so that a typo is named beside the field at once.
 */
export function validateTemplate(
  v: TemplateFields & { reason?: string },
  reasonRequired = false,
): Partial<Record<TemplateField, Problem>> {
  const p: Partial<Record<TemplateField, Problem>> = {};
  const limit = (field: TemplateField, value: string, max: number, required = true) => {
    const n = length(value);
    if (!n && required) p[field] = { key: "val.required" };
    else if (n > max) p[field] = { key: "val.tooLong", vars: { max, n } };
  };
  limit("title", v.title, LIMITS.title);
  limit("body", v.body, LIMITS.body);
  if (!p.body) {
    const bad = v.body
      .match(/\{[^{}]*\}?|\}/g)
      ?.find(
        (m) =>
          !/^\{(\w+)\}$/.test(m) || !(PLACEHOLDERS as readonly string[]).includes(m.slice(1, -1)),
      );
    if (bad) p.body = { key: "tpl.badPlaceholder", vars: { found: bad, list: placeholderList() } };
  }
  if (v.actions.length === 0) p.actions = { key: "tpl.actionsRequired" };
  if (v.reason !== undefined) limit("reason", v.reason, LIMITS.reason, reasonRequired);
  return p;
}

export function validateRetire(v: { reason: string }): Partial<Record<"reason", Problem>> {
  const n = length(v.reason);
  if (!n) return { reason: { key: "val.required" } };
  if (n > LIMITS.reason) return { reason: { key: "val.tooLong", vars: { max: LIMITS.reason, n } } };
  return {};
}

export const placeholderList = () => PLACEHOLDERS.map((p) => `{${p}}`).join(" ");
