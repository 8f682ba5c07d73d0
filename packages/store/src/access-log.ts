import type { StoreContext } from "./context.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { keys } from "./keys.js";
import { PutCommand, QueryCommand } from "./sdk.js";
import { TABLE_KEYS } from "./table.js";

/** A showing of a resident's personal data: who, when, which concern. */
export interface AccessLogEntry {
  ledgerNo: string;
  at: string;
  staffId: string;
  staffName: string;
  role: string;
  /** Why it was shown: viewing the concern, reissuing a code… */
  purpose: string;
}

/** AP-L1: write one entry (per concern, and in the town-wide list). */
export async function putAccessLog(
  ctx: StoreContext,
  entry: AccessLogEntry,
  uniqueId: string,
): Promise<void> {
  const sort = `${entry.at}#${entry.staffId}#${uniqueId}`;
  await ctx.client.send(
    new PutCommand({
      TableName: ctx.tableName,
      Item: {
        pk: keys.accessLogPartition(entry.ledgerNo),
        sk: sort,
        gsi1pk: keys.accessLogTown,
        gsi1sk: sort,
        entity: "access_log",
        ...entry,
      },
    }),
  );
}

/** AP-L2: the access log of one concern, or of the whole town, newest first. */
export async function listAccessLog(
  ctx: StoreContext,
  options: { ledgerNo?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<{ items: AccessLogEntry[]; nextCursor: string | null }> {
  const index = TABLE_KEYS.indexes.gsi1;
  const byConcern = Boolean(options.ledgerNo);
  const page = await ctx.client.send(
    new QueryCommand({
      TableName: ctx.tableName,
      ...(byConcern ? {} : { IndexName: index.name }),
      KeyConditionExpression: "#pk = :pk",
      ExpressionAttributeNames: { "#pk": byConcern ? "pk" : index.partitionKey },
      ExpressionAttributeValues: {
        ":pk": byConcern ? keys.accessLogPartition(options.ledgerNo as string) : keys.accessLogTown,
      },
      ScanIndexForward: false,
      Limit: options.limit,
      ExclusiveStartKey: decodeCursor(
        options.cursor,
        byConcern
          ? { pk: keys.accessLogPartition(options.ledgerNo as string) }
          : { [index.partitionKey]: keys.accessLogTown },
      ),
    }),
  );
  return {
    items: (page.Items ?? []).map((i) => ({
      ledgerNo: String(i.ledgerNo),
      at: String(i.at),
      staffId: String(i.staffId),
      staffName: String(i.staffName),
      role: String(i.role),
      purpose: String(i.purpose),
    })),
    nextCursor: encodeCursor(page.LastEvaluatedKey),
  };
}
