import type { StaffAccount } from "@lianxin/core";
import { type StoreContext, stripKeys } from "./context.js";
import { pauseBeforeRetry } from "./deadline.js";
import { keys } from "./keys.js";
import {
  BatchGetCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "./sdk.js";
import { type AuditEntry, auditPut } from "./settings.js";
import { TABLE_KEYS } from "./table.js";

function accountItem(account: StaffAccount) {
  return {
    ...keys.staffAccount(account.id),
    ...(account.departmentId
      ? {
          gsi1pk: keys.departmentStaff(account.departmentId),
          gsi1sk: `${account.name}#${account.id}`,
        }
      : {}),
    gsi2pk: keys.allStaff,
    gsi2sk: `${account.username.toLowerCase()}#${account.id}`,
    entity: "staff",
    ...account,
  };
}

/**
 * AP-S1: create an account, with its username guard item, in one transaction; false if
 * the id or the username is taken.
 */
export async function createStaffAccount(
  ctx: StoreContext,
  account: StaffAccount,
  audit?: AuditEntry,
): Promise<boolean> {
  try {
    await ctx.client.send(
      new TransactWriteCommand({
        TransactItems: [
          ...(audit ? [auditPut(ctx, audit)] : []),
          {
            Put: {
              TableName: ctx.tableName,
              Item: accountItem(account),
              ConditionExpression: "attribute_not_exists(pk)",
            },
          },
          {
            Put: {
              TableName: ctx.tableName,
              Item: { ...keys.username(account.username), entity: "username", staffId: account.id },
              ConditionExpression: "attribute_not_exists(pk)",
            },
          },
        ],
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === "TransactionCanceledException") return false;
    throw error;
  }
}

/**
 * An account as stored: with its lock, and the time before which its sessions no longer
 * count (a password change or reset), but for the one session that made the change.
 */
export type StoredStaffAccount = StaffAccount & {
  lockedUntil?: string;
  sessionsValidAfter?: string;
  keptSessionId?: string | null;
};

/** AP-S2: an account by id (GetItem). */
export async function getStaffAccount(
  ctx: StoreContext,
  staffId: string,
): Promise<StoredStaffAccount | null> {
  const result = await ctx.client.send(
    new GetCommand({
      TableName: ctx.tableName,
      Key: keys.staffAccount(staffId),
      ConsistentRead: true,
    }),
  );
  return result.Item ? stripKeys(result.Item) : null;
}

/** AP-S3: an account by username (GetItem on the guard, then on the account). */
export async function findStaffByUsername(ctx: StoreContext, username: string) {
  const guard = await ctx.client.send(
    new GetCommand({
      TableName: ctx.tableName,
      Key: keys.username(username),
      ConsistentRead: true,
    }),
  );
  return guard.Item ? getStaffAccount(ctx, String(guard.Item.staffId)) : null;
}

/** AP-S4: a department's staff (for assigning), by name. */
export async function listDepartmentStaff(
  ctx: StoreContext,
  departmentId: string,
): Promise<StaffAccount[]> {
  const index = TABLE_KEYS.indexes.gsi1;
  const page = await ctx.client.send(
    new QueryCommand({
      TableName: ctx.tableName,
      IndexName: index.name,
      KeyConditionExpression: "#pk = :pk",
      ExpressionAttributeNames: { "#pk": index.partitionKey },
      ExpressionAttributeValues: { ":pk": keys.departmentStaff(departmentId) },
    }),
  );
  return (page.Items ?? []).map((i) => stripKeys<StaffAccount>(i));
}

/** AP-S5: set a new password hash (and whether it must be changed at next login). */
export async function setStaffPassword(
  ctx: StoreContext,
  staffId: string,
  passwordHash: string,
  mustChangePassword: boolean,
  nowIso: string,
  /** The session that changed it, which stays valid; null ends every session (a reset). */
  keptSessionId: string | null,
): Promise<void> {
  await ctx.client.send(
    new UpdateCommand({
      TableName: ctx.tableName,
      Key: keys.staffAccount(staffId),
      UpdateExpression:
        "SET passwordHash = :h, mustChangePassword = :m, updatedAt = :now, sessionsValidAfter = :now, keptSessionId = :kept REMOVE lockedUntil",
      ConditionExpression: "attribute_exists(pk)",
      ExpressionAttributeValues: {
        ":h": passwordHash,
        ":m": mustChangePassword,
        ":now": nowIso,
        ":kept": keptSessionId,
      },
    }),
  );
}

/** AP-S6: lock an account until a time (after repeated failed logins). */
export async function lockStaffAccount(
  ctx: StoreContext,
  staffId: string,
  untilIso: string,
): Promise<void> {
  await ctx.client.send(
    new UpdateCommand({
      TableName: ctx.tableName,
      Key: keys.staffAccount(staffId),
      UpdateExpression: "SET lockedUntil = :until",
      ConditionExpression: "attribute_exists(pk)",
      ExpressionAttributeValues: { ":until": untilIso },
    }),
  );
}

/** AP-S7: every account (admin's staff list), by username: one Query on index gsi2. */
export async function listStaffAccounts(ctx: StoreContext): Promise<StaffAccount[]> {
  const index = TABLE_KEYS.indexes.gsi2;
  const out: StaffAccount[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await ctx.client.send(
      new QueryCommand({
        TableName: ctx.tableName,
        IndexName: index.name,
        KeyConditionExpression: "#pk = :pk",
        ExpressionAttributeNames: { "#pk": index.partitionKey },
        ExpressionAttributeValues: { ":pk": keys.allStaff },
        ExclusiveStartKey: startKey,
      }),
    );
    out.push(...(page.Items ?? []).map((i) => stripKeys<StaffAccount>(i)));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return out;
}

/** What admin edits on an account (never the username or credentials). */
export type StaffAccountEdit = Pick<
  StaffAccount,
  "id" | "name" | "role" | "departmentId" | "villageIds" | "active"
> & { phone: string | null };

function accountUpdate(
  ctx: StoreContext,
  edit: StaffAccountEdit,
  username: string,
  nowIso: string,
) {
  const values: Record<string, unknown> = {
    ":name": edit.name,
    ":role": edit.role,
    ":dep": edit.departmentId,
    ":villages": edit.villageIds,
    ":phone": edit.phone,
    ":active": edit.active,
    ":now": nowIso,
    ":all": keys.allStaff,
    ":g2sk": `${username.toLowerCase()}#${edit.id}`,
  };
  let set =
    "SET #name = :name, #role = :role, departmentId = :dep, villageIds = :villages, phone = :phone, active = :active, updatedAt = :now, gsi2pk = :all, gsi2sk = :g2sk";
  let remove = "";
  if (edit.departmentId) {
    set += ", gsi1pk = :g1pk, gsi1sk = :g1sk";
    values[":g1pk"] = keys.departmentStaff(edit.departmentId);
    values[":g1sk"] = `${edit.name}#${edit.id}`;
  } else remove = " REMOVE gsi1pk, gsi1sk";
  return {
    Update: {
      TableName: ctx.tableName,
      Key: keys.staffAccount(edit.id),
      UpdateExpression: set + remove,
      ConditionExpression: "attribute_exists(pk)",
      ExpressionAttributeNames: { "#name": "name", "#role": "role" },
      ExpressionAttributeValues: values,
    },
  };
}

/**
 * AP-S8: change accounts (name, role, department, villages, phone, active) with their
 * audit items, in transactions of up to 50 items; credentials and lock state are left alone.
 * Also (re)sets the staff-list index keys, so an account made before the list existed
 * appears there once edited.
 */
export async function updateStaffAccounts(
  ctx: StoreContext,
  edits: Array<{ edit: StaffAccountEdit; username: string; audit: AuditEntry }>,
): Promise<number> {
  for (let i = 0; i < edits.length; i += 25) {
    const chunk = edits.slice(i, i + 25);
    await ctx.client.send(
      new TransactWriteCommand({
        TransactItems: chunk.flatMap(({ edit, username, audit }) => [
          accountUpdate(ctx, edit, username, audit.at),
          auditPut(ctx, audit),
        ]),
      }),
    );
  }
  return edits.length;
}

/**
 * AP-S9: staff names by id, 100 a BatchGetItem (a dashboard's per-person rows): the number
 * of requests follows the headcount shown, never the history.
 */
export async function getStaffNames(
  ctx: StoreContext,
  ids: string[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 100) {
    let keysLeft: Record<string, unknown>[] = unique
      .slice(i, i + 100)
      .map((id) => keys.staffAccount(id));
    for (let attempt = 0; keysLeft.length && attempt < 8; attempt++) {
      const result = await ctx.client.send(
        new BatchGetCommand({
          RequestItems: {
            [ctx.tableName]: {
              Keys: keysLeft,
              ProjectionExpression: "id, #n",
              ExpressionAttributeNames: { "#n": "name" },
            },
          },
        }),
      );
      for (const item of result.Responses?.[ctx.tableName] ?? [])
        names.set(String(item.id), String(item.name));
      keysLeft = (result.UnprocessedKeys?.[ctx.tableName]?.Keys ?? []) as Record<string, unknown>[];
      if (keysLeft.length) await pauseBeforeRetry(50 * 2 ** attempt);
    }
  }
  return names;
}
