import type { PartyMember, RotationPlan, ServiceDay } from "@lianxin/core";
import { queryPartition, type StoreContext, stripKeys, transact } from "./context.js";
import { keys } from "./keys.js";
import { GetCommand, QueryCommand } from "./sdk.js";
import { seedItems } from "./seed.js";
import { type AuditEntry, auditPut } from "./settings.js";

/**
 * The grid beyond the directory: rotation plans (包干轮换), party members' posts (入户) and
 * service days (一线服务日). Every change is written with its audit entry in one
 * transaction.
 */

/** Every item of one index partition, following pagination, without the table fields. */
async function queryIndex<T>(ctx: StoreContext, index: "gsi1" | "gsi2", pk: string): Promise<T[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await ctx.client.send(
      new QueryCommand({
        TableName: ctx.tableName,
        IndexName: index,
        KeyConditionExpression: `${index}pk = :pk`,
        ExpressionAttributeValues: { ":pk": pk },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items.map((i) => stripKeys<T>(i));
}

/** One item (GetItem) without its table fields, null if absent. */
async function getItem<T>(ctx: StoreContext, key: Record<string, string>): Promise<T | null> {
  const result = await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: key }));
  return result.Item ? stripKeys<T>(result.Item) : null;
}

/**
 * An item put with its audit entry in one transaction. With `create`, the put is conditional
 * on the item not existing (true) or existing (false); false when that condition fails.
 */
function putWithAudit(
  ctx: StoreContext,
  item: Record<string, unknown>,
  audit: AuditEntry,
  options?: { create: boolean },
): Promise<boolean> {
  const condition = options && {
    ConditionExpression: options.create ? "attribute_not_exists(pk)" : "attribute_exists(pk)",
  };
  return transact(ctx, [
    { Put: { TableName: ctx.tableName, Item: item, ...condition } },
    auditPut(ctx, audit),
  ]);
}

// ---------------------------------------------------------------------------- rotation

export interface StoredRotationPlan {
  plan: RotationPlan;
  savedAt: string;
  savedBy: { id: string; name: string };
}

/** AP-G1: a village's rotation plan (GetItem), null if none was saved. */
export async function getRotationPlan(
  ctx: StoreContext,
  villageId: string,
): Promise<StoredRotationPlan | null> {
  return getItem<StoredRotationPlan>(ctx, keys.rotationPlan(villageId));
}

/** AP-G2: every village's plan (one Query on the ROTATION partition, at most one item per village). */
export async function listRotationPlans(ctx: StoreContext): Promise<StoredRotationPlan[]> {
  return (await queryPartition(ctx, keys.rotationPartition)).map((i) =>
    stripKeys<StoredRotationPlan>(i),
  );
}

/** AP-G3: replace a village's plan, with its audit entry. */
export async function putRotationPlan(
  ctx: StoreContext,
  stored: StoredRotationPlan,
  audit: AuditEntry,
): Promise<void> {
  const item = { ...keys.rotationPlan(stored.plan.villageId), entity: "rotation", ...stored };
  await putWithAudit(ctx, item, audit);
}

export interface HolderChange {
  /** The group's position in the village item's `groups` list, as read. */
  position: number;
  groupId: string;
  from: string | null;
  to: string | null;
}

/**
 * AP-G4: change villager groups' holders (`holderId`) on the village's directory entry,
 * with an audit entry, in one transaction. Each change is conditional on the group still
 * being at that position with the holder read, so a stale read changes nothing (false).
 */
export async function setGroupHolders(
  ctx: StoreContext,
  villageId: string,
  changes: HolderChange[],
  audit: AuditEntry,
): Promise<boolean> {
  if (!changes.length) return true;
  const names: Record<string, string> = { "#groups": "groups", "#holder": "holderId", "#id": "id" };
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  const conditions: string[] = ["attribute_exists(pk)"];
  changes.forEach((c, k) => {
    const path = `#groups[${c.position}]`;
    values[`:id${k}`] = c.groupId;
    values[`:to${k}`] = c.to;
    sets.push(`${path}.#holder = :to${k}`);
    conditions.push(`${path}.#id = :id${k}`);
    if (c.from === null) {
      values[":null"] = "NULL";
      conditions.push(
        `(attribute_not_exists(${path}.#holder) OR attribute_type(${path}.#holder, :null))`,
      );
    } else {
      values[`:from${k}`] = c.from;
      conditions.push(`${path}.#holder = :from${k}`);
    }
  });
  return transact(ctx, [
    {
      Update: {
        TableName: ctx.tableName,
        Key: keys.directoryEntry("VILLAGE", villageId),
        UpdateExpression: `SET ${sets.join(", ")}`,
        ConditionExpression: conditions.join(" AND "),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
    auditPut(ctx, audit),
  ]);
}

// ------------------------------------------------------------------------ party members

function partyMemberItem(member: PartyMember) {
  return {
    ...keys.partyMember(member.id),
    entity: "party_member",
    gsi2pk: keys.partyMembersAt(member.villageId),
    gsi2sk: member.id,
    ...member,
  };
}

/** AP-G5: one party member (GetItem). */
export async function getPartyMember(ctx: StoreContext, id: string): Promise<PartyMember | null> {
  return getItem<PartyMember>(ctx, keys.partyMember(id));
}

/** AP-G6: a village's party members, retired included (Query gsi2 `PARTY_MEMBERS_AT#<village>`). */
export async function listPartyMembersAt(
  ctx: StoreContext,
  villageId: string,
): Promise<PartyMember[]> {
  return queryIndex<PartyMember>(ctx, "gsi2", keys.partyMembersAt(villageId));
}

/**
 * AP-G7: register (`create`: must not exist) or replace (must exist) a party member, with
 * its audit entry. False when that condition fails.
 */
export async function putPartyMember(
  ctx: StoreContext,
  member: PartyMember,
  audit: AuditEntry,
  options: { create: boolean },
): Promise<boolean> {
  return putWithAudit(ctx, partyMemberItem(member), audit, options);
}

// ------------------------------------------------------------------------- service days

function serviceDayItem(day: ServiceDay) {
  return {
    ...keys.serviceDay(day.id),
    entity: "service_day",
    gsi1pk: keys.serviceDaysOf(day.personId),
    gsi1sk: day.id,
    gsi2pk: keys.serviceDaysAt(day.villageId),
    gsi2sk: day.id,
    ...day,
  };
}

/** AP-G8: one service day (GetItem). */
export async function getServiceDay(ctx: StoreContext, id: string): Promise<ServiceDay | null> {
  return getItem<ServiceDay>(ctx, keys.serviceDay(id));
}

/** AP-G9: a village's service days (Query gsi2 `SERVICE_DAYS_AT#<village>`). */
export async function listServiceDaysAt(
  ctx: StoreContext,
  villageId: string,
): Promise<ServiceDay[]> {
  return queryIndex<ServiceDay>(ctx, "gsi2", keys.serviceDaysAt(villageId));
}

/** AP-G10: a person's service days (Query gsi1 `SERVICE_DAYS_OF#<person>`). */
export async function listServiceDaysOf(
  ctx: StoreContext,
  personId: string,
): Promise<ServiceDay[]> {
  return queryIndex<ServiceDay>(ctx, "gsi1", keys.serviceDaysOf(personId));
}

/** AP-G11: schedule (`create`) or replace (retire) a service day, with its audit entry. */
export async function putServiceDay(
  ctx: StoreContext,
  day: ServiceDay,
  audit: AuditEntry,
  options: { create: boolean },
): Promise<boolean> {
  return putWithAudit(ctx, serviceDayItem(day), audit, options);
}

/** AP-G12: seed the demo grid (BatchWriteItem, no audit: seeding is not a change). */
export async function putGridSeed(
  ctx: StoreContext,
  seed: { partyMembers: PartyMember[]; serviceDays: ServiceDay[] },
): Promise<number> {
  const items = [
    ...seed.partyMembers.map(partyMemberItem),
    ...seed.serviceDays.map(serviceDayItem),
  ];
  await seedItems(ctx, items);
  return items.length;
}
