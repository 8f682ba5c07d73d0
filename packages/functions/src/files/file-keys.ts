import type { ConcernFile, UploadId } from "@lianxin/core";

/**
 * Where a photo or evidence file lives in the file store, from upload to the concern
 * (README, "Photos"). The bucket's rules follow these prefixes: nothing under `uploads/` is
 * served and it, like `staged/`, expires after a day; `files/` is read only through signed
 * links; `public/` is what the public site's CDN serves (approved notice photos).
 */

/** What the browser posts: the bytes as sent, which only the processor reads. */
export const uploadKey = (uploadId: UploadId) => `uploads/${uploadId}`;

/** The upload id of an `uploads/` key, or null for any other key. */
export function uploadIdOfKey(key: string): UploadId | null {
  const match = /^uploads\/(u[A-Za-z0-9_-]{22})$/.exec(key);
  return match ? (match[1] as UploadId) : null;
}

export interface FileVariantKeys {
  /** The processed photo (JPEG) or the PDF as sent. */
  main: string;
  /** A photo's 400 px thumbnail. */
  thumbnail: string | null;
}

function variants(base: string, kind: "photo" | "pdf"): FileVariantKeys {
  return kind === "photo"
    ? { main: `${base}/photo.jpg`, thumbnail: `${base}/thumbnail.jpg` }
    : { main: `${base}/evidence.pdf`, thumbnail: null };
}

/** The processor's output, waiting for its concern (expires after a day unclaimed). */
export const stagedKeys = (uploadId: UploadId, kind: "photo" | "pdf") =>
  variants(`staged/${uploadId}`, kind);

/** A file on its concern. */
export const concernFileKeys = (file: Pick<ConcernFile, "ledgerNo" | "fileId" | "kind">) =>
  variants(`files/${file.ledgerNo}/${file.fileId}`, file.kind);

/**
 * A notice's approved "after" photo and its thumbnail under `public/`, which the public
 * site's CDN serves (notices are cached: their photos need lasting URLs).
 */
export const noticePhotoKeys = (noticeId: string, fileId: string) => ({
  main: `public/notices/${noticeId}/${fileId}.jpg`,
  thumbnail: `public/notices/${noticeId}/${fileId}-thumb.jpg`,
});
