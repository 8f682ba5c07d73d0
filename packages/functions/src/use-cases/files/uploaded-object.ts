import { type ProcessedFile, UPLOAD_RULES } from "@lianxin/core";
import type { Deps } from "../../deps.js";
import { stagedKeys, uploadIdOfKey } from "../../files/file-keys.js";
import { processUpload } from "../../files/photo-processor.js";
import { attachUpload } from "./attach-upload.js";

/**
 * The processor (issue 15): a file landed under `uploads/` (an S3 event on AWS; the local
 * store's listener here). Judges the bytes (core's rules; sharp re-encodes a photo with no
 * metadata, a PDF is checked and kept as it is), writes the output under `staged/`, records
 * the verdict on the upload (AP-U3) and deletes what was sent. When a submission claimed the
 * upload before this finished, attaches the file now. A redelivered event finds the verdict
 * made and only tidies up.
 */
export async function processUploadedObject(deps: Deps, key: string): Promise<void> {
  const uploadId = uploadIdOfKey(key);
  if (!uploadId) {
    console.warn(JSON.stringify({ level: "warn", msg: "not an upload key, left alone", key }));
    return;
  }
  const upload = await deps.store.getUpload(uploadId);
  if (upload?.state !== "issued") {
    // Never signed, expired from the table, or judged already: what was sent is not kept.
    await deps.files.remove(key);
    if (upload?.state === "processed") await attachUpload(deps, upload);
    return;
  }
  const sent = await deps.files.read(key, UPLOAD_RULES[upload.purpose].maxBytes);
  if (!sent) return; // Deleted meanwhile by an earlier delivery of the same event.
  const result = await processUpload({
    purpose: upload.purpose,
    name: upload.name,
    declaredType: upload.declaredType,
    bytes: sent.bytes,
  });
  if (!result.ok) {
    await deps.store.recordUploadVerdict(uploadId, { refusal: result.refusal });
    await deps.files.remove(key);
    return;
  }
  const staged = stagedKeys(uploadId, result.kind);
  const processedAt = deps.now().toISOString();
  let processed: ProcessedFile;
  if (result.kind === "photo") {
    await deps.files.put(staged.main, result.image.bytes, result.image.contentType);
    if (staged.thumbnail) {
      await deps.files.put(staged.thumbnail, result.thumbnail.bytes, result.thumbnail.contentType);
    }
    processed = {
      kind: "photo",
      contentType: result.image.contentType,
      bytes: result.image.bytes.byteLength,
      width: result.image.width,
      height: result.image.height,
      thumbnailBytes: result.thumbnail.bytes.byteLength,
      processedAt,
    };
  } else {
    await deps.files.put(staged.main, result.file.bytes, result.file.contentType);
    processed = {
      kind: "pdf",
      contentType: result.file.contentType,
      bytes: result.file.bytes.byteLength,
      width: null,
      height: null,
      thumbnailBytes: null,
      processedAt,
    };
  }
  const after = await deps.store.recordUploadVerdict(uploadId, { processed });
  await deps.files.remove(key);
  if (after?.ledgerNo) await attachUpload(deps, after);
}
