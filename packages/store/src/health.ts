import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { StoreContext } from "./context.js";
import { keys } from "./keys.js";

/** AP-H1: does the table answer? One GetItem on a fixed key. */
export async function pingStore(ctx: StoreContext): Promise<void> {
  await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: keys.health }));
}
