import { createHmac, timingSafeEqual } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { exportName, type FileBody, type FileStore, type StoredFile } from "./file-store.js";

/** Where the API serves a local export link (a staff route: session AND signature). */
export const EXPORTS_ROUTE_BASE = "/api/staff/exports/";

export interface SignedLinkQuery {
  name?: string | undefined;
  expires?: string | undefined;
  sig?: string | undefined;
}

/**
 * A folder standing in for S3 on a developer's machine and in tests. Its links point at
 * `GET /api/staff/exports/{name}`, signed with an HMAC (a key derived from the session
 * signing key) over the key, the expiry and the download name, so a link can be neither
 * forged nor stretched; the route also wants a valid staff session.
 */
export class LocalFileStore implements FileStore {
  readonly dir: string;
  private readonly key: Buffer;
  private readonly now: () => Date;

  constructor(options: { dir: string; signingKey: string; now?: () => Date }) {
    this.dir = options.dir;
    // A key of its own: a file link's MAC can never be mistaken for a session token's.
    this.key = createHmac("sha256", options.signingKey).update("lianxin:file-links").digest();
    this.now = options.now ?? (() => new Date());
  }

  private pathOf(key: string): string {
    const name = exportName(key);
    if (!name) throw new Error(`not an export key: ${key}`);
    return join(this.dir, "exports", name);
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

  async link(key: string, expiresInSeconds: number, downloadName: string): Promise<string> {
    const name = exportName(key);
    if (!name) throw new Error(`not an export key: ${key}`);
    const expires = Math.floor(this.now().getTime() / 1000) + expiresInSeconds;
    const query = new URLSearchParams({
      name: downloadName,
      expires: String(expires),
      sig: this.signature(key, expires, downloadName),
    });
    return `${EXPORTS_ROUTE_BASE}${name}?${query}`;
  }

  /** Checks a link's signature and expiry; returns the key and the download name, or null. */
  verify(name: string, query: SignedLinkQuery): { key: string; downloadName: string } | null {
    const key = `exports/${name}`;
    if (!exportName(key) || !query.name || !query.expires || !query.sig) return null;
    const expires = Number(query.expires);
    if (!Number.isInteger(expires)) return null;
    const expected = Buffer.from(this.signature(key, expires, query.name));
    const given = Buffer.from(query.sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    if (expires * 1000 <= this.now().getTime()) return null;
    return { key, downloadName: query.name };
  }

  async get(key: string): Promise<StoredFile | null> {
    const path = this.pathOf(key);
    try {
      const [info, meta] = await Promise.all([stat(path), readFile(`${path}.meta.json`, "utf8")]);
      const { contentType } = JSON.parse(meta) as { contentType: string };
      return { stream: createReadStream(path), size: info.size, contentType };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }
}
