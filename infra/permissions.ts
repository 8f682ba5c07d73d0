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
  // sessions, staff accounts, idempotency records, rate-limit peeks, settings
  "dynamodb:GetItem",
  // a submission's gate (idempotency record and rate window); dashboards' counter shards and
  // per-person names; concerns by ledger number; the ledger audit
  "dynamodb:BatchGetItem",
  // partitions (directory, a concern with its events) and the queues and months on gsi1–gsi4
  "dynamodb:Query",
  // sessions, access log, notices, outbox; transaction Puts (concern, events, audit, idempotency)
  "dynamodb:PutItem",
  // the ledger number's ADD, rate-limit counters, sessions, inbox reads; transaction Updates
  // (metrics, the submission's rate-window hit)
  "dynamodb:UpdateItem",
  // transaction ConditionChecks: a concern's number has no void, a void's number no concern
  "dynamodb:ConditionCheckItem",
] as const;

/**
 * The escalation job's DynamoDB actions: read the directory, calendar, rotation plans and the
 * town queue (Query/GetItem), and commit each concern's change with its counters, notice draft
 * and outbox items, and a rotation's group holders (Puts and Updates in transactions); audit
 * the ledger numbers (BatchGetItem of the counter, its audit and the numbers past it; a void's
 * Put with its ConditionCheck; the audit's UpdateItem).
 */
export const JOB_TABLE_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:ConditionCheckItem",
  // The word index (store AP-TI1): each concern's term postings and summary, after commit.
  "dynamodb:BatchWriteItem",
] as const;

/**
 * The export worker's DynamoDB actions: read its job (GetItem), the directory and the months
 * of concerns (Query), and step the job on (UpdateItem, conditional). It writes nothing else.
 */
export const EXPORT_WORKER_TABLE_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:Query",
  "dynamodb:UpdateItem",
] as const;

/**
 * The "我的诉求" backfill's DynamoDB actions: read the months of concerns (Query on gsi4) and
 * put their index items (BatchWriteItem of Puts). Nothing else.
 */
export const BACKFILL_TABLE_ACTIONS = ["dynamodb:Query", "dynamodb:BatchWriteItem"] as const;

/**
 * The SMS sender's DynamoDB actions: find due, stale and pending messages (Query on gsi1),
 * claim and settle each (UpdateItem, conditional), count the town's and each phone's caps
 * (UpdateItem on rate windows), and tell admin that sending paused (PutItem, an inbox item).
 * An urgent alert names a department: the sender reads the directory (Query, cached) and the
 * head's staff account for its phone (GetItem, AP-S2) when it sends.
 */
export const SMS_SENDER_TABLE_ACTIONS = [
  "dynamodb:Query",
  "dynamodb:GetItem",
  "dynamodb:UpdateItem",
  "dynamodb:PutItem",
] as const;

/**
 * The upload processor's DynamoDB actions (issue 15): read the upload's record and the claim
 * (GetItem), record the processed file (PutItem, conditional) and step the upload on
 * (UpdateItem), and attach a file whose submission claimed it before its processing finished
 * in one transaction with its claim (`TransactWriteItems` of Puts and Updates). Nothing that
 * queries, scans or deletes.
 *
 * `dynamodb:TransactWriteItems` is listed although IAM authorises a transaction per contained
 * action (see API_TABLE_ACTIONS): it grants nothing by itself, and states the use.
 */
export const UPLOAD_PROCESSOR_TABLE_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:UpdateItem",
  "dynamodb:PutItem",
  "dynamodb:TransactWriteItems",
  // Attaching reads the concern's partition (AP-C2: its files, for the 10-photo limit).
  "dynamodb:Query",
] as const;

/**
 * The upload processor's S3 actions, per prefix of the files bucket (storage.ts): read and
 * then delete the upload; write its outputs under `staged/`; and, when a submission claimed
 * the photo before its processing finished, attach it as the API would (use-cases/files/
 * attach-upload.ts): copy it from `staged/` (GetObject) to `files/` (PutObject), then delete
 * the staged copy. Nothing else: no listing, no other prefix.
 */
export const UPLOAD_PROCESSOR_FILE_ACTIONS = {
  uploads: ["s3:GetObject", "s3:DeleteObject"],
  staged: ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"],
  files: ["s3:PutObject"],
} as const satisfies Record<string, readonly string[]>;

/**
 * The API function's S3 actions on attachments (issue 15), per prefix, beside the exports'
 * (API_FILE_ACTIONS): sign the browsers' presigned POSTs under `uploads/` (a presigned
 * request acts with the signer's rights: PutObject); move a claimed file from `staged/` to
 * `files/` (GetObject and DeleteObject there, PutObject here) and sign 5-minute links to
 * `files/` (GetObject); copy an approved "after" photo to `public/`, which the public site's
 * CDN serves (PutObject).
 */
export const API_ATTACHMENT_FILE_ACTIONS = {
  uploads: ["s3:PutObject"],
  staged: ["s3:GetObject", "s3:DeleteObject"],
  files: ["s3:PutObject", "s3:GetObject"],
  public: ["s3:PutObject"],
} as const satisfies Record<string, readonly string[]>;

/**
 * The escalation job's S3 actions: it retries attaching claimed photos whose move failed in
 * the request, i.e. the same move from `staged/` to `files/`.
 */
export const JOB_FILE_ACTIONS = {
  staged: ["s3:GetObject", "s3:DeleteObject"],
  files: ["s3:PutObject"],
} as const satisfies Record<string, readonly string[]>;

/** The export worker writes the file; the API presigns its link (API_FILE_ACTIONS). */
export const EXPORT_WORKER_FILE_ACTIONS = ["s3:PutObject"] as const;

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

/** Allows `actions` on the objects under `prefix` only (one per statement), never the whole bucket. */
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
