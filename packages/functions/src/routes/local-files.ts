import { DomainError } from "@lianxin/core";
import type { Deps } from "../deps.js";
import {
  dispositionHeader,
  EXPORTS_PREFIX,
  type FileStore,
  isFileKey,
  PUBLIC_PREFIX,
} from "../files/file-store.js";
import type { LocalFileStore, UploadForm } from "../files/local-file-store.js";
import type { Context, HttpResponse } from "../http/exchange.js";
import { param } from "./define.js";

/**
 * The local file store's own endpoints (`npm start` and tests), standing in for the S3
 * bucket's: the presigned POST of an upload, and signed or public GETs. They are NOT in the
 * API's route list (routes.ts): API Gateway never serves them, and the app serves them only
 * when its file store is a LocalFileStore (app.ts). S3 answers these on AWS, so they answer as
 * S3 does: XML errors for the upload, 303 to `success_action_redirect` or 204.
 */
export interface LocalRoute {
  method: "GET" | "POST" | "OPTIONS";
  /** `:param` takes one segment; a last `*param` the rest of the path, slashes included. */
  path: string;
  handle: (c: Context, deps: Deps) => Promise<HttpResponse>;
  maxBodyBytes?: number;
}

/** A photo or PDF (at most 20 MiB) and the form's fields. */
export const LOCAL_UPLOAD_MAX_BODY_BYTES = 21 * 1024 * 1024;

/** Whether the app's file store serves its own files (the local one does; S3 serves its own). */
export function servesLocalFiles(files: FileStore): files is LocalFileStore {
  return typeof (files as Partial<LocalFileStore>).receiveUpload === "function";
}

const localStore = (deps: Deps): LocalFileStore => {
  if (!servesLocalFiles(deps.files)) throw new DomainError("not_found");
  return deps.files;
};

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** S3's error document. */
function s3Error(c: Context, status: number, code: string, message: string): HttpResponse {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error>`;
  return c.body(xml, status, {
    "Content-Type": "application/xml",
    "Cache-Control": "no-store",
  });
}

/** CORS for the sites' scripts: their origins only (S3's bucket CORS rule on AWS). */
function allowOrigin(c: Context, files: LocalFileStore): boolean {
  c.header("Vary", "Origin");
  const origin = c.req.header("origin");
  if (!origin || !files.siteOrigins.includes(origin)) return false;
  c.header("Access-Control-Allow-Origin", origin);
  c.header("Access-Control-Expose-Headers", "ETag, Location");
  return true;
}

/**
 * The form's fields up to the `file` field and the file itself; fields after it are ignored,
 * as S3 ignores them. Null when the body is not multipart/form-data.
 */
async function readUploadForm(
  c: Context,
): Promise<{ form: UploadForm } | { refusal: [number, string, string] } | null> {
  const type = c.req.header("content-type") ?? "";
  if (!/^multipart\/form-data\s*;.*boundary=/i.test(type)) return null;
  let entries: FormData;
  try {
    entries = await new Request("http://local-files/", {
      method: "POST",
      headers: { "content-type": type },
      body: c.req.bytes(),
    }).formData();
  } catch {
    return null;
  }
  const fields: Record<string, string> = {};
  const seen = new Set<string>();
  for (const [name, value] of entries) {
    const lower = name.toLowerCase();
    if (lower === "file") {
      const bytes =
        typeof value === "string"
          ? new TextEncoder().encode(value)
          : new Uint8Array(await value.arrayBuffer());
      return { form: { fields, file: { bytes } } };
    }
    if (seen.has(lower)) {
      return { refusal: [400, "InvalidArgument", `Field ${name} is given more than once.`] };
    }
    seen.add(lower);
    fields[name] = typeof value === "string" ? value : await value.text();
  }
  return {
    refusal: [400, "InvalidArgument", "POST requires exactly one file upload per request."],
  };
}

const MALFORMED = "The body of your POST request is not well-formed multipart/form-data.";

export const localFileRoutes: LocalRoute[] = [
  {
    method: "OPTIONS",
    path: "/local-files/upload",
    handle: async (c, deps) => {
      const files = localStore(deps);
      if (!allowOrigin(c, files)) {
        return s3Error(
          c,
          403,
          "AccessForbidden",
          "CORSResponse: This CORS request is not allowed.",
        );
      }
      return c.body(null, 204, {
        "Access-Control-Allow-Methods": "POST",
        "Access-Control-Allow-Headers": "content-type",
        "Access-Control-Max-Age": "600",
      });
    },
  },
  {
    method: "POST",
    path: "/local-files/upload",
    maxBodyBytes: LOCAL_UPLOAD_MAX_BODY_BYTES,
    handle: async (c, deps) => {
      const files = localStore(deps);
      allowOrigin(c, files);
      const read = await readUploadForm(c);
      if (!read) return s3Error(c, 400, "MalformedPOSTRequest", MALFORMED);
      if ("refusal" in read) return s3Error(c, ...read.refusal);
      const outcome = await files.receiveUpload(read.form);
      if (!outcome.ok) return s3Error(c, outcome.status, outcome.code, outcome.message);
      const etag = `"${outcome.etag}"`;
      if (outcome.redirect) {
        return c.body(null, 303, { Location: outcome.redirect, ETag: etag });
      }
      return c.body(null, 204, { ETag: etag, "Cache-Control": "no-store" });
    },
  },
  {
    method: "GET",
    path: "/local-files/*key",
    handle: async (c, deps) => {
      const files = localStore(deps);
      const key = param(c, "key");
      if (!isFileKey(key) || key.startsWith(EXPORTS_PREFIX)) throw new DomainError("not_found");
      const isPublic = key.startsWith(PUBLIC_PREFIX);
      const link = isPublic ? null : files.verifyLink(key, c.req.query());
      // The signature first: without one, whether a key exists is not told either.
      if (!isPublic && !link) throw new DomainError("forbidden");
      const file = await files.get(key);
      if (!file) throw new DomainError("not_found");
      return c.body(file.stream, 200, {
        "Content-Type": file.contentType,
        "Content-Length": String(file.size),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": isPublic ? "public, max-age=3600" : "private, max-age=300",
        ...(link
          ? { "Content-Disposition": dispositionHeader(link.downloadName, link.disposition) }
          : {}),
      });
    },
  },
];
