import { contentDisposition, type StoredFile } from "../files/file-store.js";
import type { LedgerExport } from "../use-cases/ledger/ledger-export.js";
import type { Context, HttpResponse } from "./exchange.js";

/** A small export as the file itself; a large one as 201 with its link. */
export function ledgerExportResponse(c: Context, result: LedgerExport): HttpResponse {
  if (result.kind === "link") {
    return c.json({ url: result.url, expiresAt: result.expiresAt, rows: result.rows }, 201);
  }
  return c.body(result.body, 200, {
    "Content-Type": result.contentType,
    "Content-Disposition": contentDisposition(result.fileName),
    "Content-Length": String(result.body.byteLength),
    "X-Ledger-Rows": String(result.rows),
  });
}

/** A stored file, streamed. */
export function fileResponse(
  c: Context,
  file: StoredFile & { downloadName: string },
): HttpResponse {
  return c.body(file.stream, 200, {
    "Content-Type": file.contentType,
    "Content-Disposition": contentDisposition(file.downloadName),
    "Content-Length": String(file.size),
  });
}
