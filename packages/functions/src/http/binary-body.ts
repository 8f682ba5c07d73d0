import { DomainError } from "@lianxin/core";
import type { Context } from "./exchange.js";

/** Reads a binary upload of one content type: 415 for any other type, 413 past `maxBytes`. */
/** An uploaded roster workbook may be this large (the JSON routes take 64 KB). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export async function readBinary(
  c: Context,
  contentType: string,
  maxBytes: number,
): Promise<Uint8Array> {
  const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== contentType) throw new DomainError("unsupported_media_type");
  const declared = Number(c.req.header("content-length"));
  if (declared > maxBytes) throw new DomainError("payload_too_large");
  const buffer = c.req.bytes();
  if (buffer.byteLength > maxBytes) throw new DomainError("payload_too_large");
  return buffer;
}
