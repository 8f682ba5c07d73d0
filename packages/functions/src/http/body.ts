import { DomainError } from "@lianxin/core";
import type { Context } from "./exchange.js";

export const MAX_BODY_BYTES = 64 * 1024;

/** Reads a JSON body: 415 unless JSON, 413 past 64 KB, 400 if it does not parse. */
export async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw new DomainError("unsupported_media_type");
  const declared = Number(c.req.header("content-length"));
  if (declared > MAX_BODY_BYTES) throw new DomainError("payload_too_large");
  const buffer = c.req.bytes();
  if (buffer.byteLength > MAX_BODY_BYTES) throw new DomainError("payload_too_large");
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(buffer));
  } catch {
    throw new DomainError("invalid_json");
  }
}
