import type { CalendarOverride } from "@lianxin/core";
import { type StoreContext, transact } from "./context.js";
import { keys } from "./keys.js";
import { GetCommand, TransactWriteCommand } from "./sdk.js";

export interface AuditEntry {
  id: string;
  at: string;
  actor: { id: string; name: string };
  subject: string;
  before: unknown;
  after: unknown;
  /** Why, when the change was given one (a reply template's edit or retirement). */
  reason?: string;
}

export function auditPut(ctx: StoreContext, entry: AuditEntry) {
  return {
    Put: {
      TableName: ctx.tableName,
      Item: { ...keys.audit(entry.subject, entry.at, entry.id), entity: "audit", ...entry },
      ConditionExpression: "attribute_not_exists(pk)",
    },
  };
}

/**
 * An item's put with its audit entry, in one transaction: a new item conditional on none at
 * its key, a replacement on the stored `version` being `replaces` (the version the writer
 * read). False when the condition failed: someone wrote first.
 */
export function putVersionedWithAudit(
  ctx: StoreContext,
  item: Record<string, unknown>,
  audit: AuditEntry,
  replaces: number | null,
): Promise<boolean> {
  const condition =
    replaces === null
      ? { ConditionExpression: "attribute_not_exists(pk)" }
      : {
          ConditionExpression: "attribute_exists(pk) AND #version = :replaces",
          ExpressionAttributeNames: { "#version": "version" },
          ExpressionAttributeValues: { ":replaces": replaces },
        };
  return transact(ctx, [
    { Put: { TableName: ctx.tableName, Item: item, ...condition } },
    auditPut(ctx, audit),
  ]);
}

/** AP-W1: the holiday-calendar override (GetItem); empty if never set. */
export async function getCalendarOverride(ctx: StoreContext): Promise<CalendarOverride> {
  const result = await ctx.client.send(
    new GetCommand({ TableName: ctx.tableName, Key: keys.calendarOverride }),
  );
  return {
    holidays: (result.Item?.holidays as Record<string, string>) ?? {},
    workdays: (result.Item?.workdays as Record<string, string>) ?? {},
  };
}

/** AP-W2: replace the override, with its audit entry, in one transaction. */
export async function putCalendarOverride(
  ctx: StoreContext,
  override: CalendarOverride,
  audit: AuditEntry,
): Promise<void> {
  await ctx.client.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: ctx.tableName,
            Item: {
              ...keys.calendarOverride,
              entity: "settings",
              ...override,
              updatedAt: audit.at,
            },
          },
        },
        auditPut(ctx, audit),
      ],
    }),
  );
}
