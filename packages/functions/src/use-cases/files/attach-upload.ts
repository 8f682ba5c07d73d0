import { attachedFile, attachRefusal, type UploadId, type UploadRecord } from "@lianxin/core";
import type { Deps } from "../../deps.js";
import { concernFileKeys, stagedKeys } from "../../files/file-keys.js";

/** How an attempt to put an upload's file on its concern ended. */
export type AttachOutcome = "attached" | "already" | "refused" | "waiting";

/**
 * Puts a processed upload's file on its concern: copies the processor's output from
 * `staged/` to the concern's `files/` place, then writes the file item with the upload
 * marked attached (AP-U5), then drops the staged copy. Safe to run twice, one after the other
 * or at once, from any of the three places that try (the processor when the claim came
 * first; the submission when processing came first; the job for what failed between): the
 * second finds the file, or loses the transaction's condition, or finds its staged copy gone
 * with the upload attached.
 * "waiting" while the upload has no concern or is not processed yet.
 */
export async function attachUpload(deps: Deps, upload: UploadRecord): Promise<AttachOutcome> {
  if (upload.state === "attached") return "already";
  if (upload.state === "refused") return "refused";
  const { ledgerNo, processed } = upload;
  if (!ledgerNo || upload.state !== "processed" || !processed) return "waiting";
  const found = await deps.store.getConcernWithEvents(ledgerNo);
  if (!found) return "waiting";
  if (found.files.some((f) => f.fileId === upload.uploadId)) return "already";
  const refusal = attachRefusal(upload, found.files);
  if (refusal) {
    await deps.store.refuseClaimedUpload(upload.uploadId, refusal);
    return "refused";
  }
  const file = attachedFile({ ...upload, processed }, ledgerNo, deps.now());
  const from = stagedKeys(upload.uploadId, file.kind);
  const to = concernFileKeys(file);
  try {
    await deps.files.copy(from.main, to.main);
    if (from.thumbnail && to.thumbnail) await deps.files.copy(from.thumbnail, to.thumbnail);
  } catch (error) {
    // Two runs at once (the submission's and the processor's): the first attached the file
    // and removed the staged copy under the second. Attached is what both wanted.
    const now = await deps.store.getUpload(upload.uploadId);
    if (now?.state === "attached") return "already";
    throw error;
  }
  const outcome = await deps.store.attachUploadedFile(file);
  // The lifecycle rule removes staged copies after a day anyway; this only tidies sooner.
  await Promise.all(
    [from.main, from.thumbnail].map((key) => (key ? deps.files.remove(key) : null)),
  ).catch(() => undefined);
  return outcome;
}

/**
 * After a submission's transaction claimed `uploadIds`: attach those already processed (the
 * processor attaches the rest when it finishes). Never fails the submission, which is
 * written: what fails here stays on the attach lane for the job (AP-U7).
 */
export async function attachClaimedUploads(
  deps: Deps,
  uploadIds: readonly UploadId[],
): Promise<void> {
  await Promise.all(
    uploadIds.map(async (uploadId) => {
      try {
        const upload = await deps.store.getUpload(uploadId);
        if (upload) await attachUpload(deps, upload);
      } catch (error) {
        console.warn(
          JSON.stringify({
            level: "warn",
            msg: "attach after claim failed; the job retries",
            uploadId,
            error: String(error),
          }),
        );
      }
    }),
  );
}

/** The job's pass waits this long after a claim, so it does not race the submission. */
const ATTACH_GRACE_MS = 2 * 60_000;

/**
 * The job's pass over uploads on a concern still unattached (AP-U7, oldest first): attach the
 * processed ones whose attaching failed; take off the lane those whose POST expired with no
 * file; leave the rest to the processor. Counts what it did.
 */
export async function attachWaitingUploads(
  deps: Deps,
): Promise<{ attached: number; expired: number; waiting: number; failed: number }> {
  const now = deps.now();
  const before = new Date(now.getTime() - ATTACH_GRACE_MS).toISOString();
  const summary = { attached: 0, expired: 0, waiting: 0, failed: 0 };
  for (const upload of await deps.store.listUploadsToAttach(before)) {
    try {
      if (upload.state === "issued" && upload.expiresAt < now.toISOString()) {
        await deps.store.dropExpiredUpload(upload.uploadId);
        summary.expired++;
        continue;
      }
      const outcome = await attachUpload(deps, upload);
      if (outcome === "waiting") summary.waiting++;
      else summary.attached++;
    } catch (error) {
      summary.failed++;
      console.warn(
        JSON.stringify({
          level: "warn",
          msg: "attach retry failed",
          uploadId: upload.uploadId,
          error: String(error),
        }),
      );
    }
  }
  return summary;
}
