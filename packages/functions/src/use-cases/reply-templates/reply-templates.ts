import {
  auditedReplyTemplate,
  DomainError,
  editReplyTemplate,
  type FilledReplyTemplate,
  mayPerform,
  newReplyTemplate,
  type ReplyTemplate,
  ReplyTemplateEdit,
  ReplyTemplateId,
  ReplyTemplateInput,
  ReplyTemplateRetire,
  retireReplyTemplate,
  templatesForConcern,
} from "@lianxin/core";
import { REPLY_TEMPLATE_ACTIONS, type ReplyTemplateAction } from "@lianxin/core/vocabulary";
import type { AuditEntry } from "@lianxin/store";
import type { Deps } from "../../deps.js";
import { authorize } from "../accounts/authorize.js";
import type { StaffAuth } from "../accounts/session.js";
import { loadVisible } from "../concerns/staff-concerns.js";
import { currentDirectory } from "../directory/current-directory.js";
import { parseInput } from "../parse.js";

/**
 * 答复模板 (issue 16). Admin lists (retired ones too), creates, edits (naming the version
 * seen: 409 when it moved) and retires templates, each change written with its audit entry
 * (`reply_template#<id>`: the old and the new text, who, when, why). Staff who may answer,
 * respond or defer a concern read its templates filled for it.
 */

const actorOf = (auth: StaffAuth) => ({ id: auth.user.id, name: auth.user.name });

const isAction = (value: string): value is ReplyTemplateAction =>
  (REPLY_TEMPLATE_ACTIONS as readonly string[]).includes(value);

/** The `action` query parameter: absent (every templated action) or one of them; else 400. */
function actionOf(value: string | undefined): ReplyTemplateAction | undefined {
  const action = value?.trim();
  if (!action) return undefined;
  if (isAction(action)) return action;
  throw new DomainError("validation_failed", {
    fields: {
      action: {
        kind: "invalid",
        message: {
          "zh-CN": `应为 ${REPLY_TEMPLATE_ACTIONS.join("、")} 之一`,
          en: `Expected one of ${REPLY_TEMPLATE_ACTIONS.join(", ")}`,
        },
      },
    },
  });
}

/** A template id from a path: anything that cannot be one is simply not found. */
function idOf(id: string): string {
  if (!ReplyTemplateId.safeParse(id).success) throw new DomainError("not_found");
  return id;
}

/** The category must be one the directory knows (retired ones too: old templates keep theirs). */
async function checkCategory(deps: Deps, categoryCode: string | null): Promise<void> {
  if (categoryCode === null) return;
  if ((await currentDirectory(deps)).category(categoryCode)) return;
  throw new DomainError("validation_failed", {
    fields: { categoryCode: { kind: "unknown_category" } },
  });
}

const byCategoryThenTitle = (a: ReplyTemplate, b: ReplyTemplate) =>
  (a.categoryCode ?? "").localeCompare(b.categoryCode ?? "") ||
  a.title.localeCompare(b.title, "zh-CN");

/**
 * `GET /api/staff/reply-templates?category=&action=`: admin's list, retired templates
 * included; `category=general` for the general ones.
 */
export async function listReplyTemplates(
  deps: Deps,
  auth: StaffAuth,
  query: Record<string, string | undefined>,
): Promise<{ items: ReplyTemplate[] }> {
  authorize(auth, "reply_template.manage");
  const action = actionOf(query.action);
  const category = query.category?.trim() || undefined;
  const items = (await deps.store.listReplyTemplates())
    .filter((t) =>
      category === undefined
        ? true
        : category === "general"
          ? t.categoryCode === null
          : t.categoryCode === category,
    )
    .filter((t) => !action || t.actions.includes(action))
    .sort(byCategoryThenTitle);
  return { items };
}

function audit(
  deps: Deps,
  auth: StaffAuth,
  at: string,
  before: ReplyTemplate | null,
  after: ReplyTemplate,
  reason?: string,
): AuditEntry {
  return {
    id: deps.newId(),
    at,
    actor: actorOf(auth),
    subject: `reply_template#${after.id}`,
    before: before ? auditedReplyTemplate(before) : null,
    after: auditedReplyTemplate(after),
    ...(reason ? { reason } : {}),
  };
}

/** `POST /api/staff/reply-templates` → 201 and the template (version 0). */
export async function createReplyTemplate(
  deps: Deps,
  auth: StaffAuth,
  body: unknown,
): Promise<ReplyTemplate> {
  authorize(auth, "reply_template.manage");
  const input = parseInput(ReplyTemplateInput, body);
  await checkCategory(deps, input.categoryCode);
  const at = deps.now().toISOString();
  const template = newReplyTemplate(input, { id: deps.newId(), at, actor: actorOf(auth) });
  const written = await deps.store.putReplyTemplate(
    template,
    audit(deps, auth, at, null, template),
    {
      replaces: null,
    },
  );
  if (!written) throw new DomainError("conflict");
  return template;
}

/** The stored template the admin means to change, at the version they saw; else 404 / 409. */
async function current(deps: Deps, id: string, expectedVersion: number): Promise<ReplyTemplate> {
  const found = await deps.store.getReplyTemplate(id);
  if (!found) throw new DomainError("not_found");
  if (found.version !== expectedVersion) throw conflict(found);
  return found;
}

const conflict = (found: ReplyTemplate | null) =>
  new DomainError("conflict", {
    details: {
      currentVersion: found?.version ?? null,
      currentState: found ? (found.retiredAt ? "retired" : "active") : null,
    },
  });

/** Writes the change, or answers 409 with the template's current version. */
async function write(
  deps: Deps,
  next: ReplyTemplate,
  entry: AuditEntry,
  replaces: number,
): Promise<ReplyTemplate> {
  if (await deps.store.putReplyTemplate(next, entry, { replaces })) return next;
  throw conflict(await deps.store.getReplyTemplate(next.id));
}

/** `PUT /api/staff/reply-templates/{id}` `{ …template, expectedVersion, reason? }`. */
export async function editReplyTemplateById(
  deps: Deps,
  auth: StaffAuth,
  id: string,
  body: unknown,
): Promise<ReplyTemplate> {
  authorize(auth, "reply_template.manage");
  idOf(id);
  const { expectedVersion, reason, ...input } = parseInput(ReplyTemplateEdit, body);
  await checkCategory(deps, input.categoryCode);
  const before = await current(deps, id, expectedVersion);
  if (before.retiredAt) throw conflict(before);
  const at = deps.now().toISOString();
  const next = editReplyTemplate(before, input, { at, actor: actorOf(auth) });
  return write(deps, next, audit(deps, auth, at, before, next, reason), before.version);
}

/** `POST /api/staff/reply-templates/{id}/retire` `{ expectedVersion, reason }`. */
export async function retireReplyTemplateById(
  deps: Deps,
  auth: StaffAuth,
  id: string,
  body: unknown,
): Promise<ReplyTemplate> {
  authorize(auth, "reply_template.manage");
  idOf(id);
  const { expectedVersion, reason } = parseInput(ReplyTemplateRetire, body);
  const before = await current(deps, id, expectedVersion);
  if (before.retiredAt) throw conflict(before);
  const at = deps.now().toISOString();
  const next = retireReplyTemplate(before, { at, actor: actorOf(auth), reason });
  return write(deps, next, audit(deps, auth, at, before, next, reason), before.version);
}

/**
 * `GET /api/staff/concerns/{no}/reply-templates?action=answer`: the templates the concern's
 * forms offer, filled for it (its category's first, then the general ones; retired ones
 * never). A concern the user may not see is not found; one they see but may take none of
 * the templated actions on (or not `action`) is forbidden.
 */
export async function replyTemplatesForConcern(
  deps: Deps,
  auth: StaffAuth,
  ledgerNo: string,
  query: Record<string, string | undefined>,
): Promise<{ items: FilledReplyTemplate[] }> {
  const { concern } = await loadVisible(deps, auth, ledgerNo);
  authorize(auth, "reply_template.read");
  const action = actionOf(query.action);
  const permitted = REPLY_TEMPLATE_ACTIONS.filter((a) => mayPerform(auth.user, a, concern));
  if (action ? !permitted.includes(action) : permitted.length === 0) {
    throw new DomainError("forbidden");
  }
  const [templates, index] = await Promise.all([
    deps.store.listReplyTemplates(),
    currentDirectory(deps),
  ]);
  const department = index.department(concern.routing.department.id);
  const items = templatesForConcern(
    templates,
    concern.categoryCode,
    {
      concern,
      villageName: index.village(concern.villageId)?.name ?? concern.villageId,
      departmentName: department?.name ?? concern.routing.department.name,
      now: deps.now(),
    },
    action,
  )
    // Without an action, only the forms this user may use.
    .filter((t) => t.actions.some((a) => permitted.includes(a)));
  return { items };
}
