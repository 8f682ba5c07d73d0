// Files on a concern (issue 15) as the concern page shows them, and the evidence files an answer
// or a note names. Pure: the page renders from these, its server code reads the posted form with
// them, and the upload script (components/EvidenceUpload.astro) is told the same limits.
import { EVIDENCE_ACTIONS, type EvidenceAction, type StaffConcernView } from "@lianxin/contract";
import type { MessageKey } from "../i18n/messages";

/** A file on the concern as the API shows it to staff (core FileView), links signed for minutes. */
export type FileView = StaffConcernView["files"][number];

/** The actions that take evidence files (uploaded beforehand for that stage): the API's list. */
export { EVIDENCE_ACTIONS, type EvidenceAction } from "@lianxin/contract";

export function takesEvidence(type: string): type is EvidenceAction {
  return (EVIDENCE_ACTIONS as readonly string[]).includes(type);
}

/** The form field that carries the upload ids (one hidden input per file). */
export const EVIDENCE_FIELD = "evidenceFiles";

/** As core's EVIDENCE_FILES_PER_ACTION and UPLOAD_RULES.staff_evidence (the API decides). */
export const EVIDENCE_MAX_FILES = 10;
export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;
/** What the file picker offers: photos (JPEG, PNG, WebP) and PDFs. */
export const EVIDENCE_ACCEPT =
  "image/jpeg,image/png,image/webp,application/pdf,.jpg,.jpeg,.png,.webp,.pdf";

/** An upload's id as the API makes them (`u` and 22 base64url characters). */
const UPLOAD_ID = /^u[A-Za-z0-9_-]{22}$/;

export function isUploadId(value: unknown): value is string {
  return typeof value === "string" && UPLOAD_ID.test(value);
}

type FormLike = { getAll(name: string): FormDataEntryValue[] };

/**
 * The upload ids posted with an answer or a note: each hidden input's value (a comma-separated
 * list is taken too), well-formed ones only, each once, at most ten. The API checks that they are
 * this concern's uploads for that stage.
 */
export function readEvidenceFiles(form: FormLike): string[] {
  const ids: string[] = [];
  for (const entry of form.getAll(EVIDENCE_FIELD)) {
    if (typeof entry !== "string") continue;
    for (const part of entry.split(",")) {
      const id = part.trim();
      if (isUploadId(id) && !ids.includes(id)) ids.push(id);
    }
  }
  return ids.slice(0, EVIDENCE_MAX_FILES);
}

/** The stages in the order the page shows them, with their headings. */
export const STAGE_ORDER: readonly { stage: FileView["stage"]; label: MessageKey }[] = [
  { stage: "submission", label: "files.stage.submission" },
  { stage: "message", label: "files.stage.message" },
  { stage: "answer", label: "files.stage.answer" },
  { stage: "note", label: "files.stage.note" },
];

export interface FileGroup {
  stage: FileView["stage"];
  label: MessageKey;
  photos: FileView[];
  pdfs: FileView[];
}

/** The concern's files by stage (in the order above), photos and PDFs apart, oldest first. */
export function groupFiles(files: readonly FileView[] | null | undefined): FileGroup[] {
  const sorted = [...(files ?? [])].sort((a, b) => a.addedAt.localeCompare(b.addedAt));
  return STAGE_ORDER.map(({ stage, label }) => {
    const here = sorted.filter((f) => f.stage === stage);
    return {
      stage,
      label,
      photos: here.filter((f) => f.kind === "photo"),
      pdfs: here.filter((f) => f.kind === "pdf"),
    };
  }).filter((g) => g.photos.length + g.pdfs.length > 0);
}

/** The long side of the API's thumbnails (core THUMBNAIL_EDGE). */
const THUMBNAIL_EDGE = 400;

/**
 * The thumbnail's own size from the photo's (never enlarged), for the <img>'s width and height
 * attributes, so the page keeps its layout while thumbnails load; null when the API gave none.
 */
export function thumbnailSize(
  file: Pick<FileView, "width" | "height">,
): { width: number; height: number } | null {
  const { width, height } = file;
  if (!width || !height || width <= 0 || height <= 0) return null;
  const scale = Math.min(1, THUMBNAIL_EDGE / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/** "850 KB", "2.4 MB" (MiB, as phones and browsers show them). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** A link the API gave as an http(s) URL, or null (never a `javascript:` or data URL). */
export function safeFileHref(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}
