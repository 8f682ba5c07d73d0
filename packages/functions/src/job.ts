import { readJobConfig, residentKey } from "./config.js";
import { createDeps, type Deps } from "./deps.js";
import { loadSecrets } from "./secrets.js";
import { runEscalationJob } from "./use-cases/monitoring/escalation-job.js";

/**
 * AWS Lambda entry for the escalation Cron (every few minutes). Deps are built once per
 * container, at the first run. Its one secret is the resident key: the word index's terms
 * are keyed with it (a key of its own would make terms the API's queries never find), so
 * its absence fails the run rather than index under a random key.
 */
let deps: Deps | undefined;

export async function handler() {
  if (!deps) {
    await loadSecrets();
    deps = createDeps(readJobConfig(), { residentKey: residentKey(process.env) });
  }
  const summary = await runEscalationJob(deps);
  console.log(JSON.stringify({ level: "info", msg: "escalation job", ...summary }));
  return summary;
}
