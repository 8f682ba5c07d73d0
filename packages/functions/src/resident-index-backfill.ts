import { readJobConfig, residentKey } from "./config.js";
import { createDeps } from "./deps.js";
import { loadSecrets } from "./secrets.js";
import { backfillResidentIndex } from "./use-cases/concerns/resident-index-backfill.js";

/**
 * AWS Lambda entry of the "我的诉求" backfill, run by the deployment (an SST Script, on create
 * and on every update): lists the concerns of the last two years under their phone's key.
 * Idempotent; it binds the resident key, which keys the index.
 */
export async function handler() {
  await loadSecrets();
  const deps = createDeps(readJobConfig());
  const summary = await backfillResidentIndex(deps.store, residentKey(process.env), {
    now: deps.now(),
    log: (line) => console.log(line),
  });
  console.log(JSON.stringify({ level: "info", msg: "resident index backfill", ...summary }));
  return summary;
}
