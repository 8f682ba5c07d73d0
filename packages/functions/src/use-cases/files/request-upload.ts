import {
  type Actor,
  type AttachmentStage,
  attachRefusal,
  type ConcernFile,
  ConcernUploadRequest,
  DomainError,
  type FileRefusal,
  fileRefusalMessage,
  formKeyHash,
  issueUpload,
  mayPerform,
  PHOTOS_LINK_SECONDS,
  pinnedContentType,
  StaffUploadRequest,
  screenUploadRequest,
  signLinkToken,
  UPLOAD_RULES,
  UploadId,
  type UploadPurpose,
  UploadRequest,
  type UploadStatus,
  type UploadTicket,
  uploadIdFromBytes,
  uploadStatus,
} from "@lianxin/core";
import type { Deps } from "../../deps.js";
import { uploadKey } from "../../files/file-keys.js";
import type { StaffAuth } from "../accounts/session.js";
import { authenticateResident, type ResidentKey } from "../concerns/resident-access.js";
import { loadVisible } from "../concerns/staff-concerns.js";
import { parseInput } from "../parse.js";

/**
 * How long a signed POST works: a phone posting while the resident types needs minutes; a
 * plain form on the receipt page waits while the resident finds the photo, so it gets an hour
 * (its confirming link lasts as long).
 */
export const UPLOAD_POST_SECONDS = { script: 15 * 60, form: PHOTOS_LINK_SECONDS } as const;

/** The page of the public site a plain form's photo leads back to (with a photos token). */
export const PHOTO_SENT_PATH = "/photos/sent";

/**
 * 上传照片 before the concern exists: the browser asks while the resident types, naming the
 * form (its Idempotency-Key); the submission then claims the uploads in its own transaction.
 * Counted against the client address's hourly upload allowance (not the submission's).
 */
export async function requestFormUpload(
  deps: Deps,
  request: { body: unknown; clientAddress: string },
): Promise<UploadTicket> {
  const input = parseInput(UploadRequest, request.body);
  if (!input.formKey) {
    throw new DomainError("validation_failed", {
      fields: {
        formKey: {
          kind: "invalid",
          message: { "zh-CN": "缺少表单标识", en: "The form's key is missing" },
        },
      },
    });
  }
  refuseEarly("resident_photo", input);
  await spendUploadAllowance(deps, request.clientAddress);
  return signUpload(deps, {
    purpose: "resident_photo",
    stage: "submission",
    input,
    uploadedBy: RESIDENT,
    formKeyHash: formKeyHash(input.formKey),
    ledgerNo: null,
    redirect: null,
  });
}

/**
 * A photo for an existing concern: the receipt page's plain forms (`form: true`: the POST
 * leads back to the public site with a photos token) or 补充情况. The resident proves the
 * concern as for tracking (access code, session, a link; a photos token too). At most 10
 * of the resident's photos on a concern.
 */
export async function requestConcernUpload(
  deps: Deps,
  request: { key: ResidentKey; body: unknown },
): Promise<UploadTicket & { photosToken: string }> {
  const { form, stage, ...input } = parseInput(ConcernUploadRequest, request.body);
  refuseEarly("resident_photo", input);
  const { concern } = await authenticateResident(deps, request.key, ["track", "rate", "photos"]);
  const found = await deps.store.getConcernWithEvents(concern.ledgerNo);
  refuseOverLimit(input.name, found?.files ?? []);
  await spendUploadAllowance(deps, request.key.clientAddress);
  const photosToken = signLinkToken(
    {
      purpose: "photos",
      ledgerNo: concern.ledgerNo,
      expiresAt: new Date(deps.now().getTime() + PHOTOS_LINK_SECONDS * 1000),
    },
    deps.residentKey,
  );
  const ticket = await signUpload(deps, {
    purpose: "resident_photo",
    stage: stage ?? "submission",
    input,
    uploadedBy: RESIDENT,
    formKeyHash: null,
    ledgerNo: concern.ledgerNo,
    redirect: form ? photoSentUrl(deps, photosToken) : null,
  });
  return { ...ticket, photosToken };
}

/**
 * A cadre's evidence for an answer or a note (photos; PDFs up to 20 MB: 资金文件, 会议纪要),
 * uploaded before the action is sent, by whoever may take that action on the concern now.
 * It is bound to the concern at once and attached when processed; the action's event names
 * it. The resident sees an answer's photos once the answer is given, never a note's.
 */
export async function requestStaffUpload(
  deps: Deps,
  auth: StaffAuth,
  ledgerNo: string,
  body: unknown,
): Promise<UploadTicket> {
  const { stage, ...input } = parseInput(StaffUploadRequest, body);
  refuseEarly("staff_evidence", input);
  const { concern } = await loadVisible(deps, auth, ledgerNo);
  if (!mayPerform(auth.user, stage, concern)) throw new DomainError("forbidden");
  return signUpload(deps, {
    purpose: "staff_evidence",
    stage,
    input,
    uploadedBy: { kind: "staff", id: auth.user.id, name: auth.user.name },
    formKeyHash: null,
    ledgerNo: concern.ledgerNo,
    redirect: null,
  });
}

const RESIDENT: Actor = { kind: "resident", id: null, name: null };

/** A size or declared kind that cannot be taken: refused before anything is signed. */
function refuseEarly(purpose: UploadPurpose, input: UploadRequest) {
  const refusal = screenUploadRequest(purpose, input);
  if (refusal) throw refusedFile(refusal);
}

function refuseOverLimit(name: string, files: readonly ConcernFile[]) {
  const refusal = attachRefusal({ purpose: "resident_photo", name }, files);
  if (refusal) throw refusedFile(refusal);
}

/**
 * A refused file as the API's one error: 400 with the field `file` saying, in the caller's
 * language, what is wrong with which file (core's fileRefusalMessage), and the reason's code.
 */
export function refusedFile(refusal: FileRefusal): DomainError {
  return new DomainError("validation_failed", {
    fields: { file: { kind: "invalid", message: fileRefusalMessage(refusal) } },
    details: { reason: refusal.reason },
  });
}

async function spendUploadAllowance(deps: Deps, clientAddress: string) {
  const rule = { scope: "upload", limit: deps.limits.uploadsPerHour, windowSeconds: 3600 };
  const state = await deps.store.consumeRateLimit(rule, clientAddress, deps.now());
  if (!state.allowed) {
    throw new DomainError("rate_limited", { retryAfterSeconds: state.retryAfterSeconds });
  }
}

function photoSentUrl(deps: Deps, photosToken: string): string {
  if (!deps.publicSiteUrl) {
    throw new DomainError("unavailable", { retryAfterSeconds: 300 });
  }
  return `${deps.publicSiteUrl}${PHOTO_SENT_PATH}?t=${encodeURIComponent(photosToken)}`;
}

/** Records the upload, then signs its POST: a record never lacks for a POST that works. */
async function signUpload(
  deps: Deps,
  args: {
    purpose: UploadPurpose;
    stage: AttachmentStage;
    input: UploadRequest;
    uploadedBy: Actor;
    formKeyHash: string | null;
    ledgerNo: string | null;
    redirect: string | null;
  },
): Promise<UploadTicket> {
  const uploadId = uploadIdFromBytes(deps.randomBytes(16));
  const expiresInSeconds = args.redirect ? UPLOAD_POST_SECONDS.form : UPLOAD_POST_SECONDS.script;
  const record = issueUpload({
    uploadId,
    purpose: args.purpose,
    stage: args.stage,
    request: args.input,
    uploadedBy: args.uploadedBy,
    formKeyHash: args.formKeyHash,
    ledgerNo: args.ledgerNo,
    now: deps.now(),
    expiresInSeconds,
  });
  await deps.store.putUpload(record);
  const maxBytes = UPLOAD_RULES[args.purpose].maxBytes;
  const contentType = pinnedContentType(args.purpose, args.input.contentType);
  const post = await deps.files.presignUpload({
    key: uploadKey(uploadId),
    contentType,
    maxBytes,
    expiresInSeconds,
    ...(args.redirect ? { successRedirect: args.redirect } : {}),
  });
  return {
    uploadId,
    url: post.url,
    fields: post.fields,
    expiresAt: record.expiresAt,
    maxBytes,
    contentType,
  };
}

/** How an upload fared (its id, 128 random bits, is the only credential: nothing personal). */
export async function getUploadStatus(deps: Deps, uploadId: string): Promise<UploadStatus> {
  const parsed = UploadId.safeParse(uploadId);
  const upload = parsed.success ? await deps.store.getUpload(parsed.data) : null;
  if (!upload) throw new DomainError("not_found");
  return uploadStatus(upload);
}
