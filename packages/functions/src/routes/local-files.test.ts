import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app.js";
import type { Deps } from "../deps.js";
import { LocalFileStore } from "../files/local-file-store.js";
import { S3FileStore } from "../files/s3-file-store.js";
import { routes } from "../routes.js";

/**
 * The local file store's endpoints through the app (no socket, no database: these routes use
 * only the file store). The socket and the whole API: tests/integration/local-file-uploads.
 */
let dir: string;
let store: LocalFileStore;
let app: ReturnType<typeof createApp>;
const SITE = "http://localhost:5173";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "lianxin-local-files-"));
  store = new LocalFileStore({
    dir,
    signingKey: "s".repeat(32),
    baseUrl: () => "http://localhost",
    siteOrigins: [SITE],
  });
  app = createApp({ files: store, requestDeadlineMs: 10_000 } as unknown as Deps);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const policy = { contentType: "image/png", maxBytes: 100, expiresInSeconds: 60 };

async function formFor(key: string, bytes = new Uint8Array(10)) {
  const { url, fields } = await store.presignUpload({ ...policy, key });
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append("file", new Blob([bytes]), "photo.png");
  return { url, form, fields };
}

const xmlError = async (res: Response) => {
  expect(res.headers.get("content-type")).toBe("application/xml");
  const text = await res.text();
  return /<Error><Code>(.*)<\/Code><Message>(.*)<\/Message><\/Error>/.exec(text)?.[1];
};

describe("the local upload endpoint", () => {
  it("takes a presigned POST (204) and allows the sites' origins", async () => {
    const { url, form } = await formFor("uploads/r1");
    const res = await app.request(url, { method: "POST", body: form, headers: { origin: SITE } });
    expect(res.status).toBe(204);
    expect(res.headers.get("etag")).toMatch(/^"[0-9a-f]{32}"$/);
    expect(res.headers.get("access-control-allow-origin")).toBe(SITE);
    expect(res.headers.get("vary")).toBe("Origin");
    expect((await store.read("uploads/r1", 100))?.contentType).toBe("image/png");
  });

  it("answers a preflight for the sites only", async () => {
    const ok = await app.request("/local-files/upload", {
      method: "OPTIONS",
      headers: { origin: SITE, "access-control-request-method": "POST" },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe(SITE);
    expect(ok.headers.get("access-control-allow-methods")).toBe("POST");
    expect(ok.headers.get("access-control-allow-headers")).toBe("content-type");
    const other = await app.request("/local-files/upload", {
      method: "OPTIONS",
      headers: { origin: "https://evil.example" },
    });
    expect(other.status).toBe(403);
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    const { url, form } = await formFor("uploads/r2");
    const posted = await app.request(url, {
      method: "POST",
      body: form,
      headers: { origin: "https://evil.example" },
    });
    expect(posted.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("refuses as S3 does, in XML, with 4xx for every bad form", async () => {
    const { url, form } = await formFor("uploads/r3", new Uint8Array(101));
    const large = await app.request(url, { method: "POST", body: form });
    expect(large.status).toBe(400);
    expect(await xmlError(large)).toBe("EntityTooLarge");

    const notMultipart = await app.request(url, {
      method: "POST",
      body: "key=uploads/r3",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(notMultipart.status).toBe(400);
    expect(await xmlError(notMultipart)).toBe("MalformedPOSTRequest");

    const broken = await app.request(url, {
      method: "POST",
      body: '--x\r\nContent-Disposition: form-data; name="key"\r\n\r\nunterminated',
      headers: { "content-type": "multipart/form-data; boundary=x" },
    });
    expect(broken.status).toBe(400);
    expect(await xmlError(broken)).toBe("MalformedPOSTRequest");

    // The file must come last: a field after it is ignored, as on S3, so the key is missing.
    const late = await formFor("uploads/r4");
    const reordered = new FormData();
    for (const [name, value] of Object.entries(late.fields)) {
      if (name !== "key") reordered.append(name, value);
    }
    reordered.append("file", new Blob([new Uint8Array(10)]), "photo.png");
    reordered.append("key", "uploads/r4");
    const after = await app.request(url, { method: "POST", body: reordered });
    expect(after.status).toBe(400);
    expect(await xmlError(after)).toBe("InvalidArgument");

    const noFile = new FormData();
    for (const [name, value] of Object.entries(late.fields)) noFile.append(name, value);
    const missing = await app.request(url, { method: "POST", body: noFile });
    expect(missing.status).toBe(400);
    expect(await xmlError(missing)).toBe("InvalidArgument");

    const twice = new FormData();
    for (const [name, value] of Object.entries(late.fields)) twice.append(name, value);
    twice.append("Key", "uploads/r4");
    twice.append("file", new Blob([new Uint8Array(10)]));
    const duplicated = await app.request(url, { method: "POST", body: twice });
    expect(duplicated.status).toBe(400);
    expect(await store.read("uploads/r4", 100)).toBeNull();
  });

  it("redirects (303) to success_action_redirect with the bucket, key and etag", async () => {
    const { url, fields } = await store.presignUpload({
      ...policy,
      key: "uploads/r5",
      successRedirect: "http://localhost:5173/r/photo?t=abc",
    });
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append("file", new Blob([new Uint8Array(5)]));
    const res = await app.request(url, { method: "POST", body: form, redirect: "manual" });
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get("location") ?? "");
    expect(location.origin + location.pathname).toBe("http://localhost:5173/r/photo");
    expect(Object.fromEntries(location.searchParams)).toEqual({
      t: "abc",
      bucket: "local",
      key: "uploads/r5",
      etag: res.headers.get("etag"),
    });
  });
});

describe("the local file links", () => {
  it("serve a signed key inline or as an attachment, and refuse a forged or absent one", async () => {
    await store.put("files/A1/f1/photo.jpg", new Uint8Array([1, 2, 3]), "image/jpeg");
    const inline = await app.request(
      await store.link("files/A1/f1/photo.jpg", 60, "照片.jpg", "inline"),
    );
    expect(inline.status).toBe(200);
    expect(inline.headers.get("content-type")).toBe("image/jpeg");
    expect(inline.headers.get("content-disposition")).toBe(
      `inline; filename*=UTF-8''${encodeURIComponent("照片.jpg")}`,
    );
    expect(inline.headers.get("cache-control")).toBe("private, max-age=300");
    expect(inline.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await inline.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));

    const saved = await app.request(await store.link("files/A1/f1/photo.jpg", 60, "照片.jpg"));
    expect(saved.headers.get("content-disposition")).toMatch(/^attachment; filename="__.jpg"/);
    await saved.arrayBuffer();

    const forged = await app.request(
      "/local-files/files/A1/f1/photo.jpg?name=a&disposition=inline&expires=99999999999&sig=x",
    );
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    const unsigned = await app.request("/local-files/files/A1/f1/photo.jpg");
    expect(unsigned.status).toBe(403);
    const absent = await app.request(await store.link("files/A1/f1/none.jpg", 60, "a.jpg"));
    expect(absent.status).toBe(404);
    for (const path of [
      "/local-files/exports/a.csv",
      "/local-files/..%2Fsecret",
      "/local-files/upload",
      "/local-files/files/a%2F..%2F..%2Fx",
    ]) {
      expect((await app.request(path)).status, path).toBe(404);
    }
  });

  it("serve public keys without signature, cached", async () => {
    await store.put("public/n1/after.jpg", new Uint8Array([9]), "image/jpeg");
    const res = await app.request(store.publicUrl("public/n1/after.jpg"));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=3600");
    expect(res.headers.get("content-disposition")).toBeNull();
    await res.arrayBuffer();
    expect((await app.request("/local-files/public/n1/none.jpg")).status).toBe(404);
  });
});

describe("where the file store is S3", () => {
  it("the local endpoints do not exist, and API Gateway never gets them", async () => {
    const s3 = createApp({
      files: new S3FileStore("b"),
      requestDeadlineMs: 10_000,
    } as unknown as Deps);
    expect((await s3.request("/local-files/public/n1/after.jpg")).status).toBe(404);
    expect((await s3.request("/local-files/upload", { method: "POST", body: "x" })).status).toBe(
      404,
    );
    expect(s3.bodyLimit("POST", "/local-files/upload")).toBe(64 * 1024);
    expect(app.bodyLimit("POST", "/local-files/upload")).toBe(21 * 1024 * 1024);
    expect(routes.some((r) => r.path.startsWith("/local-files"))).toBe(false);
  });
});

describe("hostile input on the local endpoints", () => {
  it("never answers 5xx", async () => {
    const { fields } = await store.presignUpload({ ...policy, key: "uploads/h1" });
    const statuses: number[] = [];
    const paths = [
      "x".repeat(3000),
      "%E0%A4%A",
      "..%2F..%2Fetc",
      "files/%00/a",
      "public/..%2F..%2Fx",
      "🙂".repeat(300),
      "files/a/b/c/d/e/f",
    ];
    const queries = [
      "",
      "?name=a&disposition=inline&expires=99999999999999999999&sig=x",
      "?name=&disposition=&expires=&sig=",
      "?expires=-1&sig=%FF",
      `?name=${"字".repeat(500)}&disposition=attachment&expires=1&sig=${"a".repeat(43)}`,
    ];
    for (const path of paths) {
      for (const query of queries) {
        const res = await app.request(`/local-files/${path}${query}`);
        statuses.push(res.status);
        await res.arrayBuffer();
      }
    }
    const forms: [string, string | Uint8Array][] = [
      ["multipart/form-data", "x"],
      ["multipart/form-data; boundary=", "--\r\n"],
      ["multipart/form-data; boundary=b", "--b--\r\n"],
      [
        "multipart/form-data; boundary=b",
        "--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--",
      ],
      ["multipart/form-data; boundary=b", new Uint8Array(5000).fill(0xff)],
      ["text/plain", "file=x"],
      ["", ""],
    ];
    for (const [type, body] of forms) {
      const res = await app.request("/local-files/upload", {
        method: "POST",
        body,
        headers: type ? { "content-type": type } : {},
      });
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    const variants: Record<string, string>[] = [
      { ...fields, policy: "!!!" },
      { ...fields, policy: Buffer.from("null").toString("base64") },
      { ...fields, policy: "x".repeat(60_000) },
      { ...fields, "x-amz-signature": "🙂" },
      { ...fields, key: "" },
      { ...fields, "Content-Type": "\u0000" },
      { ...fields, success_action_redirect: "javascript:alert(1)" },
      {},
    ];
    for (const variant of variants) {
      const form = new FormData();
      for (const [name, value] of Object.entries(variant)) form.append(name, value);
      form.append("file", "text instead of a file");
      const res = await app.request("/local-files/upload", { method: "POST", body: form });
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    const options = await app.request("/local-files/upload", {
      method: "OPTIONS",
      headers: { origin: "null" },
    });
    statuses.push(options.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(await store.read("uploads/h1", 1000)).toBeNull();
  });
});
