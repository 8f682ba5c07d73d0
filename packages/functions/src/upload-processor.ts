import type { S3Event } from "aws-lambda";
import { readJobConfig } from "./config.js";
import { createDeps, type Deps } from "./deps.js";
import { UPLOADS_PREFIX } from "./files/file-store.js";
import { processUploadedObject } from "./use-cases/files/uploaded-object.js";

/**
 * An S3 event's object key as stored: notifications URL-encode it, with `+` for a space
 * (`uploads/a+b%2B.jpg` is `uploads/a b+.jpg`).
 */
export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, " "));
}

/**
 * AWS Lambda entry of the upload processor: the files bucket invokes it asynchronously for
 * each object created under `uploads/` (`UPLOADS_PREFIX`, where the browsers' presigned POSTs
 * land; infra/storage.ts). Like the job it signs no sessions and binds no secret;
 * it needs the table and the bucket (`TABLE_NAME`, `FILES_BUCKET`), built once per container.
 *
 * The records are processed one after another (each photo may take a few hundred MB while
 * decoded). A record that fails is logged and the others still run; the first failure is then
 * rethrown, so that Lambda's asynchronous retry (twice) runs the event again: processing an
 * upload is idempotent (its outputs' keys derive from the upload's key, its items are
 * conditional), so the records that succeeded come to no harm.
 */
let deps: Deps | undefined;

export async function handler(event: S3Event): Promise<void> {
  deps ??= createDeps(readJobConfig());
  const bucket = process.env.FILES_BUCKET;
  const failures: unknown[] = [];
  for (const record of event.Records ?? []) {
    const key = decodeS3Key(record.s3.object.key);
    const from = record.s3.bucket.name;
    if (!key.startsWith(UPLOADS_PREFIX) || (bucket && from !== bucket)) {
      log("info", "upload processor: not an upload, ignored", { bucket: from, key });
      continue;
    }
    try {
      await processUploadedObject(deps, key);
    } catch (error) {
      failures.push(error);
      log("error", "upload processor: failed", {
        key,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  if (failures.length > 0) throw failures[0];
}

function log(level: "info" | "error", msg: string, fields: Record<string, unknown>): void {
  const line = JSON.stringify({ level, msg, ...fields });
  if (level === "error") console.error(line);
  else console.log(line);
}
