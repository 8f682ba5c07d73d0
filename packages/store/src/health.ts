import type { StoreContext } from "./context.js";
import { keys } from "./keys.js";
import { GetCommand } from "./sdk.js";

/** AP-H1: does the table answer? One GetItem on a fixed key. */
export async function pingStore(ctx: StoreContext): Promise<void> {
  await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: keys.health }));
}
