import type { ReplyTemplate } from "@lianxin/core";
import { queryPartition, type StoreContext, stripKeys } from "./context.js";
import { keys } from "./keys.js";
import { GetCommand } from "./sdk.js";
import { type AuditEntry, putVersionedWithAudit } from "./settings.js";

/**
 * 答复模板 (issue 16): admin's reply templates, one item each in the `REPLY_TEMPLATES`
 * partition. Every write is the template's put with its audit entry (the old and the new
 * text, who, when, why) in one transaction; nothing is deleted (retiring sets `retiredAt`).
 */

/** AP-Y1: every template, retired ones included (Query, consistent, the one partition). */
export async function listReplyTemplates(ctx: StoreContext): Promise<ReplyTemplate[]> {
  return (await queryPartition(ctx, keys.replyTemplatesPartition, { consistent: true })).map((i) =>
    stripKeys<ReplyTemplate>(i),
  );
}

/** AP-Y2: one template (GetItem, consistent: an edit reads the version it replaces); null if none. */
export async function getReplyTemplate(
  ctx: StoreContext,
  id: string,
): Promise<ReplyTemplate | null> {
  const result = await ctx.client.send(
    new GetCommand({
      TableName: ctx.tableName,
      Key: keys.replyTemplate(id),
      ConsistentRead: true,
    }),
  );
  return result.Item ? stripKeys<ReplyTemplate>(result.Item) : null;
}

/**
 * AP-Y3: write a template with its audit entry, in one transaction. A new one is conditional
 * on no item with its id; an edit or a retirement on the stored version being `replaces`
 * (the version the admin saw). False when the condition failed: someone changed it first.
 */
export async function putReplyTemplate(
  ctx: StoreContext,
  template: ReplyTemplate,
  audit: AuditEntry,
  options: { replaces: number | null },
): Promise<boolean> {
  return putVersionedWithAudit(
    ctx,
    { ...keys.replyTemplate(template.id), entity: "reply_template", ...template },
    audit,
    options.replaces,
  );
}
