import {
  type Category,
  type Department,
  DomainError,
  type Leader,
  type Village,
} from "@lianxin/core";
import type { StoreContext } from "./context.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { type DirectoryEntryKind, keys } from "./keys.js";
import { QueryCommand, TransactWriteCommand } from "./sdk.js";
import { type AuditEntry, auditPut } from "./settings.js";

/** One directory item to write: created (must not exist) or replaced (must exist). */
export type DirectoryWrite =
  | { kind: "VILLAGE"; entry: Village; create: boolean }
  | { kind: "LEADER"; entry: Leader; create: boolean }
  | { kind: "DEPARTMENT"; entry: Department; create: boolean }
  | { kind: "CATEGORY"; entry: Category; create: boolean };

const idOf = (w: DirectoryWrite) => (w.kind === "CATEGORY" ? w.entry.code : w.entry.id);
const TRANSACTION_ITEMS = 50;
/** DynamoDB's limit on the items of one TransactWriteItems. */
const MAX_TRANSACTION_ITEMS = 100;

/**
 * AP-D4: write directory entries, each with its audit items. One change (an admin's edit)
 * is one transaction; an import is written in transactions of up to 50 items, an entry
 * never apart from its audits (an entry with more audits takes a transaction of its own).
 * An entry whose audits do not fit one transaction with it (over 99: core's
 * `MAX_CHANGES_PER_ENTRY`, which edits and imports check first) is refused before anything
 * is written. A create finding the entry there (or an update finding it gone) is a 409
 * `conflict`: another admin got there first. Returns the entries written.
 */
export async function writeDirectoryEntries(
  ctx: StoreContext,
  changes: Array<{ write: DirectoryWrite; audits: AuditEntry[] }>,
): Promise<number> {
  const tooBig = changes.find((c) => 1 + c.audits.length > MAX_TRANSACTION_ITEMS);
  if (tooBig) {
    const id = `${tooBig.write.kind}#${idOf(tooBig.write)}`;
    throw new DomainError("validation_failed", {
      detail: `${id}: ${tooBig.audits.length} audit items do not fit one transaction`,
      fields: {
        [id]: {
          kind: "invalid",
          message: {
            "zh-CN": `一次变更过多（${tooBig.audits.length} 项），请分批提交`,
            en: `Too many changes at once (${tooBig.audits.length}): submit them in parts`,
          },
        },
      },
    });
  }
  const batches: Array<Array<Record<string, unknown>>> = [[]];
  for (const { write: w, audits } of changes) {
    const items = [
      {
        Put: {
          TableName: ctx.tableName,
          Item: { ...keys.directoryEntry(w.kind as DirectoryEntryKind, idOf(w)), ...w.entry },
          ConditionExpression: w.create ? "attribute_not_exists(pk)" : "attribute_exists(pk)",
        },
      },
      ...audits.map((a) => auditPut(ctx, a)),
    ];
    const last = batches[batches.length - 1] as Array<Record<string, unknown>>;
    if (last.length + items.length > TRANSACTION_ITEMS && last.length) batches.push(items);
    else last.push(...items);
  }
  for (const batch of batches.filter((b) => b.length)) {
    try {
      await ctx.client.send(
        new TransactWriteCommand({
          TransactItems: batch as NonNullable<
            ConstructorParameters<typeof TransactWriteCommand>[0]["TransactItems"]
          >,
        }),
      );
    } catch (error) {
      if ((error as Error).name === "TransactionCanceledException")
        throw new DomainError("conflict", { detail: "directory entry changed meanwhile" });
      throw error;
    }
  }
  return changes.length;
}

/** AP-X4: the audit trail of one subject (`village#meijing`, `account#staff-admin`), newest first. */
export async function listAudit(
  ctx: StoreContext,
  subject: string,
  options: { limit: number; cursor?: string | undefined },
): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  const pk = keys.audit(subject, "", "").pk;
  const page = await ctx.client.send(
    new QueryCommand({
      TableName: ctx.tableName,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": pk },
      ScanIndexForward: false,
      Limit: options.limit,
      ExclusiveStartKey: decodeCursor(options.cursor, { pk }),
    }),
  );
  return {
    items: (page.Items ?? []).map((i) => ({
      id: String(i.id),
      at: String(i.at),
      actor: i.actor as AuditEntry["actor"],
      subject: String(i.subject),
      before: i.before ?? null,
      after: i.after ?? null,
      ...(typeof i.reason === "string" ? { reason: i.reason } : {}),
    })),
    nextCursor: encodeCursor(page.LastEvaluatedKey),
  };
}
