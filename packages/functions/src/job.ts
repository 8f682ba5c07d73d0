import { readConfig } from "./config.js";
import { createDeps } from "./deps.js";
import { loadSecrets } from "./secrets.js";
import { runEscalationJob } from "./use-cases/escalation-job.js";

/**
 * AWS Lambda entry for the escalation Cron (every few minutes). Deps are built once per
 * container, after the bound secrets are read from SSM (secrets.ts).
 */
let deps: Promise<ReturnType<typeof createDeps>> | undefined;

async function start() {
  await loadSecrets();
  return createDeps(readConfig());
}

export async function handler() {
  deps ??= start().catch((error: unknown) => {
    deps = undefined;
    throw error;
  });
  const summary = await runEscalationJob(await deps);
  console.log(JSON.stringify({ level: "info", msg: "escalation job", ...summary }));
  return summary;
}
