import type { StoreContext } from "./context.js";
import { keys } from "./keys.js";
import { GetCommand } from "./sdk.js";

/**
 * How long the health check waits for the table: far below the general call budget (2 s on
 * AWS, 20 s on DynamoDB Local, client.ts), so that `/api/health` answers 503 within about a
 * second when the table does not answer.
 */
export const HEALTH_TIMEOUT_MS = 1_000;

/**
 * AP-H1: does the table answer? One GetItem on a fixed key, cut off after `timeoutMs` (the
 * call's own budget and the request's deadline still apply, whichever ends first).
 */
export async function pingStore(
  ctx: StoreContext,
  options: { timeoutMs?: number } = {},
): Promise<void> {
  await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: keys.health }), {
    abortSignal: AbortSignal.timeout(options.timeoutMs ?? HEALTH_TIMEOUT_MS),
  });
}
