import { Cron, type StackContext, use } from "sst/constructs";
import { JOB_TABLE_ACTIONS, tableAccess } from "./permissions.js";
import { personTaggerFiles } from "./person-tagger.js";
import { StorageStack } from "./storage.js";

/** Lambda handler of the escalation and follow-up job (packages/functions/src/job.ts). */
export const JOB_HANDLER = "packages/functions/src/job.handler";
/** How often the job runs: it is idempotent, so a missed or doubled run does no harm. */
export const JOB_SCHEDULE = "rate(5 minutes)";

/**
 * The escalation job as a Cron: reminders at 80 % of a limit, overdue records and
 * supervision, the inspectors' list, no-rating strike-offs. It gets only the table actions
 * it uses: no secret (it signs no sessions, see `readJobConfig`) and no bucket.
 */
export function JobsStack({ stack }: StackContext) {
  const { table } = use(StorageStack);
  const cron = new Cron(stack, "EscalationJob", {
    schedule: JOB_SCHEDULE,
    job: {
      function: {
        handler: JOB_HANDLER,
        timeout: 120,
        // It strikes off and drafts notices, which masks: jieba goes in its package.
        copyFiles: personTaggerFiles(),
        environment: { TABLE_NAME: table.tableName },
      },
    },
  });
  cron.jobFunction.attachPermissions([tableAccess(table, JOB_TABLE_ACTIONS)]);
  return { cron };
}
