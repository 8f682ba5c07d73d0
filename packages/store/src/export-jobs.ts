import type { ExportJobState, LedgerExportJob } from "@lianxin/core";
import { type StoreContext, stripKeys } from "./context.js";
import { keys } from "./keys.js";
import { GetCommand, PutCommand, UpdateCommand } from "./sdk.js";

/**
 * Background ledger exports: one item per job, expiring with its file. A state only moves
 * forward (queued → running → done | failed), each step conditional on the one before, so a
 * retried worker invocation never builds a file twice.
 */

/** AP-X1: a new job (conditional on the id being new). */
export async function putExportJob(
  ctx: StoreContext,
  job: LedgerExportJob,
  expiresAt: number,
): Promise<void> {
  await ctx.client.send(
    new PutCommand({
      TableName: ctx.tableName,
      Item: { ...keys.exportJob(job.id), entity: "export_job", expiresAt, ...job },
      ConditionExpression: "attribute_not_exists(pk)",
    }),
  );
}

/** AP-X2: one job by id (consistent: the page that polls it must see the worker's step). */
export async function getExportJob(ctx: StoreContext, id: string): Promise<LedgerExportJob | null> {
  const result = await ctx.client.send(
    new GetCommand({ TableName: ctx.tableName, Key: keys.exportJob(id), ConsistentRead: true }),
  );
  return result.Item ? stripKeys<LedgerExportJob>(result.Item) : null;
}

/**
 * AP-X3: moves a job from `from` to the next state with its outcome; false if it was not in
 * `from` (another invocation got there first).
 */
export async function advanceExportJob(
  ctx: StoreContext,
  id: string,
  from: ExportJobState,
  next: Pick<LedgerExportJob, "state" | "updatedAt" | "file" | "error">,
): Promise<boolean> {
  const names: Record<string, string> = { "#state": "state", "#updatedAt": "updatedAt" };
  const values: Record<string, unknown> = {
    ":from": from,
    ":state": next.state,
    ":updatedAt": next.updatedAt,
  };
  const sets = ["#state = :state", "#updatedAt = :updatedAt"];
  if (next.file) {
    names["#file"] = "file";
    values[":file"] = next.file;
    sets.push("#file = :file");
  }
  if (next.error) {
    names["#error"] = "error";
    values[":error"] = next.error;
    sets.push("#error = :error");
  }
  try {
    await ctx.client.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: keys.exportJob(id),
        UpdateExpression: `SET ${sets.join(", ")}`,
        ConditionExpression: "#state = :from",
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === "ConditionalCheckFailedException") return false;
    throw error;
  }
}

/**
 * AP-X4: the rows a running job has written so far, for the export page; only while it is
 * running (a late write after the end changes nothing).
 */
export async function recordExportProgress(
  ctx: StoreContext,
  id: string,
  rows: number,
  updatedAt: string,
): Promise<void> {
  try {
    await ctx.client.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: keys.exportJob(id),
        UpdateExpression: "SET progressRows = :rows, #updatedAt = :updatedAt",
        ConditionExpression: "#state = :running",
        ExpressionAttributeNames: { "#state": "state", "#updatedAt": "updatedAt" },
        ExpressionAttributeValues: {
          ":rows": rows,
          ":updatedAt": updatedAt,
          ":running": "running",
        },
      }),
    );
  } catch (error) {
    if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
  }
}
