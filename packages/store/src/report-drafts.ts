import { type StoreContext, stripKeys } from "./context.js";
import { keys } from "./keys.js";
import { GetCommand } from "./sdk.js";
import { type AuditEntry, putVersionedWithAudit } from "./settings.js";

/**
 * 季度工作报告's written sections (存在问题 / 下步打算), one draft per unit and quarter. Every
 * save is the draft's put, conditional on the version the writer read, with its audit entry
 * (who saved what when: the text before and after) in one transaction.
 */
export interface QuarterlyDraft {
  departmentId: string;
  quarter: string;
  problems: string;
  plans: string;
  /** 1 on the first save, one more on each. */
  version: number;
  savedAt: string;
  savedBy: { id: string; name: string };
}

/** The audit subject of a unit's quarter (AP-X4 lists it). */
export const quarterlyDraftSubject = (departmentId: string, quarter: string) =>
  `quarterly_draft#${departmentId}#${quarter}`;

/** AP-QD1: a unit's draft of a quarter (GetItem, consistent: a save reads what it replaces). */
export async function getQuarterlyDraft(
  ctx: StoreContext,
  departmentId: string,
  quarter: string,
): Promise<QuarterlyDraft | null> {
  const result = await ctx.client.send(
    new GetCommand({
      TableName: ctx.tableName,
      Key: keys.quarterlyDraft(departmentId, quarter),
      ConsistentRead: true,
    }),
  );
  return result.Item ? stripKeys<QuarterlyDraft>(result.Item) : null;
}

/**
 * AP-QD2: save a draft with its audit entry. The first save is conditional on no draft, a
 * later one on the stored version being `replaces` (the version the writer read); false when
 * the condition failed (someone saved first).
 */
export async function putQuarterlyDraft(
  ctx: StoreContext,
  draft: QuarterlyDraft,
  audit: AuditEntry,
  options: { replaces: number | null },
): Promise<boolean> {
  return putVersionedWithAudit(
    ctx,
    {
      ...keys.quarterlyDraft(draft.departmentId, draft.quarter),
      entity: "quarterly_draft",
      ...draft,
    },
    audit,
    options.replaces,
  );
}
