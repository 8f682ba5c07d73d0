import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalFileStore } from "@lianxin/functions";
import { prepareLocalDatabase, startLocalApi } from "@lianxin/functions/local";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestTable } from "../support/database.js";

/**
 * Issue 15's uploads on the local stack, over a real socket: a presigned POST (as S3 takes
 * one) to the local file store's endpoint, the upload listener (the processor's trigger), and
 * the signed links that serve a file. The presigned upload comes straight from the file
 * store: the API's `POST /api/uploads` is the lead's.
 */
const SITE = "http://localhost:5173";
let api: { url: string; close(): Promise<void> };
let dir: string;
let files: LocalFileStore;
/** Seconds the store's clock is ahead of the real one (to expire links). */
let ahead = 0;
const heard: string[] = [];

beforeAll(async () => {
  const { endpoint, tableName } = await createTestTable();
  await prepareLocalDatabase({ endpoint, tableName });
  dir = await mkdtemp(join(tmpdir(), "lianxin-uploads-"));
  let origin = "";
  files = new LocalFileStore({
    dir,
    signingKey: "k".repeat(32),
    now: () => new Date(Date.now() + ahead * 1000),
    baseUrl: () => origin,
    siteOrigins: [SITE],
  });
  files.setUploadListener(async (key) => {
    heard.push(key);
  });
  api = await startLocalApi({ port: 0, endpoint, tableName, overrides: { files } });
  origin = api.url;
});
afterAll(async () => {
  await api.close();
  await rm(dir, { recursive: true, force: true });
});

/** A JPEG's first bytes and some more: the store checks sizes, not kinds (the processor does). */
const jpeg = (size: number) => {
  const bytes = new Uint8Array(size).fill(0x42);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  return bytes;
};

/** What a browser sends: every field, then the file, last. */
function formOf(fields: Record<string, string>, bytes: Uint8Array) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append("file", new Blob([bytes], { type: "image/jpeg" }), "IMG_0001.jpg");
  return form;
}

describe("a presigned POST to the local file store", () => {
  it("is taken (204), written with its type, and announced to the listener", async () => {
    const upload = await files.presignUpload({
      key: "uploads/up-204",
      contentType: "image/jpeg",
      maxBytes: 10 * 1024 * 1024,
      expiresInSeconds: 300,
    });
    expect(upload.url).toBe(`${api.url}/local-files/upload`);
    const res = await fetch(upload.url, {
      method: "POST",
      body: formOf(upload.fields, jpeg(5000)),
      headers: { origin: SITE },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(SITE);
    expect(res.headers.get("etag")).toMatch(/^"[0-9a-f]{32}"$/);
    expect(await readFile(join(dir, "uploads/up-204"))).toEqual(Buffer.from(jpeg(5000)));
    expect(JSON.parse(await readFile(join(dir, "uploads/up-204.meta.json"), "utf8"))).toEqual({
      contentType: "image/jpeg",
    });
    await files.uploadsSettled();
    expect(heard).toContain("uploads/up-204");
  });

  it("redirects a plain form (303) to success_action_redirect with the key", async () => {
    const upload = await files.presignUpload({
      key: "uploads/up-303",
      contentType: "image/jpeg",
      maxBytes: 10 * 1024 * 1024,
      expiresInSeconds: 300,
      successRedirect: `${SITE}/track/photo-added?t=tok`,
    });
    const res = await fetch(upload.url, {
      method: "POST",
      body: formOf(upload.fields, jpeg(100)),
      redirect: "manual",
    });
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get("location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(`${SITE}/track/photo-added`);
    expect(location.searchParams.get("t")).toBe("tok");
    expect(location.searchParams.get("bucket")).toBe("local");
    expect(location.searchParams.get("key")).toBe("uploads/up-303");
    expect(location.searchParams.get("etag")).toBe(res.headers.get("etag"));
    await files.uploadsSettled();
    expect(heard).toContain("uploads/up-303");
  });

  it("refuses a file over the policy's size, writing and announcing nothing", async () => {
    const upload = await files.presignUpload({
      key: "uploads/up-large",
      contentType: "image/jpeg",
      maxBytes: 1000,
      expiresInSeconds: 300,
    });
    const res = await fetch(upload.url, {
      method: "POST",
      body: formOf(upload.fields, jpeg(1001)),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/xml");
    expect(await res.text()).toContain("<Code>EntityTooLarge</Code>");
    await files.uploadsSettled();
    expect(heard).not.toContain("uploads/up-large");
    expect(existsSync(join(dir, "uploads/up-large"))).toBe(false);
  });

  it("refuses a body past the endpoint's limit (21 MiB) without a 5xx", async () => {
    const upload = await files.presignUpload({
      key: "uploads/up-huge",
      contentType: "image/jpeg",
      maxBytes: 20 * 1024 * 1024,
      expiresInSeconds: 300,
    });
    const res = await fetch(upload.url, {
      method: "POST",
      body: formOf(upload.fields, jpeg(22 * 1024 * 1024)),
    });
    expect(res.status).toBe(413);
    await res.arrayBuffer();
    expect(existsSync(join(dir, "uploads/up-huge"))).toBe(false);
  });
});

describe("a signed link to a local file", () => {
  it("serves it inline and as an attachment, and is refused once expired", async () => {
    const key = "uploads/up-204";
    const inline = await fetch(await files.link(key, 300, "照片 1.jpg", "inline"));
    expect(inline.status).toBe(200);
    expect(inline.headers.get("content-type")).toBe("image/jpeg");
    expect(inline.headers.get("content-disposition")).toBe(
      `inline; filename*=UTF-8''${encodeURIComponent("照片 1.jpg")}`,
    );
    expect(inline.headers.get("x-content-type-options")).toBe("nosniff");
    expect(inline.headers.get("cache-control")).toBe("private, max-age=300");
    expect(new Uint8Array(await inline.arrayBuffer())).toEqual(jpeg(5000));

    const link = await files.link(key, 300, "照片 1.jpg");
    const saved = await fetch(link);
    expect(saved.status).toBe(200);
    expect(saved.headers.get("content-disposition")).toMatch(/^attachment; filename="__ 1\.jpg"; /);
    expect((await saved.arrayBuffer()).byteLength).toBe(5000);

    ahead = 301;
    try {
      const expired = await fetch(link);
      expect(expired.status).toBe(403);
      expect((await expired.json()).error.code).toBe("forbidden");
    } finally {
      ahead = 0;
    }
  });

  it("serves public/ keys without signature, and nothing else unsigned", async () => {
    await files.copy("uploads/up-303", "public/n1/after.jpg");
    const res = await fetch(files.publicUrl("public/n1/after.jpg"));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=3600");
    expect((await res.arrayBuffer()).byteLength).toBe(100);
    const unsigned = await fetch(`${api.url}/local-files/uploads/up-303`);
    expect(unsigned.status).toBe(403);
    await unsigned.arrayBuffer();
  });
});
