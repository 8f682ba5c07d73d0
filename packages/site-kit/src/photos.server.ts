// Core's photo limits and refusal words (issue 15) for the sites' server code. Server-only:
// core's index also holds Node-only code, so a browser island gets these from its page as
// props (`photoRules`) instead of importing them.
import {
  fileRefusalMessage,
  PHOTO_MAX_EDGE,
  PHOTOS_PER_SUBMISSION,
  RESIDENT_PHOTOS_PER_CONCERN,
  THUMBNAIL_EDGE,
  UPLOAD_RULES,
} from "@lianxin/core";
import type { Locale } from "./locale.js";

/** What the phone checks before sending a resident's photo: core's figures and words. */
export interface PhotoRules {
  /** The most bytes a photo may have as sent. */
  maxBytes: number;
  /** Photos per submission (or per 补充情况 message). */
  perSubmission: number;
  /** Photos from the resident on one concern. */
  perConcern: number;
  /** The long side the phone shrinks a photo to, in pixels. */
  maxEdge: number;
  /**
   * Core's refusals the phone makes itself, with `{name}` where the file's name goes (filled
   * with site-kit's `format`): a HEIC the browser cannot read, one photo too many.
   */
  words: { heic: string; tooMany: string };
}

const NAME = "{name}";

export function photoRules(locale: Locale): PhotoRules {
  const pick = (m: { "zh-CN": string; en: string }) => (locale === "en" ? m.en : m["zh-CN"]);
  return {
    maxBytes: UPLOAD_RULES.resident_photo.maxBytes,
    perSubmission: PHOTOS_PER_SUBMISSION,
    perConcern: RESIDENT_PHOTOS_PER_CONCERN,
    maxEdge: PHOTO_MAX_EDGE,
    words: {
      heic: pick(fileRefusalMessage({ reason: "heic", name: NAME })),
      tooMany: pick(
        fileRefusalMessage({
          reason: "too_many_photos",
          name: NAME,
          scope: "submission",
          limit: PHOTOS_PER_SUBMISSION,
        }),
      ),
    },
  };
}

/** A refusal's message in the page's language. */
export function localMessage(message: { "zh-CN": string; en: string }, locale: Locale): string {
  return locale === "en" ? message.en : message["zh-CN"];
}

/** A thumbnail's width and height (core's THUMBNAIL_EDGE on the long side, never enlarged). */
export function thumbnailSize(
  width: number | null,
  height: number | null,
): { width: number; height: number } | null {
  if (!width || !height) return null;
  const scale = Math.min(1, THUMBNAIL_EDGE / Math.max(width, height));
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}
