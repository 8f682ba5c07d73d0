import { readConfig } from "./config.js";
import { createDeps } from "./deps.js";
import { runEscalationJob } from "./use-cases/escalation-job.js";

/** AWS Lambda entry for the escalation Cron (every few minutes). */
let deps: ReturnType<typeof createDeps> | undefined;

export async function handler() {
  deps ??= createDeps(readConfig());
  const summary = await runEscalationJob(deps);
  console.log(JSON.stringify({ level: "info", msg: "escalation job", ...summary }));
  return summary;
}
