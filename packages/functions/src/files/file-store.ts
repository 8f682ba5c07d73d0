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

/**
 * Where large exports go: a folder under `.data/` locally, an S3 bucket on AWS. Keys are
 * relative paths such as `exports/<id>.xlsx`.
 */
export interface FileStore {
  put(key: string, body: FileBody, contentType: string): Promise<void>;
  /** A short-lived download link; `downloadName` is the name the browser saves it under. */
  link(key: string, expiresInSeconds: number, downloadName: string): Promise<string>;
  /** Reading back through the API: only where the store serves its own links (locally). */
  get?(key: string): Promise<StoredFile | null>;
}

/** The prefix under which exports live (the S3 bucket expires objects under it). */
export const EXPORTS_PREFIX = "exports/";

/** A key's last segment, e.g. `exports/abc.xlsx` → `abc.xlsx`; keys are `exports/<name>` only. */
export function exportName(key: string): string | null {
  if (!key.startsWith(EXPORTS_PREFIX)) return null;
  const name = key.slice(EXPORTS_PREFIX.length);
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/.test(name) && !name.includes("..") ? name : null;
}

/** `attachment; filename*=UTF-8''…` (RFC 6266 / 5987), with an ASCII fallback. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
