import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { copyFile, mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import {
  EXPORTS_PREFIX,
  exportName,
  type FileBody,
  type FileDisposition,
  type FileStore,
  FileTooLargeError,
  isFileKey,
  type PostCondition,
  type PresignedUpload,
  PUBLIC_PREFIX,
  type StoredFile,
  UPLOAD_POLICY_MAX_SECONDS,
  type UploadPolicy,
  uploadConditions,
} from "./file-store.js";

/** Where the API serves a local export link (a staff route: session AND signature). */
export const EXPORTS_ROUTE_BASE = "/api/staff/exports/";
/** Where the local API serves every other key (`/local-files/<key>`), signed or `public/`. */
export const LOCAL_FILES_BASE = "/local-files/";
/** Where the local API takes a presigned POST (S3's bucket URL on AWS). */
export const LOCAL_UPLOAD_PATH = "/local-files/upload";
/** The bucket's name in local policies and success redirects. */
export const LOCAL_BUCKET = "local";

export interface SignedLinkQuery {
  name?: string | undefined;
  expires?: string | undefined;
  sig?: string | undefined;
}

/** A `/local-files/<key>` link's query: an export's, plus the signed disposition. */
export interface LocalLinkQuery extends SignedLinkQuery {
  disposition?: string | undefined;
}

/** S3's error codes for a refused POST upload (the local endpoint answers the same). */
export type UploadRefusalCode =
  | "AccessDenied"
  | "SignatureDoesNotMatch"
  | "EntityTooLarge"
  | "EntityTooSmall"
  | "InvalidPolicyDocument"
  | "InvalidArgument"
  | "MalformedPOSTRequest";

/** What a POST upload came to, as S3 would answer it. */
export type UploadOutcome =
  | { ok: true; key: string; etag: string; redirect?: string }
  | { ok: false; status: 400 | 403; code: UploadRefusalCode; message: string };

/** A POST upload as the local endpoint parsed it: the fields before the file, and the file. */
export interface UploadForm {
  fields: Record<string, string>;
  file: { bytes: Uint8Array };
}

/** Called after an upload is written (S3's object-created event on AWS). */
export type UploadListener = (key: string) => Promise<void>;

const ALGORITHM = "AWS4-HMAC-SHA256";
/** Fields S3 takes without a condition covering them (besides `x-ignore-*`). */
const UNCOVERED_FIELDS = new Set(["x-amz-signature", "file", "policy"]);
/** Suffixes the folder keeps beside a file: a key may not end with one. */
const SIDE_FILES = [".meta.json", ".partial"];

const refuse = (
  status: 400 | 403,
  code: UploadRefusalCode,
  message: string,
): Extract<UploadOutcome, { ok: false }> => ({ ok: false, status, code, message });

const policyFailure = (message: string) =>
  refuse(403, "AccessDenied", `Invalid according to Policy: ${message}`);

/** `20261206T192300Z` (SigV4's date) of a time. */
const amzDate = (at: Date) =>
  at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * A folder standing in for S3 on a developer's machine and in tests: `dir/<key>` with its
 * `dir/<key>.meta.json` (the content type). Export links point at `GET /api/staff/exports/
 * {name}` (a staff route), signed with an HMAC (a key derived from the session signing key)
 * over the key, the expiry and the download name, so a link can be neither forged nor
 * stretched. Every other key is served at `GET /local-files/<key>` (routes/local-files.ts)
 * with the same kind of signature, which also covers the disposition; `public/` keys without.
 * Uploads come as S3's presigned POST to `POST /local-files/upload`, checked here against
 * their policy as S3 checks it, signed with a key of their own.
 */
export class LocalFileStore implements FileStore {
  readonly dir: string;
  /** Site origins that may POST uploads from a script (CORS). */
  readonly siteOrigins: readonly string[];
  private readonly key: Buffer;
  private readonly uploadKey: Buffer;
  private readonly now: () => Date;
  private readonly baseUrl: () => string;
  private listener: UploadListener | null = null;
  private readonly pending = new Set<Promise<void>>();

  constructor(options: {
    dir: string;
    signingKey: string;
    now?: () => Date;
    /** The local API's origin (`http://localhost:4000`), known once it listens. */
    baseUrl?: () => string;
    siteOrigins?: string[];
  }) {
    this.dir = options.dir;
    // Keys of their own: a file link's or a policy's MAC can never pass for a session token's,
    // nor for each other's.
    this.key = createHmac("sha256", options.signingKey).update("lianxin:file-links").digest();
    this.uploadKey = createHmac("sha256", options.signingKey)
      .update("lianxin:local-uploads")
      .digest();
    this.now = options.now ?? (() => new Date());
    this.baseUrl = options.baseUrl ?? (() => "http://localhost");
    this.siteOrigins = options.siteOrigins ?? [];
  }

  private pathOf(key: string): string {
    if (!isFileKey(key) || SIDE_FILES.some((suffix) => key.endsWith(suffix))) {
      throw new Error(`not a file key: ${key}`);
    }
    return join(this.dir, key);
  }

  async put(key: string, body: FileBody, contentType: string): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const partial = `${path}.partial`;
    if (body instanceof Uint8Array) await writeFile(partial, body);
    else await pipeline(body.stream, createWriteStream(partial));
    await writeFile(`${path}.meta.json`, JSON.stringify({ contentType }));
    await rename(partial, path);
  }

  private signature(key: string, expires: number, name: string): string {
    return createHmac("sha256", this.key).update(`${key}\n${expires}\n${name}`).digest("base64url");
  }

  private fileSignature(key: string, expires: number, name: string, disposition: string) {
    return createHmac("sha256", this.key)
      .update(`${key}\n${expires}\n${name}\n${disposition}`)
      .digest("base64url");
  }

  /**
   * An export's link is relative (`/api/staff/exports/…`, unchanged; always a download);
   * any other key's is absolute (`<baseUrl>/local-files/<key>?…`), as an S3 link is.
   */
  async link(
    key: string,
    expiresInSeconds: number,
    downloadName: string,
    disposition: FileDisposition = "attachment",
  ): Promise<string> {
    const expires = Math.floor(this.now().getTime() / 1000) + expiresInSeconds;
    const name = exportName(key);
    if (name) {
      const query = new URLSearchParams({
        name: downloadName,
        expires: String(expires),
        sig: this.signature(key, expires, downloadName),
      });
      return `${EXPORTS_ROUTE_BASE}${name}?${query}`;
    }
    this.pathOf(key);
    const query = new URLSearchParams({
      name: downloadName,
      disposition,
      expires: String(expires),
      sig: this.fileSignature(key, expires, downloadName, disposition),
    });
    return `${this.baseUrl()}${LOCAL_FILES_BASE}${key}?${query}`;
  }

  /** Checks an export link's signature and expiry; returns the key and the download name. */
  verify(name: string, query: SignedLinkQuery): { key: string; downloadName: string } | null {
    const key = `${EXPORTS_PREFIX}${name}`;
    if (!exportName(key) || !query.name || !query.expires || !query.sig) return null;
    const expires = Number(query.expires);
    if (!Number.isInteger(expires)) return null;
    if (!sameText(this.signature(key, expires, query.name), query.sig)) return null;
    if (expires * 1000 <= this.now().getTime()) return null;
    return { key, downloadName: query.name };
  }

  /** Checks a `/local-files/<key>` link (not an export's); null when forged or expired. */
  verifyLink(
    key: string,
    query: LocalLinkQuery,
  ): { key: string; downloadName: string; disposition: FileDisposition } | null {
    if (!isFileKey(key) || key.startsWith(EXPORTS_PREFIX)) return null;
    const { name, disposition, sig } = query;
    if (!name || !query.expires || !sig) return null;
    if (disposition !== "inline" && disposition !== "attachment") return null;
    if (!/^\d{1,12}$/.test(query.expires)) return null;
    const expires = Number(query.expires);
    if (!sameText(this.fileSignature(key, expires, name, disposition), sig)) return null;
    if (expires * 1000 <= this.now().getTime()) return null;
    return { key, downloadName: name, disposition };
  }

  async get(key: string): Promise<StoredFile | null> {
    const path = this.pathOf(key);
    try {
      const [info, meta] = await Promise.all([stat(path), readFile(`${path}.meta.json`, "utf8")]);
      if (!info.isFile()) return null;
      const { contentType } = JSON.parse(meta) as { contentType: string };
      return { stream: createReadStream(path), size: info.size, contentType };
    } catch (error) {
      if (isAbsent(error)) return null;
      throw error;
    }
  }

  async read(
    key: string,
    maxBytes: number,
  ): Promise<{ bytes: Uint8Array; contentType: string } | null> {
    const path = this.pathOf(key);
    try {
      const info = await stat(path);
      if (!info.isFile()) return null;
      if (info.size > maxBytes) throw new FileTooLargeError(key, info.size, maxBytes);
      const [bytes, meta] = await Promise.all([
        readFile(path),
        readFile(`${path}.meta.json`, "utf8"),
      ]);
      if (bytes.byteLength > maxBytes) throw new FileTooLargeError(key, bytes.byteLength, maxBytes);
      const { contentType } = JSON.parse(meta) as { contentType: string };
      return {
        bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        contentType,
      };
    } catch (error) {
      if (isAbsent(error)) return null;
      throw error;
    }
  }

  async copy(fromKey: string, toKey: string): Promise<void> {
    const from = this.pathOf(fromKey);
    const to = this.pathOf(toKey);
    await mkdir(dirname(to), { recursive: true });
    await copyFile(from, `${to}.partial`);
    await copyFile(`${from}.meta.json`, `${to}.meta.json`);
    await rename(`${to}.partial`, to);
  }

  async remove(key: string): Promise<void> {
    const path = this.pathOf(key);
    // A folder (the `staged/<id>` of `staged/<id>/…`) is no object: nothing to remove, as on S3.
    if ((await stat(path).catch(() => null))?.isDirectory()) return;
    await rm(path, { force: true });
    await rm(`${path}.meta.json`, { force: true });
  }

  /** `public/` keys only: served without signature by the local API. */
  publicUrl(key: string): string {
    if (!key.startsWith(PUBLIC_PREFIX)) throw new Error(`not a public key: ${key}`);
    this.pathOf(key);
    return `${this.baseUrl()}${LOCAL_FILES_BASE}${key}`;
  }

  /** S3's presigned POST, signed with this store's upload key (see `receiveUpload`). */
  async presignUpload(policy: UploadPolicy): Promise<PresignedUpload> {
    this.pathOf(policy.key);
    const now = this.now();
    const date = amzDate(now);
    const expires = Math.min(policy.expiresInSeconds, UPLOAD_POLICY_MAX_SECONDS);
    const expiration = new Date(now.getTime() + expires * 1000).toISOString();
    const signed: Record<string, string> = {
      "x-amz-algorithm": ALGORITHM,
      "x-amz-credential": `${LOCAL_BUCKET}/${date.slice(0, 8)}/${LOCAL_BUCKET}/s3/aws4_request`,
      "x-amz-date": date,
    };
    const conditions: PostCondition[] = [
      ...uploadConditions(policy),
      { bucket: LOCAL_BUCKET },
      ...Object.entries(signed).map(([name, value]) => ({ [name]: value })),
      { key: policy.key },
    ];
    const encoded = Buffer.from(JSON.stringify({ expiration, conditions })).toString("base64");
    return {
      url: `${this.baseUrl()}${LOCAL_UPLOAD_PATH}`,
      fields: {
        key: policy.key,
        "Content-Type": policy.contentType,
        ...(policy.successRedirect ? { success_action_redirect: policy.successRedirect } : {}),
        policy: encoded,
        ...signed,
        "x-amz-signature": this.policySignature(encoded),
      },
      expiresAt: expiration,
    };
  }

  private policySignature(encodedPolicy: string): string {
    return createHmac("sha256", this.uploadKey).update(encodedPolicy).digest("hex");
  }

  /**
   * A POST upload, checked as S3 checks one: the signature over the policy, its expiry, each
   * of its conditions, and no field that none covers; then written to `dir/<key>` and
   * announced to the upload listener (not awaited: S3's events come later too).
   */
  async receiveUpload(form: UploadForm): Promise<UploadOutcome> {
    const checked = this.checkUpload(form);
    if (!checked.ok) return checked;
    const { key, contentType, redirect } = checked;
    await this.put(key, form.file.bytes, contentType);
    const etag = createHash("md5").update(form.file.bytes).digest("hex");
    this.announce(key);
    return {
      ok: true,
      key,
      etag,
      ...(redirect ? { redirect: successRedirect(redirect, key, etag) } : {}),
    };
  }

  private checkUpload(
    form: UploadForm,
  ):
    | Extract<UploadOutcome, { ok: false }>
    | { ok: true; key: string; contentType: string; redirect: string | undefined } {
    // Form field names are case-insensitive on S3.
    const fields = new Map<string, string>();
    for (const [name, value] of Object.entries(form.fields)) fields.set(name.toLowerCase(), value);
    const key = fields.get("key");
    if (!key) {
      return refuse(400, "InvalidArgument", "Bucket POST must contain a field named 'key'.");
    }
    const encoded = fields.get("policy");
    const signature = fields.get("x-amz-signature");
    if (!encoded || !signature) {
      return refuse(403, "AccessDenied", "Access Denied");
    }
    if (fields.get("x-amz-algorithm") !== ALGORITHM) {
      return refuse(400, "InvalidArgument", `Only ${ALGORITHM} is supported.`);
    }
    if (!sameText(this.policySignature(encoded), signature)) {
      return refuse(
        403,
        "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided.",
      );
    }
    const policy = decodePolicy(encoded);
    if (!policy) return refuse(400, "InvalidPolicyDocument", "Invalid Policy: malformed policy.");
    if (Date.parse(policy.expiration) <= this.now().getTime()) {
      return policyFailure("Policy expired.");
    }
    const size = form.file.bytes.byteLength;
    const covered = new Set<string>();
    const fieldValue = (name: string) =>
      name === "bucket" ? (fields.get("bucket") ?? LOCAL_BUCKET) : fields.get(name);
    for (const condition of policy.conditions) {
      if (Array.isArray(condition) && condition[0] === "content-length-range") {
        const [, min, max] = condition;
        if (size > max) {
          return refuse(
            400,
            "EntityTooLarge",
            "Your proposed upload exceeds the maximum allowed size",
          );
        }
        if (size < min) {
          return refuse(
            400,
            "EntityTooSmall",
            "Your proposed upload is smaller than the minimum allowed size",
          );
        }
        continue;
      }
      const { operator, field, expected } = matchCondition(condition);
      covered.add(field);
      const given = fieldValue(field) ?? "";
      const holds = operator === "eq" ? given === expected : given.startsWith(expected);
      if (!holds) {
        return policyFailure(`Policy Condition failed: ${JSON.stringify(condition)}`);
      }
    }
    const extra = [...fields.keys()].filter(
      (name) => !covered.has(name) && !UNCOVERED_FIELDS.has(name) && !name.startsWith("x-ignore-"),
    );
    if (extra.length) return policyFailure(`Extra input fields: ${extra.join(", ")}`);
    if (!isFileKey(key) || SIDE_FILES.some((suffix) => key.endsWith(suffix))) {
      return refuse(400, "InvalidArgument", "Invalid key.");
    }
    const redirect = fields.get("success_action_redirect");
    return {
      ok: true,
      key,
      contentType: fields.get("content-type") || "binary/octet-stream",
      redirect: redirect && isHttpUrl(redirect) ? redirect : undefined,
    };
  }

  /** Whom to tell of each upload written (the in-process processor). */
  setUploadListener(listener: UploadListener | null): void {
    this.listener = listener;
  }

  /** Resolves once every listener call started so far has finished (tests). */
  async uploadsSettled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  private announce(key: string): void {
    const listener = this.listener;
    if (!listener) return;
    const call = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => listener(key))
      .catch((error: unknown) => {
        console.error(
          JSON.stringify({
            level: "error",
            msg: "upload listener failed",
            key,
            error: String(error),
          }),
        );
      })
      .finally(() => this.pending.delete(call));
    this.pending.add(call);
  }
}

const isAbsent = (error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "ENOENT" || code === "ENOTDIR";
};

const isHttpUrl = (value: string) => {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
};

/** S3's redirect after a successful POST: `?bucket=…&key=…&etag="…"` appended. */
function successRedirect(redirect: string, key: string, etag: string): string {
  const query = new URLSearchParams({ bucket: LOCAL_BUCKET, key, etag: `"${etag}"` });
  return `${redirect}${redirect.includes("?") ? "&" : "?"}${query}`;
}

/** An `eq`/`starts-with` condition (`["eq", "$name", v]` or `{name: v}`), its field in lower case. */
function matchCondition(
  condition: Exclude<PostCondition, ["content-length-range", number, number]>,
): {
  operator: "eq" | "starts-with";
  field: string;
  expected: string;
} {
  if (Array.isArray(condition)) {
    const [operator, name, expected] = condition;
    return { operator, field: name.slice(1).toLowerCase(), expected };
  }
  const [name, expected] = Object.entries(condition)[0] ?? ["", ""];
  return { operator: "eq", field: name.toLowerCase(), expected };
}

/** A policy document (base64 JSON) in S3's format, or null when it is not one. */
function decodePolicy(encoded: string): { expiration: string; conditions: PostCondition[] } | null {
  let document: unknown;
  try {
    document = JSON.parse(Buffer.from(encoded, "base64").toString("utf8"));
  } catch {
    return null;
  }
  if (!document || typeof document !== "object") return null;
  const { expiration, conditions } = document as { expiration?: unknown; conditions?: unknown };
  if (typeof expiration !== "string" || Number.isNaN(Date.parse(expiration))) return null;
  if (!Array.isArray(conditions)) return null;
  const valid = conditions.every((c: unknown) => {
    if (Array.isArray(c)) {
      if (c.length !== 3) return false;
      if (c[0] === "content-length-range") {
        return Number.isInteger(c[1]) && Number.isInteger(c[2]);
      }
      return (
        (c[0] === "eq" || c[0] === "starts-with") &&
        typeof c[1] === "string" &&
        c[1].startsWith("$") &&
        typeof c[2] === "string"
      );
    }
    if (!c || typeof c !== "object") return false;
    const entries = Object.entries(c);
    return entries.length === 1 && typeof entries[0]?.[1] === "string";
  });
  return valid ? { expiration, conditions: conditions as PostCondition[] } : null;
}
