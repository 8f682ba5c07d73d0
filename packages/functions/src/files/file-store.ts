import type { Readable } from "node:stream";

/**
 * What a file store takes: bytes in memory, or a stream of known length (S3's PutObject
 * needs the length up front; the ledger export knows it, having written a temporary file).
 */
export type FileBody = Uint8Array | { stream: Readable; length: number };

export interface StoredFile {
  stream: Readable;
  size: number;
  contentType: string;
}

/** How a link's file is handed to the browser: saved ("attachment") or shown ("inline", <img>). */
export type FileDisposition = "inline" | "attachment";

/**
 * What a browser may upload straight to the store (issue 15): one object at `key`, of exactly
 * `contentType`, 1..`maxBytes` bytes, within `expiresInSeconds`; with `successRedirect`, the
 * store answers a successful upload with a 303 to it (a plain HTML form's way back).
 */
export interface UploadPolicy {
  key: string;
  contentType: string;
  maxBytes: number;
  expiresInSeconds: number;
  successRedirect?: string;
}

/**
 * A presigned POST: the browser (FormData, or an HTML form with hidden inputs) posts every
 * one of `fields`, then the file as the LAST field, named `file`, to `url` (S3's rule).
 */
export interface PresignedUpload {
  url: string;
  fields: Record<string, string>;
  /** ISO 8601: when the policy stops being accepted. */
  expiresAt: string;
}

/**
 * Where files go: a folder under `.data/` locally, an S3 bucket on AWS. Keys are relative
 * paths (`isFileKey`): `exports/<name>`, `uploads/<uploadId>`, `staged/<uploadId>/…`,
 * `files/<ledgerNo>/<fileId>/…`, `public/…`.
 */
export interface FileStore {
  put(key: string, body: FileBody, contentType: string): Promise<void>;
  /**
   * A short-lived download link; `downloadName` is the name the browser saves it under,
   * `disposition` (default "attachment") whether the browser saves or shows it.
   */
  link(
    key: string,
    expiresInSeconds: number,
    downloadName: string,
    disposition?: FileDisposition,
  ): Promise<string>;
  /** Reading back through the API: only where the store serves its own links (locally). */
  get?(key: string): Promise<StoredFile | null>;
  /** A presigned POST for one browser upload (see `UploadPolicy`). */
  presignUpload(policy: UploadPolicy): Promise<PresignedUpload>;
  /**
   * An object's bytes and type; null when absent. Throws `FileTooLargeError` when it is larger
   * than `maxBytes`, known before its body is read.
   */
  read(key: string, maxBytes: number): Promise<{ bytes: Uint8Array; contentType: string } | null>;
  /** Copies an object within the store (type kept). */
  copy(fromKey: string, toKey: string): Promise<void>;
  /** Removes an object; an absent one is no error. */
  remove(key: string): Promise<void>;
  /**
   * Where a `public/` object is served without signature: on AWS a path on the public site's
   * CDN (`/public/…`), locally an absolute URL of the local API.
   */
  publicUrl(key: string): string;
}

/** `read` of an object larger than it was allowed to be. */
export class FileTooLargeError extends Error {
  constructor(
    readonly key: string,
    readonly size: number,
    readonly maxBytes: number,
  ) {
    super(`${key} has ${size} bytes, more than ${maxBytes}`);
    this.name = "FileTooLargeError";
  }
}

/** The prefix under which exports live (the S3 bucket expires objects under it). */
export const EXPORTS_PREFIX = "exports/";
/** Browser uploads as sent, never served: `uploads/<uploadId>`. */
export const UPLOADS_PREFIX = "uploads/";
/** Processed uploads waiting to be claimed (expired after a day): `staged/<uploadId>/…`. */
export const STAGED_PREFIX = "staged/";
/** Claimed files of a concern: `files/<ledgerNo>/<fileId>/…`. */
export const FILES_PREFIX = "files/";
/** Served without signature (the public site's CDN): `public/…`. */
export const PUBLIC_PREFIX = "public/";

const KEY_PREFIXES = [EXPORTS_PREFIX, UPLOADS_PREFIX, STAGED_PREFIX, FILES_PREFIX, PUBLIC_PREFIX];
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/;

/** A segment of a key: letters, digits, `.`, `_`, `-`, starting with a letter or digit, no `..`. */
const isSegment = (segment: string) => SEGMENT.test(segment) && !segment.includes("..");

/**
 * A key this project writes: `<prefix>/<seg>(/<seg>){0,3}`, the prefix one of `exports`,
 * `uploads`, `staged`, `files`, `public`; nothing that could climb out of a folder.
 */
export function isFileKey(key: string): boolean {
  if (typeof key !== "string") return false;
  const prefix = KEY_PREFIXES.find((p) => key.startsWith(p));
  if (!prefix) return false;
  const segments = key.slice(prefix.length).split("/");
  return segments.length >= 1 && segments.length <= 4 && segments.every(isSegment);
}

/** A key's last segment, e.g. `exports/abc.xlsx` → `abc.xlsx`; keys are `exports/<name>` only. */
export function exportName(key: string): string | null {
  if (!key.startsWith(EXPORTS_PREFIX)) return null;
  const name = key.slice(EXPORTS_PREFIX.length);
  return isSegment(name) ? name : null;
}

/** `attachment; filename*=UTF-8''…` (RFC 6266 / 5987), with an ASCII fallback. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** `inline; filename*=UTF-8''…`: shown by the browser (an <img>), named if saved. */
export function inlineDisposition(fileName: string): string {
  return `inline; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The Content-Disposition of a link's answer. */
export function dispositionHeader(fileName: string, disposition: FileDisposition): string {
  return disposition === "inline" ? inlineDisposition(fileName) : contentDisposition(fileName);
}

/** One condition of a POST policy, as S3 (and `@aws-sdk/s3-presigned-post`) writes them. */
export type PostCondition =
  | ["eq" | "starts-with", string, string]
  | ["content-length-range", number, number]
  | Record<string, string>;

/**
 * A POST policy's conditions for an upload, besides the key and the signing fields (the SDK
 * pins the key as `{key}`, with a condition for each field it signs: bucket, algorithm,
 * credential, date, token; the local store does the same).
 */
export function uploadConditions(policy: UploadPolicy): PostCondition[] {
  return [
    ["content-length-range", 1, policy.maxBytes],
    ["eq", "$Content-Type", policy.contentType],
    ...(policy.successRedirect
      ? [["eq", "$success_action_redirect", policy.successRedirect] as PostCondition]
      : []),
  ];
}

/** Longest a presigned POST may be accepted: 15 minutes (as a link). */
export const UPLOAD_POLICY_MAX_SECONDS = 15 * 60;
