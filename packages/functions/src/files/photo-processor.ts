import {
  checkPdf,
  checkPixels,
  displayFileName,
  type FileRefusal,
  type FileType,
  MAX_INPUT_PIXELS,
  PHOTO_MAX_EDGE,
  SNIFF_BYTES,
  screenUpload,
  THUMBNAIL_EDGE,
  type UploadPurpose,
} from "@lianxin/core";
import type { Sharp, SharpOptions } from "sharp";
import { lazy } from "../lazy.js";

/**
 * The photo and file processor of issue 15 (server only): what an upload becomes before
 * anything is recorded. Checks the kind from the bytes (core's `screenUpload`), refuses a
 * decompression bomb from its header before decoding, and re-encodes a photo: EXIF
 * orientation applied, ALL metadata dropped (EXIF with GPS and maker notes, XMP, IPTC, ICC,
 * comments: sharp writes none unless told to with `withMetadata`/`keepExif`/`keepIccProfile`,
 * which this file never calls), at most 2048 px on the long side (never enlarged), JPEG, plus
 * a 400 px thumbnail. A PDF is checked for its header and end and passed through as it is.
 *
 * sharp (libvips, a native add-on of about 20 MB) is loaded on the first photo, by dynamic
 * import, so that no bundle that merely names this module (the API's) carries or loads it.
 */

/** JPEG quality of the full-size photo: ~300–600 KB at 2048 px for a phone photo. */
export const PHOTO_JPEG_QUALITY = 82;
/** JPEG quality of the thumbnail (~20–40 KB at 400 px). */
export const THUMBNAIL_JPEG_QUALITY = 75;

/** What the processor is given: the upload's bytes and what the sender said of them. */
export interface UploadedFile {
  purpose: UploadPurpose;
  /** The file's name as the sender gave it. */
  name: string;
  /** The MIME type the sender declared; may be empty. */
  declaredType: string;
  bytes: Uint8Array;
}

export interface ProcessedImage {
  bytes: Buffer;
  contentType: "image/jpeg";
  width: number;
  height: number;
}

export type ProcessedUpload =
  | {
      ok: true;
      kind: "photo";
      /** What was sent: its kind, stored size in pixels (before orientation) and bytes. */
      source: { type: FileType; width: number; height: number; bytes: number };
      image: ProcessedImage;
      thumbnail: ProcessedImage;
    }
  | { ok: true; kind: "pdf"; file: { bytes: Uint8Array; contentType: "application/pdf" } }
  | { ok: false; refusal: FileRefusal };

const loadSharp = lazy(async () => {
  const { default: sharp } = await import("sharp");
  // One image per invocation: libvips' operation cache would only hold memory.
  sharp.cache(false);
  return sharp;
});

/**
 * How sharp reads an upload. `failOn: "error"` refuses a truncated or corrupt file (the
 * default "warning" would also refuse the many phone JPEGs that carry a harmless libjpeg
 * warning such as extraneous bytes before a marker); `limitInputPixels` is the second guard
 * against a bomb, after the header check; `sequentialRead` lets libvips stream the decode.
 */
const INPUT: SharpOptions = {
  failOn: "error",
  limitInputPixels: MAX_INPUT_PIXELS,
  sequentialRead: true,
};

/** Processes one upload: a refusal saying why, or what to store. */
export async function processUpload(file: UploadedFile): Promise<ProcessedUpload> {
  const name = displayFileName(file.name);
  const screened = screenUpload({
    purpose: file.purpose,
    name: file.name,
    declaredType: file.declaredType,
    size: file.bytes.length,
    head: file.bytes.subarray(0, SNIFF_BYTES),
  });
  if (!screened.ok) return screened;
  if (screened.kind === "pdf") {
    const refusal = checkPdf(name, file.bytes);
    if (refusal) return { ok: false, refusal };
    return { ok: true, kind: "pdf", file: { bytes: file.bytes, contentType: "application/pdf" } };
  }
  return processPhoto(name, screened.type, file.bytes);
}

async function processPhoto(name: string, type: FileType, bytes: Uint8Array) {
  const sharp = await loadSharp();
  const corrupt: ProcessedUpload = { ok: false, refusal: { reason: "corrupt", name } };
  // The header only: the stored size, before any pixel is decoded. Without the pixel limit
  // here (sharp applies it to the header too), so that a bomb is told apart from a broken
  // file and its message can give the size it claims.
  let width: number;
  let height: number;
  try {
    const metadata = await sharp(bytes, { ...INPUT, limitInputPixels: false }).metadata();
    // libvips' own reading of the kind must agree with the magic numbers.
    if (metadata.format !== type) return corrupt;
    width = metadata.width;
    height = metadata.height;
  } catch {
    return corrupt;
  }
  const tooLarge = checkPixels(name, width, height);
  if (tooLarge) return { ok: false, refusal: tooLarge } satisfies ProcessedUpload;
  try {
    const image = await encode(
      sharp(bytes, INPUT).autoOrient(),
      PHOTO_MAX_EDGE,
      PHOTO_JPEG_QUALITY,
      true,
    );
    // From the processed photo: a 2048 px JPEG decodes in a few milliseconds (shrink-on-load).
    const thumbnail = await encode(
      sharp(image.bytes, INPUT),
      THUMBNAIL_EDGE,
      THUMBNAIL_JPEG_QUALITY,
      false,
    );
    return {
      ok: true,
      kind: "photo",
      source: { type, width, height, bytes: bytes.length },
      image,
      thumbnail,
    } satisfies ProcessedUpload;
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) {
      return {
        ok: false,
        refusal: { reason: "too_many_pixels", name, width, height, maxPixels: MAX_INPUT_PIXELS },
      } satisfies ProcessedUpload;
    }
    // Truncated or corrupt data, found while decoding.
    return corrupt;
  }
}

/**
 * Fits the image inside `edge` × `edge` (never enlarged), flattens any transparency onto
 * white (a screenshot's transparent parts would otherwise turn black) and writes a JPEG in
 * sRGB with no metadata at all.
 */
async function encode(
  pipeline: Sharp,
  edge: number,
  quality: number,
  progressive: boolean,
): Promise<ProcessedImage> {
  const { data, info } = await pipeline
    .resize({ width: edge, height: edge, fit: "inside", withoutEnlargement: true })
    .flatten({ background: "#ffffff" })
    .jpeg({ quality, progressive })
    .toBuffer({ resolveWithObject: true });
  return { bytes: data, contentType: "image/jpeg", width: info.width, height: info.height };
}
