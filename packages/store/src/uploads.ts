import type {
  ConcernFile,
  FileRefusal,
  ProcessedFile,
  UploadId,
  UploadRecord,
  UploadState,
} from "@lianxin/core";
import { cancellationReasons } from "./concerns.js";
import {
  type StoreContext,
  stripKeys,
  type TransactItem,
  unlessConditionFails,
} from "./context.js";
import { keys } from "./keys.js";
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "./sdk.js";

/**
 * Uploads and the files they become (issue 15; README, "Photos and evidence files"). An
 * upload's item lives from signing until two days later (TTL): long enough for the processor
 * and the claim, never the record of anything (the file item is). A file is an item in its
 * concern's partition, read with the concern (AP-C2).
 */

/** An upload item is kept this long after it is signed (TTL), claimed or not. */
export const UPLOAD_ITEM_TTL_SECONDS = 2 * 86_400;

function uploadItem(record: UploadRecord) {
  const { expiresAt, ledgerNo, claimedAt, ...rest } = record;
  return {
    ...keys.upload(record.uploadId),
    entity: "upload",
    ...rest,
    // The table's TTL attribute is `expiresAt` (epoch seconds): the POST's expiry is kept
    // under its own name.
    signedUntil: expiresAt,
    expiresAt: Math.floor(Date.parse(record.issuedAt) / 1000) + UPLOAD_ITEM_TTL_SECONDS,
    // Absent until known, so that a claim can ask `attribute_not_exists(ledgerNo)`.
    ...(ledgerNo
      ? { ledgerNo, claimedAt, ...attachLane(claimedAt ?? record.issuedAt, record) }
      : {}),
  };
}

/** Index gsi1: uploads on a concern whose file is not attached yet (the job retries them). */
function attachLane(claimedAt: string, record: Pick<UploadRecord, "uploadId">) {
  return { gsi1pk: keys.uploadsToAttach, gsi1sk: `${claimedAt}#${record.uploadId}` };
}

export function uploadRecordOf(item: Record<string, unknown>): UploadRecord {
  const { signedUntil, ...rest } = stripKeys<Record<string, unknown>>(item);
  return {
    ...(rest as unknown as UploadRecord),
    expiresAt: String(signedUntil),
    ledgerNo: (item.ledgerNo as string | undefined) ?? null,
    claimedAt: (item.claimedAt as string | undefined) ?? null,
    refusal: (item.refusal as FileRefusal | undefined) ?? null,
    processed: (item.processed as ProcessedFile | undefined) ?? null,
  };
}

/** AP-U1: a newly signed upload (PutItem on a new key). */
export async function putUpload(ctx: StoreContext, record: UploadRecord): Promise<void> {
  await ctx.client.send(
    new PutCommand({
      TableName: ctx.tableName,
      Item: uploadItem(record),
      ConditionExpression: "attribute_not_exists(pk)",
    }),
  );
}

/** AP-U2: an upload by id (GetItem, consistent). */
export async function getUpload(
  ctx: StoreContext,
  uploadId: UploadId,
): Promise<UploadRecord | null> {
  const result = await ctx.client.send(
    new GetCommand({ TableName: ctx.tableName, Key: keys.upload(uploadId), ConsistentRead: true }),
  );
  return result.Item ? uploadRecordOf(result.Item) : null;
}

/**
 * AP-U3: the processor's verdict, once (conditional on `issued`). Answers the record as it is
 * after the write (ALL_NEW), so the processor learns in the same request whether a submission
 * claimed the upload meanwhile (then it attaches the file itself); null if it was judged
 * already (a redelivered event).
 */
export async function recordUploadVerdict(
  ctx: StoreContext,
  uploadId: UploadId,
  verdict: { processed: ProcessedFile } | { refusal: FileRefusal },
): Promise<UploadRecord | null> {
  const refused = "refusal" in verdict;
  const result = await unlessConditionFails(
    ctx.client.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: keys.upload(uploadId),
        UpdateExpression: refused
          ? "SET #state = :state, #verdict = :v REMOVE gsi1pk, gsi1sk"
          : "SET #state = :state, #verdict = :v",
        ConditionExpression: "attribute_exists(pk) AND #state = :issued",
        // `processed` is one of DynamoDB's reserved words.
        ExpressionAttributeNames: {
          "#state": "state",
          "#verdict": refused ? "refusal" : "processed",
        },
        ExpressionAttributeValues: {
          ":state": (refused ? "refused" : "processed") satisfies UploadState,
          ":issued": "issued" satisfies UploadState,
          ":v": refused ? verdict.refusal : verdict.processed,
        },
        ReturnValues: "ALL_NEW",
      }),
    ),
  );
  return result?.Attributes ? uploadRecordOf(result.Attributes) : null;
}

/**
 * AP-U4, inside AP-C1: a submission claims an upload its form made, in its own transaction.
 * Only the same form's key (its hash), only an upload no concern holds, not refused, and
 * either processed or still within its POST's validity (else its file can no longer come).
 */
export function claimUploadItem(
  ctx: StoreContext,
  claim: { uploadId: UploadId; formKeyHash: string; ledgerNo: string; now: Date },
): TransactItem {
  const claimedAt = claim.now.toISOString();
  const lane = attachLane(claimedAt, claim);
  return {
    Update: {
      TableName: ctx.tableName,
      Key: keys.upload(claim.uploadId),
      UpdateExpression:
        "SET ledgerNo = :ledgerNo, claimedAt = :at, gsi1pk = :lane, gsi1sk = :laneSort",
      ConditionExpression:
        "attribute_exists(pk) AND formKeyHash = :form AND attribute_not_exists(ledgerNo) AND " +
        "(#state = :processed OR (#state = :issued AND signedUntil > :at))",
      ExpressionAttributeNames: { "#state": "state" },
      ExpressionAttributeValues: {
        ":ledgerNo": claim.ledgerNo,
        ":at": claimedAt,
        ":lane": lane.gsi1pk,
        ":laneSort": lane.gsi1sk,
        ":form": claim.formKeyHash,
        ":processed": "processed" satisfies UploadState,
        ":issued": "issued" satisfies UploadState,
      },
    },
  };
}

/**
 * AP-U5: attach a processed upload's file to its concern: the file item (a new key) and the
 * upload marked `attached` (off the attach lane), in one transaction. "already" when another
 * run attached it first (the processor and the submission may both try).
 */
export async function attachUploadedFile(
  ctx: StoreContext,
  file: ConcernFile,
): Promise<"attached" | "already"> {
  try {
    await ctx.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: ctx.tableName,
              Item: { ...keys.concernFile(file.ledgerNo, file.fileId), entity: "file", ...file },
              ConditionExpression: "attribute_not_exists(pk)",
            },
          },
          {
            Update: {
              TableName: ctx.tableName,
              Key: keys.upload(file.fileId),
              UpdateExpression: "SET #state = :attached REMOVE gsi1pk, gsi1sk",
              ConditionExpression: "#state = :processed AND ledgerNo = :ledgerNo",
              ExpressionAttributeNames: { "#state": "state" },
              ExpressionAttributeValues: {
                ":attached": "attached" satisfies UploadState,
                ":processed": "processed" satisfies UploadState,
                ":ledgerNo": file.ledgerNo,
              },
            },
          },
        ],
      }),
    );
    return "attached";
  } catch (error) {
    const reasons = cancellationReasons(error);
    if (reasons?.[0] === "ConditionalCheckFailed") return "already";
    throw error;
  }
}

/**
 * AP-U6: an upload on a concern that may not be attached (over the concern's photo limit):
 * refused with its reason, off the attach lane.
 */
export async function refuseClaimedUpload(
  ctx: StoreContext,
  uploadId: UploadId,
  refusal: FileRefusal,
): Promise<void> {
  await unlessConditionFails(
    ctx.client.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: keys.upload(uploadId),
        UpdateExpression: "SET #state = :refused, refusal = :refusal REMOVE gsi1pk, gsi1sk",
        ConditionExpression: "#state = :processed",
        ExpressionAttributeNames: { "#state": "state" },
        ExpressionAttributeValues: {
          ":refused": "refused" satisfies UploadState,
          ":processed": "processed" satisfies UploadState,
          ":refusal": refusal,
        },
      }),
    ),
  );
}

/**
 * AP-U7: uploads on a concern, not yet attached, that landed on the lane before `before`
 * (Query index gsi1, oldest first, at most `limit`): the job attaches those whose processing
 * finished but whose attaching failed.
 */
export async function listUploadsToAttach(
  ctx: StoreContext,
  before: string,
  limit = 100,
): Promise<UploadRecord[]> {
  const result = await ctx.client.send(
    new QueryCommand({
      TableName: ctx.tableName,
      IndexName: "gsi1",
      KeyConditionExpression: "gsi1pk = :lane AND gsi1sk < :before",
      ExpressionAttributeValues: { ":lane": keys.uploadsToAttach, ":before": before },
      Limit: limit,
    }),
  );
  return (result.Items ?? []).map(uploadRecordOf);
}

/**
 * AP-U8: an upload whose POST expired before any file came, taken off the attach lane
 * (conditional on still `issued`): nothing will ever be attached for it.
 */
export async function dropExpiredUpload(ctx: StoreContext, uploadId: UploadId): Promise<void> {
  await unlessConditionFails(
    ctx.client.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: keys.upload(uploadId),
        UpdateExpression: "REMOVE gsi1pk, gsi1sk",
        ConditionExpression: "#state = :issued",
        ExpressionAttributeNames: { "#state": "state" },
        ExpressionAttributeValues: { ":issued": "issued" satisfies UploadState },
      }),
    ),
  );
}
