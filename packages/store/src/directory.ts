import type { Directory } from "@lianxin/core";
import { queryPartition, type StoreContext, stripKeys } from "./context.js";
import { type DirectoryEntryKind, keys } from "./keys.js";
import { QueryCommand } from "./sdk.js";
import { seedItems } from "./seed.js";

/** AP-D1: the whole directory, one Query on the DIRECTORY partition (about a hundred items). */
export async function loadDirectory(ctx: StoreContext): Promise<Directory> {
  const directory: Directory = {
    villages: [],
    leaders: [],
    departments: [],
    partners: [],
    categories: [],
  };
  const lists: Record<DirectoryEntryKind, unknown[]> = {
    VILLAGE: directory.villages,
    LEADER: directory.leaders,
    DEPARTMENT: directory.departments,
    PARTNER: directory.partners,
    CATEGORY: directory.categories,
  };
  for (const item of await queryPartition(ctx, keys.directoryPartition)) {
    const kind = String(item.sk).split("#")[0] as DirectoryEntryKind;
    lists[kind]?.push(stripKeys(item));
  }
  return directory;
}

/** AP-D2: is there any directory yet? (a Query with Limit 1, for seeding an empty table) */
export async function hasDirectory(ctx: StoreContext): Promise<boolean> {
  const page = await ctx.client.send(
    new QueryCommand({
      TableName: ctx.tableName,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": keys.directoryPartition },
      Limit: 1,
    }),
  );
  return (page.Items?.length ?? 0) > 0;
}

/** AP-D3: write a whole directory (seeding and imports), 25 items a batch. */
export async function putDirectory(ctx: StoreContext, directory: Directory): Promise<number> {
  const items = [
    ...directory.villages.map((v) => ({ ...keys.directoryEntry("VILLAGE", v.id), ...v })),
    ...directory.leaders.map((l) => ({ ...keys.directoryEntry("LEADER", l.id), ...l })),
    ...directory.departments.map((d) => ({ ...keys.directoryEntry("DEPARTMENT", d.id), ...d })),
    ...directory.partners.map((p) => ({ ...keys.directoryEntry("PARTNER", p.id), ...p })),
    ...directory.categories.map((c) => ({ ...keys.directoryEntry("CATEGORY", c.code), ...c })),
  ];
  await seedItems(ctx, items);
  return items.length;
}
