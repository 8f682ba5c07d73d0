import * as z from "zod/mini";
import type { Concern } from "../concern/concern.js";
import { CategoryCode } from "../directory/schema.js";
import { smsDate } from "../messaging/resident-messages.js";
import { freeText, optionalFreeText } from "../text/hygiene.js";
import { shanghaiDate } from "../time/shanghai.js";
import {
  OUTCOMES,
  REPLY_PLACEHOLDERS,
  REPLY_TEMPLATE_ACTIONS,
  REPLY_TEMPLATE_LIMITS,
  REPLY_TEXT_LIMITS,
  type ReplyPlaceholder,
  type ReplyTemplateAction,
} from "../vocabulary.js";

/**
 * 答复模板 (issue 16): admin's texts for the answer, respond and defer forms, per category
 * (or general: `categoryCode` null). A cadre picks one, the placeholders are filled from the
 * concern, and the text stays editable: nothing is sent until the cadre submits the action.
 * Edits and retirements keep the old text in the audit trail; a retired template is hidden
 * from the forms, never deleted.
 */

/** Template ids are the API's (UUIDs) or the demo's slugs: lowercase, safe in keys and URLs. */
export const ReplyTemplateId = z
  .string()
  .check(z.minLength(1), z.maxLength(64), z.regex(/^[a-z0-9][a-z0-9-]*$/));

const PLACEHOLDER_LIST = REPLY_PLACEHOLDERS.map((p) => `{${p}}`).join(" ");
const KNOWN = new Set<string>(REPLY_PLACEHOLDERS);

/** The first problem of a template's braces, or null: each `{…}` must be a known placeholder. */
export function placeholderProblem(
  text: string,
): { kind: "unknown"; name: string } | { kind: "unbalanced" } | null {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "}") return { kind: "unbalanced" };
    if (c !== "{") continue;
    const end = text.indexOf("}", i + 1);
    const next = text.indexOf("{", i + 1);
    if (end < 0 || (next >= 0 && next < end)) return { kind: "unbalanced" };
    const name = text.slice(i + 1, end);
    if (!KNOWN.has(name)) return { kind: "unknown", name: name.slice(0, 40) };
    i = end;
  }
  return null;
}

/** A template's text: free text (trimmed, clean) whose placeholders are all known. */
const templateText = freeText(REPLY_TEMPLATE_LIMITS.body).check(
  z.check<string>((ctx) => {
    const problem = placeholderProblem(ctx.value);
    if (!problem) return;
    const words =
      problem.kind === "unknown"
        ? {
            "zh-CN": `没有占位符「{${problem.name}}」，可用的占位符：${PLACEHOLDER_LIST}`,
            en: `There is no placeholder {${problem.name}}: use ${PLACEHOLDER_LIST}`,
          }
        : {
            "zh-CN": `花括号不成对：占位符须写成 {village} 这样，可用的占位符：${PLACEHOLDER_LIST}`,
            en: `Unbalanced braces: write placeholders as {village}; use ${PLACEHOLDER_LIST}`,
          };
    ctx.issues.push({
      code: "custom",
      message: words.en,
      params: { words },
      input: ctx.value,
    });
  }),
);

const version = z.number().check(z.int(), z.nonnegative());
const Ref = z.object({ id: z.string(), name: z.string() });

/**
 * A template must fit the text field of every form that offers it (a deferral's reason is at
 * most 500 characters): counted as written, placeholders included.
 */
const fitsItsForms = z.check<{ body: string; actions: readonly ReplyTemplateAction[] }>((ctx) => {
  const { body, actions } = ctx.value;
  // Only a text and forms that passed their own checks are measured.
  if (typeof body !== "string" || !Array.isArray(actions)) return;
  const limits = (actions as readonly ReplyTemplateAction[])
    .map((a): number | undefined => REPLY_TEXT_LIMITS[a])
    .filter((n) => typeof n === "number");
  const limit = Math.min(...limits);
  if (!Number.isFinite(limit) || body.length <= limit) return;
  const words = {
    "zh-CN": `用于所选表单的文字最多 ${limit} 字，现在是 ${body.length} 字`,
    en: `The forms chosen take at most ${limit} characters; this text has ${body.length}`,
  };
  ctx.issues.push({
    code: "custom",
    path: ["body"],
    message: words.en,
    params: { words },
    input: body,
  });
});

const inputShape = {
  title: freeText(REPLY_TEMPLATE_LIMITS.title),
  body: templateText,
  /** The category the template is for; null: a general one, offered for every category. */
  categoryCode: z.nullable(CategoryCode),
  /** The outcomes (解决到位 / 解释到位 / 帮扶到位) it fits; empty: any. */
  outcomes: z.array(z.enum(OUTCOMES)).check(z.maxLength(OUTCOMES.length)),
  /** The forms that offer it: at least one of answer, respond, defer. */
  actions: z
    .array(z.enum(REPLY_TEMPLATE_ACTIONS))
    .check(z.minLength(1), z.maxLength(REPLY_TEMPLATE_ACTIONS.length)),
};

/** What admin writes: `POST /api/staff/reply-templates`, and the fields of an edit. */
export const ReplyTemplateInput = z.strictObject(inputShape).check(fitsItsForms);
export type ReplyTemplateInput = z.infer<typeof ReplyTemplateInput>;

/** `PUT /api/staff/reply-templates/{id}`: the whole template, the version seen, why (optional). */
export const ReplyTemplateEdit = z
  .strictObject({
    ...inputShape,
    expectedVersion: version,
    reason: optionalFreeText(REPLY_TEMPLATE_LIMITS.reason),
  })
  .check(fitsItsForms);
export type ReplyTemplateEdit = z.infer<typeof ReplyTemplateEdit>;

/** `POST /api/staff/reply-templates/{id}/retire`: the version seen and why. */
export const ReplyTemplateRetire = z.strictObject({
  expectedVersion: version,
  reason: freeText(REPLY_TEMPLATE_LIMITS.reason),
});
export type ReplyTemplateRetire = z.infer<typeof ReplyTemplateRetire>;

/** A stored template, as admin lists it. */
export const ReplyTemplate = z.object({
  id: ReplyTemplateId,
  title: z.string(),
  body: z.string(),
  categoryCode: z.nullable(z.string()),
  outcomes: z.array(z.enum(OUTCOMES)),
  actions: z.array(z.enum(REPLY_TEMPLATE_ACTIONS)),
  /** Bumped by every edit and by retiring: an edit names the version it replaces. */
  version,
  createdAt: z.string(),
  createdBy: Ref,
  updatedAt: z.string(),
  updatedBy: Ref,
  retiredAt: z.nullable(z.string()),
  retiredBy: z.nullable(Ref),
  retireReason: z.nullable(z.string()),
});
export type ReplyTemplate = z.infer<typeof ReplyTemplate>;

/** A template as a concern's form offers it: its text filled for that concern. */
export interface FilledReplyTemplate {
  id: string;
  title: string;
  text: string;
  /** null: a general template. */
  categoryCode: string | null;
  outcomes: ReplyTemplate["outcomes"];
  actions: ReplyTemplate["actions"];
}

type Actor = { id: string; name: string };

/** A new template (version 0). Unique duplicate outcomes/actions are dropped, order kept. */
export function newReplyTemplate(
  input: ReplyTemplateInput,
  ctx: { id: string; at: string; actor: Actor },
): ReplyTemplate {
  return {
    id: ctx.id,
    ...normalized(input),
    version: 0,
    createdAt: ctx.at,
    createdBy: ctx.actor,
    updatedAt: ctx.at,
    updatedBy: ctx.actor,
    retiredAt: null,
    retiredBy: null,
    retireReason: null,
  };
}

/** The template after an edit: its fields replaced, the version bumped. */
export function editReplyTemplate(
  current: ReplyTemplate,
  input: ReplyTemplateInput,
  ctx: { at: string; actor: Actor },
): ReplyTemplate {
  return {
    ...current,
    ...normalized(input),
    version: current.version + 1,
    updatedAt: ctx.at,
    updatedBy: ctx.actor,
  };
}

/** The template retired (hidden from the forms, kept): the version bumped. */
export function retireReplyTemplate(
  current: ReplyTemplate,
  ctx: { at: string; actor: Actor; reason: string },
): ReplyTemplate {
  return {
    ...current,
    version: current.version + 1,
    updatedAt: ctx.at,
    updatedBy: ctx.actor,
    retiredAt: ctx.at,
    retiredBy: ctx.actor,
    retireReason: ctx.reason,
  };
}

function normalized(input: ReplyTemplateInput): ReplyTemplateInput {
  return {
    title: input.title,
    body: input.body,
    categoryCode: input.categoryCode,
    outcomes: OUTCOMES.filter((o) => input.outcomes.includes(o)),
    actions: REPLY_TEMPLATE_ACTIONS.filter((a) => input.actions.includes(a)),
  };
}

/** What an audit entry of a template keeps: the text and what it is for, not the bookkeeping. */
export function auditedReplyTemplate(t: ReplyTemplate) {
  return {
    title: t.title,
    body: t.body,
    categoryCode: t.categoryCode,
    outcomes: t.outcomes,
    actions: t.actions,
    version: t.version,
    retiredAt: t.retiredAt,
  };
}

/**
 * The date a reply promises: the committed date of a deferred concern (限期办理), else the
 * answer deadline (答复期限), as a Shanghai date `YYYY-MM-DD`.
 */
export function replyDueDate(concern: Pick<Concern, "committedDate" | "deadlines">): string {
  return concern.committedDate ?? shanghaiDate(new Date(concern.deadlines.answerBy));
}

/** What the placeholders are filled with: the concern, the directory's names, today. */
export interface ReplyContext {
  concern: Pick<Concern, "ledgerNo" | "committedDate" | "deadlines">;
  villageName: string;
  departmentName: string;
  now: Date;
}

/** The value of each placeholder for this concern; dates as 12月8日 (Asia/Shanghai). */
export function placeholderValues(ctx: ReplyContext): Record<ReplyPlaceholder, string> {
  return {
    village: ctx.villageName,
    department: ctx.departmentName,
    ledgerNo: ctx.concern.ledgerNo,
    dueDate: smsDate(replyDueDate(ctx.concern)),
    today: smsDate(ctx.now),
  };
}

/** The text with its placeholders filled; anything else in braces is left as written. */
export function fillReplyTemplate(text: string, ctx: ReplyContext): string {
  const values = placeholderValues(ctx);
  return text.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) =>
    KNOWN.has(name) ? values[name as ReplyPlaceholder] : whole,
  );
}

/**
 * The templates a concern's form offers, filled: not retired, for one of `actions` (all three
 * when none is given), the concern's category's first, then the general ones, each group by
 * title. Other categories' templates are left out.
 */
export function templatesForConcern(
  templates: readonly ReplyTemplate[],
  categoryCode: string,
  ctx: ReplyContext,
  action?: ReplyTemplateAction,
): FilledReplyTemplate[] {
  const rank = (t: ReplyTemplate) => (t.categoryCode === categoryCode ? 0 : 1);
  return templates
    .filter(
      (t) =>
        t.retiredAt === null &&
        (t.categoryCode === null || t.categoryCode === categoryCode) &&
        (action ? t.actions.includes(action) : t.actions.length > 0),
    )
    .sort((a, b) => rank(a) - rank(b) || a.title.localeCompare(b.title, "zh-CN"))
    .map((t) => ({
      id: t.id,
      title: t.title,
      text: fillReplyTemplate(t.body, ctx),
      categoryCode: t.categoryCode,
      outcomes: t.outcomes,
      actions: t.actions,
    }));
}
