import {
  type DirectoryIndex,
  DomainError,
  type Locale,
  may,
  namedRefs,
  plainText,
  Quarter,
} from "@lianxin/core";
import { type QuarterlyDraft, quarterlyDraftSubject } from "@lianxin/store";
import * as z from "zod/mini";
import type { Deps } from "../../deps.js";
import { authorize } from "../accounts/authorize.js";
import type { StaffAuth } from "../accounts/session.js";
import { currentDirectory } from "../directory/current-directory.js";
import { parseInput } from "../parse.js";

/**
 * 季度工作报告's written sections (存在问题 / 下步打算) of a department's quarter: read by whoever
 * may read the department's figures, saved by its own head or admin, each save conditional on
 * the version read (a stale save answers 409) and audited.
 */

const Id = z.string().check(z.regex(/^[a-z0-9-]{1,64}$/));
const DraftQuery = z.object({ department: Id, quarter: Quarter });
const DraftBody = z.strictObject({
  department: Id,
  quarter: Quarter,
  problems: plainText(4000),
  plans: plainText(4000),
  expectedVersion: z.number().check(z.int(), z.gte(0)),
});

function departmentOf(index: DirectoryIndex, id: string) {
  const d = index.department(id);
  if (!d || d.retiredAt) throw new DomainError("not_found");
  return d;
}

function view(
  index: DirectoryIndex,
  auth: StaffAuth,
  locale: Locale,
  departmentId: string,
  quarter: string,
  draft: QuarterlyDraft | null,
) {
  return {
    department: namedRefs(index, locale).department(departmentId),
    quarter,
    problems: draft?.problems ?? "",
    plans: draft?.plans ?? "",
    version: draft?.version ?? 0,
    savedAt: draft?.savedAt ?? null,
    savedBy: draft?.savedBy ?? null,
    mayWrite: may(auth.user, "quarterly_draft.write", { departmentId }),
  };
}

/** A department's draft of a quarter (empty, version 0, when never saved). */
export async function readQuarterlyDraft(
  deps: Deps,
  auth: StaffAuth,
  departmentId: string,
  quarter: string,
  locale: Locale,
) {
  const index = await currentDirectory(deps);
  const d = departmentOf(index, departmentId);
  authorize(auth, "department_figures.read", { departmentId: d.id });
  const draft = await deps.store.getQuarterlyDraft(d.id, quarter);
  return view(index, auth, locale, d.id, quarter, draft);
}

/** `GET /api/staff/reports/quarterly/draft?department=&quarter=`. */
export async function getQuarterlyDraftOf(
  deps: Deps,
  auth: StaffAuth,
  query: Record<string, string>,
  locale: Locale,
) {
  const q = parseInput(DraftQuery, query);
  return readQuarterlyDraft(deps, auth, q.department, q.quarter, locale);
}

/** `PUT /api/staff/reports/quarterly/draft`: save both sections over the version read. */
export async function saveQuarterlyDraft(
  deps: Deps,
  auth: StaffAuth,
  body: unknown,
  locale: Locale,
) {
  const input = parseInput(DraftBody, body);
  const index = await currentDirectory(deps);
  const d = departmentOf(index, input.department);
  authorize(auth, "quarterly_draft.write", { departmentId: d.id });
  const before = await deps.store.getQuarterlyDraft(d.id, input.quarter);
  const conflict = (found: QuarterlyDraft | null) =>
    new DomainError("conflict", { details: { currentVersion: found?.version ?? 0 } });
  if ((before?.version ?? 0) !== input.expectedVersion) throw conflict(before);
  const at = deps.now().toISOString();
  const actor = { id: auth.user.id, name: auth.user.name };
  const draft: QuarterlyDraft = {
    departmentId: d.id,
    quarter: input.quarter,
    problems: input.problems,
    plans: input.plans,
    version: input.expectedVersion + 1,
    savedAt: at,
    savedBy: actor,
  };
  const written = await deps.store.putQuarterlyDraft(
    draft,
    {
      id: deps.newId(),
      at,
      actor,
      subject: quarterlyDraftSubject(d.id, input.quarter),
      before: before ? { problems: before.problems, plans: before.plans } : null,
      after: { problems: draft.problems, plans: draft.plans },
    },
    { replaces: before ? before.version : null },
  );
  if (!written) throw conflict(await deps.store.getQuarterlyDraft(d.id, input.quarter));
  return view(index, auth, locale, d.id, input.quarter, draft);
}
