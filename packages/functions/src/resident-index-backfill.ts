import { readJobConfig, residentKey } from "./config.js";
import { createDeps } from "./deps.js";
import { loadSecrets } from "./secrets.js";
import { backfillResidentIndex } from "./use-cases/concerns/resident-index-backfill.js";
import { backfillWatchLists } from "./use-cases/inspection/watch-backfill.js";

/**
 * AWS Lambda entry of the "我的诉求" backfill, run by the deployment (an SST Script, on create
 * and on every update): lists the concerns of the last two years under their phone's key.
 * Idempotent; it binds the resident key, which keys the index. Then the inspectors' watch
 * lists (inspection/watch-backfill.ts), with the same grant.
 */
export async function handler() {
  await loadSecrets();
  const deps = createDeps(readJobConfig());
  const summary = await backfillResidentIndex(deps.store, residentKey(process.env), {
    now: deps.now(),
    log: (line) => console.log(line),
  });
  console.log(JSON.stringify({ level: "info", msg: "resident index backfill", ...summary }));
  // The inspectors' kept watch lists, for concerns handled before they existed: the same
  // grant (Queries and BatchWriteItem), idempotent too.
  const watchLists = await backfillWatchLists(deps.store, {
    now: deps.now(),
    log: (line) => console.log(line),
  });
  console.log(JSON.stringify({ level: "info", msg: "watch lists backfill", ...watchLists }));
  return { ...summary, watchLists };
}
