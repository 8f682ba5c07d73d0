import { Cron, type StackContext, use } from "sst/constructs";
import { ApiStack } from "./api.js";
import {
  bucketPrefixAccess,
  JOB_FILE_ACTIONS,
  JOB_TABLE_ACTIONS,
  tableAccess,
} from "./permissions.js";
import { personTaggerFiles } from "./person-tagger.js";
import { FILES_PREFIX, STAGED_PREFIX, StorageStack } from "./storage.js";

/** Lambda handler of the escalation and follow-up job (packages/functions/src/job.ts). */
export const JOB_HANDLER = "packages/functions/src/job.handler";
/** How often the job runs: it is idempotent, so a missed or doubled run does no harm. */
export const JOB_SCHEDULE = "rate(5 minutes)";

/**
 * The escalation job as a Cron: reminders at 80 % of a limit, overdue records and
 * supervision, the inspectors' list, no-rating strike-offs, and attaching claimed photos
 * whose move from `staged/` to `files/` failed in the request, and the word index of new
 * concerns. It gets only the table actions it uses and that move on the bucket (FILES_BUCKET),
 * and one secret: the resident key, which keys the word index's terms (it signs no sessions,
 * see `readJobConfig`).
 */
export function JobsStack({ stack }: StackContext) {
  const { table, bucket } = use(StorageStack);
  const { secrets } = use(ApiStack);
  const cron = new Cron(stack, "EscalationJob", {
    schedule: JOB_SCHEDULE,
    job: {
      function: {
        handler: JOB_HANDLER,
        timeout: 120,
        // It strikes off and drafts notices, which masks: jieba goes in its package.
        copyFiles: personTaggerFiles(),
        environment: { TABLE_NAME: table.tableName, FILES_BUCKET: bucket.bucketName },
        // The word index's term keys (termKey under RESIDENT_KEY), as the API computes a query's.
        bind: [secrets.RESIDENT_KEY],
      },
    },
  });
  cron.jobFunction.attachPermissions([
    tableAccess(table, JOB_TABLE_ACTIONS),
    bucketPrefixAccess(bucket, STAGED_PREFIX, JOB_FILE_ACTIONS.staged),
    bucketPrefixAccess(bucket, FILES_PREFIX, JOB_FILE_ACTIONS.files),
  ]);
  return { cron };
}
