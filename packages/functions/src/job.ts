import { readJobConfig } from "./config.js";
import { createDeps, type Deps } from "./deps.js";
import { runEscalationJob } from "./use-cases/monitoring/escalation-job.js";

/**
 * AWS Lambda entry for the escalation Cron (every few minutes). Deps are built once per
 * container, at the first run. The job has no secrets: it signs no sessions.
 */
let deps: Deps | undefined;

export async function handler() {
  deps ??= createDeps(readJobConfig());
  const summary = await runEscalationJob(deps);
  console.log(JSON.stringify({ level: "info", msg: "escalation job", ...summary }));
  return summary;
}
