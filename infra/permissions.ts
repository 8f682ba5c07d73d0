import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as s3 from "aws-cdk-lib/aws-s3";

/**
 * The DynamoDB actions the API function performs, and why (store access patterns in
 * packages/store). Transactions are authorised per contained action (Put → PutItem,
 * Update → UpdateItem, ConditionCheck → ConditionCheckItem); there is no IAM action for
 * TransactWriteItems itself. Add an action here only with the code path that needs it.
 */
export const API_TABLE_ACTIONS = [
  // ping, idempotency records, rate-limit peeks
  "dynamodb:GetItem",
  // dashboards: the rankings' counter items and the per-person names, by key
  "dynamodb:BatchGetItem",
  // directory and concern-with-events partitions; staff queues on the GSIs later
  "dynamodb:Query",
  // transaction Puts: concern, first event, ledger number, idempotency record
  "dynamodb:PutItem",
  // transaction Updates and rate-limit counters
  "dynamodb:UpdateItem",
] as const;

/**
 * The escalation job's DynamoDB actions: read the directory, calendar and queues
 * (Query/GetItem), and commit each concern's change with its counters, notice draft and
 * outbox items (PutItem/UpdateItem in one transaction).
 */
export const JOB_TABLE_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:Query",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
] as const;

/** Allows `actions` on this table and its indexes only: never `dynamodb:*`, never `*`. */
export function tableAccess(
  table: dynamodb.ITable,
  actions: readonly string[],
): iam.PolicyStatement {
  return new iam.PolicyStatement({
    effect: iam.Effect.ALLOW,
    actions: [...actions],
    resources: [table.tableArn, `${table.tableArn}/index/*`],
  });
}

/**
 * The S3 actions the API function performs on the file bucket: write a large ledger export
 * and presign its download link (a presigned GET acts with the signer's rights).
 */
export const API_FILE_ACTIONS = ["s3:PutObject", "s3:GetObject"] as const;

/** Allows `actions` on the objects under `prefix` only (the exports), never the whole bucket. */
export function bucketPrefixAccess(
  bucket: s3.IBucket,
  prefix: string,
  actions: readonly string[],
): iam.PolicyStatement {
  return new iam.PolicyStatement({
    effect: iam.Effect.ALLOW,
    actions: [...actions],
    resources: [bucket.arnForObjects(`${prefix}*`)],
  });
}
