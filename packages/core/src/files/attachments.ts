import { createHash } from "node:crypto";
import * as z from "zod/mini";
// Types only: concern.ts leads (through the actions) back to this module.
import type { Actor } from "../concern/concern.js";
import { cleanText } from "../text/hygiene.js";
import { EVIDENCE_ACTIONS, type EvidenceAction } from "../vocabulary.js";
import { type FileType, fileTypeOfMime, fileTypeOfName } from "./file-types.js";
import {
  checkPhotoCount,
  displayFileName,
  type FileRefusal,
  fileRefusalMessage,
  type LocalizedMessage,
  PHOTOS_PER_SUBMISSION,
  UPLOAD_RULES,
  type UploadPurpose,
} from "./uploads.js";

/**
 * Photos and evidence files on a concern (issue 15): the upload's record from the moment the
 * API signs it until its file is attached, and the attached file. Pure: ids and times come
 * from the caller. How a file travels (presigned POST, processor, `staged/` → `files/`) is in
 * packages/functions/README.md, "Photos".
 */

/** An upload's id: `u` and 22 characters of base64url (16 random bytes). Also the file's id. */
export const UploadId = z.string().check(z.regex(/^u[A-Za-z0-9_-]{22}$/));
export type UploadId = z.infer<typeof UploadId>;

export function uploadIdFromBytes(bytes: Uint8Array): UploadId {
  if (bytes.length < 16) throw new RangeError("an upload id needs 16 random bytes");
  return `u${Buffer.from(bytes.subarray(0, 16)).toString("base64url")}`;
}

/** What a file is for: with the submission, a resident's 补充情况, a cadre's answer or note. */
export const AttachmentStage = z.enum(["submission", "message", "answer", "note"]);
export type AttachmentStage = z.infer<typeof AttachmentStage>;

/**
 * What a browser asks for before it uploads: the file's name, declared type and size as the
 * phone sees them (after shrinking). Checked here before anything is signed; the file store
 * refuses a different size or type, and the processor judges the bytes.
 */
export const UploadRequest = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200), cleanText()),
  contentType: z.string().check(z.trim(), z.maxLength(100), cleanText()),
  size: z.number().check(z.int(), z.positive()),
  /**
   * The submission form's Idempotency-Key: an upload made before its concern exists is
   * bound to the form that will name it, and only that submission can claim it.
   */
  formKey: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{8,128}$/))),
});
export type UploadRequest = z.infer<typeof UploadRequest>;

/**
 * How an upload remembers its form: the SHA-256 of the form's Idempotency-Key (the key itself,
 * which replays a submission, is never stored beside the upload).
 */
export function formKeyHash(formKey: string): string {
  return createHash("sha256").update(`upload-form:${formKey}`).digest("base64url");
}

/** Where the browser posts the file: a presigned POST (S3's, or the local store's copy). */
export interface UploadTicket {
  uploadId: UploadId;
  url: string;
  /** Form fields to send before the file (the file goes last, as field `file`). */
  fields: Record<string, string>;
  expiresAt: string;
  maxBytes: number;
  /** The type the policy pins: the `Content-Type` field carries it. */
  contentType: string;
}

/**
 * The declared kind must be one the purpose takes: a refusal before signing, in the same
 * words the processor would use. Size over the limit, HEIC, or a kind not taken. A declared
 * type that names nothing (`application/octet-stream`, a plain form's) is taken: the bytes
 * decide later.
 */
export function screenUploadRequest(
  purpose: UploadPurpose,
  request: Pick<UploadRequest, "name" | "contentType" | "size">,
): FileRefusal | null {
  const name = displayFileName(request.name);
  const rule = UPLOAD_RULES[purpose];
  if (request.size > rule.maxBytes) {
    return { reason: "too_large", name, bytes: request.size, maxBytes: rule.maxBytes };
  }
  const claimed: FileType | null =
    fileTypeOfMime(request.contentType) ?? fileTypeOfName(request.name);
  if (claimed === "heic") return { reason: "heic", name };
  if (claimed !== null && !rule.types.includes(claimed)) {
    return { reason: "unsupported_type", name, detected: claimed, purpose };
  }
  return null;
}

/** The `Content-Type` an upload's policy pins: the declared one if it names a taken kind. */
export function pinnedContentType(purpose: UploadPurpose, contentType: string): string {
  const claimed = fileTypeOfMime(contentType);
  return claimed !== null && UPLOAD_RULES[purpose].types.includes(claimed)
    ? contentType.trim().toLowerCase()
    : "application/octet-stream";
}

/** An upload's life: signed, then processed or refused by the processor, then attached. */
export const UploadState = z.enum(["issued", "processed", "refused", "attached"]);
export type UploadState = z.infer<typeof UploadState>;

/** What the processor made of an upload (the stored output, never the bytes as sent). */
export interface ProcessedFile {
  kind: "photo" | "pdf";
  contentType: string;
  bytes: number;
  width: number | null;
  height: number | null;
  /** A photo has a thumbnail; a PDF has none. */
  thumbnailBytes: number | null;
  processedAt: string;
}

/** 上传记录: one upload, from signing to attaching. */
export interface UploadRecord {
  uploadId: UploadId;
  purpose: UploadPurpose;
  stage: AttachmentStage;
  /** The name shown in messages (as given, cleaned), and the declared type and size. */
  name: string;
  declaredType: string;
  declaredSize: number;
  issuedAt: string;
  /** When the signed POST stops working. */
  expiresAt: string;
  uploadedBy: Actor;
  /** The submission form's key (hashed), for uploads made before the concern exists. */
  formKeyHash: string | null;
  /** The concern: known when signed (an existing concern) or when claimed (a new one). */
  ledgerNo: string | null;
  claimedAt: string | null;
  state: UploadState;
  refusal: FileRefusal | null;
  processed: ProcessedFile | null;
}

/** The record of a newly signed upload. */
export function issueUpload(args: {
  uploadId: UploadId;
  purpose: UploadPurpose;
  stage: AttachmentStage;
  request: Pick<UploadRequest, "name" | "contentType" | "size">;
  uploadedBy: Actor;
  formKeyHash: string | null;
  ledgerNo: string | null;
  now: Date;
  expiresInSeconds: number;
}): UploadRecord {
  return {
    uploadId: args.uploadId,
    purpose: args.purpose,
    stage: args.stage,
    name: displayFileName(args.request.name),
    declaredType: args.request.contentType,
    declaredSize: args.request.size,
    issuedAt: args.now.toISOString(),
    expiresAt: new Date(args.now.getTime() + args.expiresInSeconds * 1000).toISOString(),
    uploadedBy: { kind: args.uploadedBy.kind, id: args.uploadedBy.id, name: args.uploadedBy.name },
    formKeyHash: args.formKeyHash,
    ledgerNo: args.ledgerNo,
    claimedAt: args.ledgerNo ? args.now.toISOString() : null,
    state: "issued",
    refusal: null,
    processed: null,
  };
}

/**
 * 附件: a file on a concern. Stored as its own item beside the concern (never inside it), so
 * attaching, which may happen after the submission when processing finishes late, records who
 * added it and when without changing the concern's version. Its id is its upload's.
 */
export interface ConcernFile {
  fileId: UploadId;
  ledgerNo: string;
  purpose: UploadPurpose;
  stage: AttachmentStage;
  kind: "photo" | "pdf";
  name: string;
  contentType: string;
  bytes: number;
  width: number | null;
  height: number | null;
  hasThumbnail: boolean;
  addedBy: Actor;
  addedAt: string;
  /** When the upload was signed (the resident's or cadre's act; `addedAt` is when it landed). */
  uploadedAt: string;
}

/** The file an upload becomes once its processed output is on the concern. */
export function attachedFile(
  upload: UploadRecord & { processed: ProcessedFile },
  ledgerNo: string,
  now: Date,
): ConcernFile {
  return {
    fileId: upload.uploadId,
    ledgerNo,
    purpose: upload.purpose,
    stage: upload.stage,
    kind: upload.processed.kind,
    name: upload.name,
    contentType: upload.processed.contentType,
    bytes: upload.processed.bytes,
    width: upload.processed.width,
    height: upload.processed.height,
    hasThumbnail: upload.processed.thumbnailBytes !== null,
    addedBy: upload.uploadedBy,
    addedAt: now.toISOString(),
    uploadedAt: upload.issuedAt,
  };
}

/** The resident's own photos on a concern (the 10-photo limit counts these). */
export function residentPhotos(files: readonly ConcernFile[]): ConcernFile[] {
  return files.filter((f) => f.purpose === "resident_photo");
}

/**
 * What the resident sees: their own photos, and, once the concern is answered, the cadre's
 * photos given with an answer ("after" photos; uploaded before the answer is sent, so not
 * before). Notes' evidence and PDFs (资金文件, 会议纪要) stay with staff.
 */
export function filesForResident(
  files: readonly ConcernFile[],
  concern: { answeredAt: string | null },
): ConcernFile[] {
  return sortedFiles(
    files.filter(
      (f) =>
        f.purpose === "resident_photo" ||
        (concern.answeredAt !== null &&
          f.purpose === "staff_evidence" &&
          f.stage === "answer" &&
          f.kind === "photo"),
    ),
  );
}

/** Oldest first, as a history reads. */
export function sortedFiles(files: readonly ConcernFile[]): ConcernFile[] {
  return [...files].sort(
    (a, b) => a.addedAt.localeCompare(b.addedAt) || a.fileId.localeCompare(b.fileId),
  );
}

/**
 * A refusal if attaching one more resident photo would pass the concern's limit (10), or a
 * submission names more than 3. Staff evidence has no count limit.
 */
export function attachRefusal(
  upload: Pick<UploadRecord, "purpose" | "name">,
  onConcern: readonly ConcernFile[],
): FileRefusal | null {
  if (upload.purpose !== "resident_photo") return null;
  return checkPhotoCount(upload.name, {
    inSubmission: 0,
    onConcern: residentPhotos(onConcern).length,
  });
}

/** A submission's (or 补充情况's) photos: distinct upload ids, at most 3. */
export const AttachedUploads = z.array(UploadId).check(
  z.maxLength(PHOTOS_PER_SUBMISSION),
  z.refine((ids) => new Set(ids).size === ids.length, "同一照片重复 (a photo is named twice)"),
);

/** How long a link to a file works (issue 15): minutes, issued after the concern's checks. */
export const FILE_LINK_SECONDS = 5 * 60;

/** A file as a page shows it: what it is, who added it when, and short-lived links. */
export interface FileView {
  fileId: UploadId;
  kind: "photo" | "pdf";
  stage: AttachmentStage;
  /** The resident's, or a cadre's ("after" photos, evidence). */
  by: "resident" | "staff";
  /** The cadre's name, for staff; never for the resident's view. */
  byName: string | null;
  name: string;
  addedAt: string;
  width: number | null;
  height: number | null;
  bytes: number;
  /** The photo (shown inline) or the PDF (a download only). */
  url: string;
  thumbnailUrl: string | null;
  /** When the links stop working: a page older than this asks again. */
  linksExpireAt: string;
}

/** Everything of a file's view but its links: the resident's view names no cadre. */
export function fileViewBase(
  file: ConcernFile,
  audience: "resident" | "staff",
): Omit<FileView, "url" | "thumbnailUrl" | "linksExpireAt"> {
  const byStaff = file.purpose === "staff_evidence";
  return {
    fileId: file.fileId,
    kind: file.kind,
    stage: file.stage,
    by: byStaff ? "staff" : "resident",
    byName: audience === "staff" && byStaff ? file.addedBy.name : null,
    name: file.name,
    addedAt: file.addedAt,
    width: file.width,
    height: file.height,
    bytes: file.bytes,
  };
}

/**
 * A resident's photo for an existing concern: the receipt page's plain forms (`form`: the
 * file store leads back to the public site's confirming page) or 补充情况 (`stage`).
 */
export const ConcernUploadRequest = z.extend(z.omit(UploadRequest, { formKey: true }), {
  form: z.optional(z.boolean()),
  stage: z.optional(z.enum(["submission", "message"])),
});
export type ConcernUploadRequest = z.infer<typeof ConcernUploadRequest>;

/** A cadre's evidence file for an answer or a note (photos, and PDFs up to 20 MB). */
export const StaffUploadRequest = z.extend(z.omit(UploadRequest, { formKey: true }), {
  stage: z.enum(EVIDENCE_ACTIONS),
});
export type StaffUploadRequest = z.infer<typeof StaffUploadRequest>;

/** The evidence files an answer or a note names (uploaded for it beforehand). */
export const EVIDENCE_FILES_PER_ACTION = 10;
export const EvidenceFiles = z.array(UploadId).check(
  z.maxLength(EVIDENCE_FILES_PER_ACTION),
  z.refine((ids) => new Set(ids).size === ids.length, "同一文件重复 (a file is named twice)"),
);

/**
 * Whether an answer or a note may name this upload as its evidence: a cadre's upload for this
 * concern and this action, not refused (still processing is fine: it attaches when done).
 */
export function usableEvidence(
  upload: UploadRecord | null,
  ledgerNo: string,
  stage: EvidenceAction,
): boolean {
  return (
    upload?.purpose === "staff_evidence" &&
    upload.ledgerNo === ledgerNo &&
    upload.stage === stage &&
    upload.state !== "refused"
  );
}

/** How an upload fared, for the page that sent it: no link, no concern, no personal data. */
export interface UploadStatus {
  uploadId: UploadId;
  /** `waiting`: the file has not arrived or is being processed. */
  state: "waiting" | "processed" | "refused" | "attached";
  refusal: { reason: FileRefusal["reason"]; message: LocalizedMessage } | null;
}

export function uploadStatus(upload: UploadRecord): UploadStatus {
  return {
    uploadId: upload.uploadId,
    state: upload.state === "issued" ? "waiting" : upload.state,
    refusal: upload.refusal
      ? { reason: upload.refusal.reason, message: fileRefusalMessage(upload.refusal) }
      : null,
  };
}

/** Why a submission cannot claim a named upload; null when it can. */
export type ClaimProblem = "missing" | "other_form" | "refused" | "taken" | "expired";

/**
 * Whether the submission of the form whose key hashes to `formHash` may claim this upload:
 * its own, on no concern yet, not refused, and processed or still within its POST's validity.
 * The same rule as the claim's condition in the transaction (store AP-U4), checked first so
 * that a refused submission reserves no number.
 */
export function claimProblem(
  upload: UploadRecord | null,
  formHash: string,
  now: Date,
): ClaimProblem | null {
  if (!upload) return "missing";
  if (upload.formKeyHash !== formHash) return "other_form";
  if (upload.ledgerNo) return "taken";
  if (upload.state === "refused") return "refused";
  if (upload.state === "issued" && upload.expiresAt <= now.toISOString()) return "expired";
  return upload.state === "processed" || upload.state === "issued" ? null : "taken";
}
