import * as z from "zod/mini";
import {
  FILE_TYPE_MIME,
  type FileType,
  fileTypeOfMime,
  fileTypeOfName,
  sniffFileType,
} from "./file-types.js";

/**
 * What files the portal takes, their limits, and why one is refused (issue 15). Pure: the
 * processor (packages/functions/src/files/photo-processor.ts) calls these with what it read
 * from the bytes, and the sites and the upload policy use the same figures.
 */

/** Who sends the file and for what: a resident's photo, or a cadre's evidence (answer, note). */
export const UploadPurpose = z.enum(["resident_photo", "staff_evidence"]);
export type UploadPurpose = z.infer<typeof UploadPurpose>;

/** 1 MB as the limits and the messages count it (MiB: what phones and browsers show as MB). */
export const MB = 1024 * 1024;

export const PHOTO_TYPES = ["jpeg", "png", "webp"] as const satisfies readonly FileType[];

/** Per purpose: the kinds accepted and the most bytes a file may have as sent. */
export const UPLOAD_RULES: Record<UploadPurpose, { types: readonly FileType[]; maxBytes: number }> =
  {
    resident_photo: { types: PHOTO_TYPES, maxBytes: 10 * MB },
    staff_evidence: { types: [...PHOTO_TYPES, "pdf"], maxBytes: 20 * MB },
  };

/** Photos a resident may attach to one submission (or one 补充情况 message). */
export const PHOTOS_PER_SUBMISSION = 3;
/** Photos from the resident on one concern, over all its submissions and messages. */
export const RESIDENT_PHOTOS_PER_CONCERN = 10;

/** The long side of a processed photo, in pixels (never enlarged). */
export const PHOTO_MAX_EDGE = 2048;
/** The long side of its thumbnail. */
export const THUMBNAIL_EDGE = 400;

/**
 * The most pixels a photo may claim before it is decoded: 64 Mi (67,108,864). Every phone
 * camera up to the 64 MP sensors fits (9248 × 6936 is 64.1 M; the common 50 MP sensors
 * write 8192 × 6144 = 50.3 M, just over a 50-million limit); a decompression bomb claims
 * far more (50,000 × 50,000 is 2.5 G) in a file of a few kilobytes. Checked from the header
 * and given to sharp as `limitInputPixels`, so nothing past it is ever decoded.
 */
export const MAX_INPUT_PIXELS = 64 * 1024 * 1024;

/** A file refused, with what the message needs. `name` is the file's name as shown. */
export type FileRefusal =
  | { reason: "empty"; name: string }
  | { reason: "too_large"; name: string; bytes: number; maxBytes: number }
  /** Not a kind accepted for the purpose; `detected` is what the bytes are, if known. */
  | { reason: "unsupported_type"; name: string; detected: FileType | null; purpose: UploadPurpose }
  | { reason: "heic"; name: string }
  /** The bytes are one kind, the name or the declared type another. */
  | { reason: "mismatch"; name: string; detected: FileType; claimed: FileType }
  | { reason: "too_many_pixels"; name: string; width: number; height: number; maxPixels: number }
  /** Truncated, corrupt or undecodable. */
  | { reason: "corrupt"; name: string }
  | { reason: "too_many_photos"; name: string; scope: "submission" | "concern"; limit: number };

export type FileRefusalReason = FileRefusal["reason"];

export interface LocalizedMessage {
  "zh-CN": string;
  en: string;
}

/** Control characters (C0, DEL, C1) and the bidirectional marks, embeddings and isolates. */
const isInvisible = (code: number): boolean =>
  code <= 0x1f ||
  (code >= 0x7f && code <= 0x9f) ||
  code === 0x200e ||
  code === 0x200f ||
  (code >= 0x202a && code <= 0x202e) ||
  (code >= 0x2066 && code <= 0x2069);

/** The most characters of a file name a message repeats. */
const NAME_LIMIT = 60;

/**
 * A sender's file name as a message may show it: the last path segment (old browsers send
 * `C:\fakepath\…`), without control or bidirectional-override characters (which can make
 * `photo\u202Egpj.exe` read as `photoexe.jpg`), shortened in the middle past 60 characters.
 */
export function displayFileName(name: string): string {
  const base = name.split(/[/\\]/).at(-1) ?? "";
  const clean = [...base]
    .filter((c) => !isInvisible(c.codePointAt(0) ?? 0))
    .join("")
    .trim();
  const chars = [...clean];
  if (chars.length <= NAME_LIMIT) return clean;
  return `${chars.slice(0, NAME_LIMIT - 16).join("")}…${chars.slice(-15).join("")}`;
}

/** The kind's usual name in a message. */
const TYPE_LABEL: Record<FileType, string> = {
  jpeg: "JPEG",
  png: "PNG",
  webp: "WebP",
  gif: "GIF",
  heic: "HEIC",
  avif: "AVIF",
  tiff: "TIFF",
  bmp: "BMP",
  pdf: "PDF",
};

const megabytes = (bytes: number): string => {
  const value = bytes / MB;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} MB`;
};

/** What a resident or cadre reads when a file is refused; each names the file. */
export function fileRefusalMessage(refusal: FileRefusal): LocalizedMessage {
  const zhName = `「${refusal.name || "未命名文件"}」`;
  const enName = `"${refusal.name || "unnamed file"}"`;
  switch (refusal.reason) {
    case "empty":
      return {
        "zh-CN": `文件${zhName}是空的，请重新选择。`,
        en: `The file ${enName} is empty; please choose it again.`,
      };
    case "too_large":
      return {
        "zh-CN": `文件${zhName}有${megabytes(refusal.bytes)}，超过${megabytes(refusal.maxBytes)}的上限，请压缩或截图后再上传。`,
        en: `The file ${enName} is ${megabytes(refusal.bytes)}, over the limit of ${megabytes(refusal.maxBytes)}; please send a smaller version or a screenshot.`,
      };
    case "unsupported_type": {
      const zhWanted =
        refusal.purpose === "staff_evidence"
          ? "照片（JPEG、PNG、WebP）或PDF文件"
          : "JPEG、PNG或WebP格式的照片";
      const enWanted =
        refusal.purpose === "staff_evidence"
          ? "photos (JPEG, PNG, WebP) or PDF files"
          : "photos in JPEG, PNG or WebP format";
      const label = refusal.detected ? TYPE_LABEL[refusal.detected] : null;
      return {
        "zh-CN": label
          ? `文件${zhName}是${label}格式，无法接收，请上传${zhWanted}。`
          : `无法识别文件${zhName}的格式，请上传${zhWanted}。`,
        en: label
          ? `The file ${enName} is in ${label} format, which we cannot accept; please send ${enWanted}.`
          : `The format of the file ${enName} is not one we recognise; please send ${enWanted}.`,
      };
    }
    case "heic":
      return {
        "zh-CN": `照片${zhName}是HEIC格式，无法读取。请在手机“设置 > 相机 > 格式”中改为“兼容性最佳”，或截图后再上传。`,
        en: `The photo ${enName} is in HEIC format, which we cannot read. On an iPhone choose Settings > Camera > Formats > Most Compatible, or send a screenshot of it.`,
      };
    case "mismatch": {
      const detected = TYPE_LABEL[refusal.detected];
      const claimed = TYPE_LABEL[refusal.claimed];
      return {
        "zh-CN": `文件${zhName}的内容是${detected}格式，与文件名或类型（${claimed}）不符，请另存为正确的格式后再上传。`,
        en: `The file ${enName} contains ${detected} data but its name or type says ${claimed}; please save it in the right format and send it again.`,
      };
    }
    case "too_many_pixels": {
      const zhLimit = `${Math.floor(refusal.maxPixels / 10_000)}万`;
      const enLimit = `${Math.floor(refusal.maxPixels / 1_000_000)} million`;
      const size = `${refusal.width} × ${refusal.height}`;
      return {
        "zh-CN": `照片${zhName}的尺寸为${size}像素，超过${zhLimit}像素的上限，请缩小或截图后再上传。`,
        en: `The photo ${enName} measures ${size} pixels, over the limit of ${enLimit} pixels; please send a smaller version or a screenshot.`,
      };
    }
    case "corrupt":
      return {
        "zh-CN": `文件${zhName}已损坏或不完整（可能没有传完），请重新上传。`,
        en: `The file ${enName} is damaged or incomplete (perhaps it did not finish sending); please send it again.`,
      };
    case "too_many_photos":
      return refusal.scope === "submission"
        ? {
            "zh-CN": `照片${zhName}未能添加：每次最多附${refusal.limit}张照片。`,
            en: `The photo ${enName} was not added: at most ${refusal.limit} photos can be sent at a time.`,
          }
        : {
            "zh-CN": `照片${zhName}未能添加：每件诉求最多附${refusal.limit}张照片。`,
            en: `The photo ${enName} was not added: a concern can have at most ${refusal.limit} photos.`,
          };
  }
}

export interface UploadToScreen {
  purpose: UploadPurpose;
  /** The name the sender gave the file. */
  name: string;
  /** The MIME type the sender declared (`Content-Type` of the upload); may be empty. */
  declaredType: string;
  /** The file's size in bytes. */
  size: number;
  /** Its first bytes (at least `SNIFF_BYTES`, or the whole file if shorter). */
  head: Uint8Array;
}

export type ScreenedUpload =
  | { ok: true; type: FileType; contentType: string; kind: "photo" | "pdf" }
  | { ok: false; refusal: FileRefusal };

/**
 * The checks made before any decoding, in the order whose message helps most: empty, too
 * large, an unknown kind, HEIC (with how to send it), a kind not accepted for the purpose,
 * then bytes that disagree with the name's extension or the declared type (a PNG named
 * `.jpg`). A name without an extension and a declared type that names no kind (empty,
 * `application/octet-stream`) claim nothing and so disagree with nothing.
 */
export function screenUpload(upload: UploadToScreen): ScreenedUpload {
  const name = displayFileName(upload.name);
  const rule = UPLOAD_RULES[upload.purpose];
  const refuse = (refusal: FileRefusal): ScreenedUpload => ({ ok: false, refusal });
  if (upload.size === 0) return refuse({ reason: "empty", name });
  if (upload.size > rule.maxBytes) {
    return refuse({ reason: "too_large", name, bytes: upload.size, maxBytes: rule.maxBytes });
  }
  const detected = sniffFileType(upload.head);
  if (detected === "heic") return refuse({ reason: "heic", name });
  if (detected === null || !rule.types.includes(detected)) {
    return refuse({ reason: "unsupported_type", name, detected, purpose: upload.purpose });
  }
  for (const claimed of [fileTypeOfName(name), fileTypeOfMime(upload.declaredType)]) {
    if (claimed !== null && claimed !== detected) {
      return refuse({ reason: "mismatch", name, detected, claimed });
    }
  }
  return {
    ok: true,
    type: detected,
    contentType: FILE_TYPE_MIME[detected],
    kind: detected === "pdf" ? "pdf" : "photo",
  };
}

/** A refusal if a photo of `width` × `height` claims more pixels than may be decoded. */
export function checkPixels(name: string, width: number, height: number): FileRefusal | null {
  if (!(width > 0 && height > 0)) return { reason: "corrupt", name: displayFileName(name) };
  return width * height > MAX_INPUT_PIXELS
    ? {
        reason: "too_many_pixels",
        name: displayFileName(name),
        width,
        height,
        maxPixels: MAX_INPUT_PIXELS,
      }
    : null;
}

/** How far from the end a PDF's last `%%EOF` may be (trailing blank lines, a stray byte). */
const PDF_EOF_WINDOW = 1024;

/**
 * A refusal unless the bytes look like a whole PDF: `%PDF-1.x` or `%PDF-2.x` at the start
 * and `%%EOF` in the last kilobyte (a PDF cut off in transit lacks it). PDFs are stored as
 * they are and served as downloads, never rendered by us; this is a sanity check, not a
 * parser.
 */
export function checkPdf(name: string, bytes: Uint8Array): FileRefusal | null {
  const head = String.fromCharCode(...bytes.subarray(0, 8));
  const tail = String.fromCharCode(...bytes.subarray(Math.max(0, bytes.length - PDF_EOF_WINDOW)));
  return /^%PDF-[12]\.\d/.test(head) && tail.includes("%%EOF")
    ? null
    : { reason: "corrupt", name: displayFileName(name) };
}

/**
 * A refusal if one more resident photo would pass a limit: `inSubmission` photos already
 * in this submission (or message), `onConcern` already on the concern.
 */
export function checkPhotoCount(
  name: string,
  { inSubmission, onConcern }: { inSubmission: number; onConcern: number },
): FileRefusal | null {
  if (inSubmission >= PHOTOS_PER_SUBMISSION) {
    return {
      reason: "too_many_photos",
      name: displayFileName(name),
      scope: "submission",
      limit: PHOTOS_PER_SUBMISSION,
    };
  }
  if (onConcern >= RESIDENT_PHOTOS_PER_CONCERN) {
    return {
      reason: "too_many_photos",
      name: displayFileName(name),
      scope: "concern",
      limit: RESIDENT_PHOTOS_PER_CONCERN,
    };
  }
  return null;
}
