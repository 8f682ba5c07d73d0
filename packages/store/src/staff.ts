import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { StaffAccount } from "@lianxin/core";
import { type StoreContext, stripKeys } from "./context.js";
import { keys } from "./keys.js";
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
): Promise<boolean> {
  try {
    await ctx.client.send(
      new TransactWriteCommand({
        TransactItems: [
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

/** AP-S2: an account by id (GetItem). */
export async function getStaffAccount(
  ctx: StoreContext,
  staffId: string,
): Promise<(StaffAccount & { lockedUntil?: string }) | null> {
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
): Promise<void> {
  await ctx.client.send(
    new UpdateCommand({
      TableName: ctx.tableName,
      Key: keys.staffAccount(staffId),
      UpdateExpression:
        "SET passwordHash = :h, mustChangePassword = :m, updatedAt = :now REMOVE lockedUntil",
      ConditionExpression: "attribute_exists(pk)",
      ExpressionAttributeValues: { ":h": passwordHash, ":m": mustChangePassword, ":now": nowIso },
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
