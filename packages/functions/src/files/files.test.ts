import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SpillSink } from "../export/spill-sink.js";
import { contentDisposition, exportName, FileTooLargeError, isFileKey } from "./file-store.js";
import { LocalFileStore } from "./local-file-store.js";
import { S3FileStore, type S3Port } from "./s3-file-store.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "lianxin-files-unit-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const text = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
};

describe("export keys and names", () => {
  it("accepts only exports/<simple name>", () => {
    expect(exportName("exports/abc-1.xlsx")).toBe("abc-1.xlsx");
    expect(exportName("exports/../secret")).toBeNull();
    expect(exportName("exports/a/b.xlsx")).toBeNull();
    expect(exportName("other/abc.xlsx")).toBeNull();
  });

  it("accepts keys under the five prefixes, at most four segments deep", () => {
    for (const key of [
      "exports/abc.xlsx",
      "uploads/u_1-x",
      "staged/u1/photo.jpg",
      "files/20260310-0001/f1/thumb.jpg",
      "public/n1/a/b/c.jpg",
    ]) {
      expect(isFileKey(key), key).toBe(true);
    }
    for (const key of [
      "uploads/",
      "uploads/a/b/c/d/e",
      "uploads/../x",
      "uploads/a..b",
      "uploads/.hidden",
      "uploads/a//b",
      "uploads/a/",
      "other/a",
      "/uploads/a",
      "uploads/照片.jpg",
      `uploads/${"a".repeat(122)}`,
      "uploads/a b",
      "uploads\\a",
    ]) {
      expect(isFileKey(key), key).toBe(false);
    }
  });

  it("names the download in UTF-8 with an ASCII fallback", () => {
    expect(contentDisposition("台账-2026-03-01-2026-03-31.xlsx")).toBe(
      `attachment; filename="__-2026-03-01-2026-03-31.xlsx"; filename*=UTF-8''${encodeURIComponent("台账-2026-03-01-2026-03-31.xlsx")}`,
    );
  });
});

describe("the local file store", () => {
  let clock = new Date("2026-03-10T02:00:00Z");
  const store = () => new LocalFileStore({ dir, signingKey: "s".repeat(32), now: () => clock });

  it("stores bytes and streams, and serves them back", async () => {
    await store().put("exports/a.csv", new TextEncoder().encode("a,b\r\n"), "text/csv");
    const body = Buffer.from("x".repeat(1000));
    await store().put("exports/b.csv", { stream: Readable.from([body]), length: 1000 }, "text/csv");
    const a = await store().get("exports/a.csv");
    expect(a).toMatchObject({ size: 5, contentType: "text/csv" });
    expect(await text(a?.stream as Readable)).toBe("a,b\r\n");
    expect((await store().get("exports/b.csv"))?.size).toBe(1000);
    expect(await store().get("exports/none.csv")).toBeNull();
    await expect(store().put("exports/../x", new Uint8Array(), "text/plain")).rejects.toThrow();
  });

  it("signs links over key, expiry and name, and refuses them once expired", async () => {
    const url = await store().link("exports/a.csv", 60, "台账.csv");
    const [path, search] = url.split("?") as [string, string];
    expect(path).toBe("/api/staff/exports/a.csv");
    const q = Object.fromEntries(new URLSearchParams(search));
    expect(store().verify("a.csv", q)).toEqual({ key: "exports/a.csv", downloadName: "台账.csv" });
    expect(store().verify("b.csv", q)).toBeNull();
    expect(store().verify("a.csv", { ...q, name: "other.csv" })).toBeNull();
    expect(store().verify("a.csv", { ...q, expires: String(Number(q.expires) + 60) })).toBeNull();
    expect(store().verify("a.csv", { ...q, sig: undefined })).toBeNull();
    const otherKey = new LocalFileStore({ dir, signingKey: "t".repeat(32), now: () => clock });
    expect(otherKey.verify("a.csv", q)).toBeNull();
    clock = new Date(clock.getTime() + 60_000);
    expect(store().verify("a.csv", q)).toBeNull();
  });
});

describe("the S3 file store (without AWS)", () => {
  const calls: unknown[] = [];
  const objects = new Map<string, { bytes: Uint8Array; type: string }>();
  let bodiesRead = 0;
  let discarded = 0;
  const port: S3Port = {
    async putObject(input) {
      calls.push({
        put: { ...input, Body: input.Body instanceof Uint8Array ? "bytes" : "stream" },
      });
    },
    async presignGetObject(input, expiresIn) {
      calls.push({ presign: input, expiresIn });
      return `https://bucket.example/${input.Key}?X-Amz-Expires=${expiresIn}`;
    },
    async presignPost(input) {
      calls.push({ presignPost: input });
      return { url: "https://bucket.example/", fields: { key: input.Key } };
    },
    async getObject(input) {
      const object = objects.get(input.Key);
      if (!object) return null;
      return {
        contentLength: object.bytes.byteLength,
        contentType: object.type,
        bytes: async () => {
          bodiesRead++;
          return object.bytes;
        },
        discard: () => {
          discarded++;
        },
      };
    },
    async copyObject(input) {
      calls.push({ copy: input });
    },
    async deleteObject(input) {
      calls.push({ delete: input });
    },
  };

  it("puts with the exact length and presigns GET for at most 15 minutes", async () => {
    calls.length = 0;
    const store = new S3FileStore("files-bucket", port);
    await store.put("exports/a.xlsx", { stream: Readable.from(["abc"]), length: 3 }, "x/y");
    const url = await store.link("exports/a.xlsx", 3600, "台账.xlsx");
    expect(url).toContain("X-Amz-Expires=900");
    expect(calls).toEqual([
      {
        put: {
          Bucket: "files-bucket",
          Key: "exports/a.xlsx",
          Body: "stream",
          ContentType: "x/y",
          ContentLength: 3,
        },
      },
      {
        presign: {
          Bucket: "files-bucket",
          Key: "exports/a.xlsx",
          ResponseContentDisposition: contentDisposition("台账.xlsx"),
        },
        expiresIn: 900,
      },
    ]);
  });

  it("links a photo inline, named in UTF-8", async () => {
    calls.length = 0;
    const store = new S3FileStore("files-bucket", port);
    await store.link("files/A1/f1/photo.jpg", 300, "照片 1.jpg", "inline");
    expect(calls).toEqual([
      {
        presign: {
          Bucket: "files-bucket",
          Key: "files/A1/f1/photo.jpg",
          ResponseContentDisposition: `inline; filename*=UTF-8''${encodeURIComponent("照片 1.jpg")}`,
        },
        expiresIn: 300,
      },
    ]);
  });

  it("presigns a POST pinning type, size range and redirect, for at most 15 minutes", async () => {
    calls.length = 0;
    const now = new Date("2026-03-10T02:00:00Z");
    const store = new S3FileStore("files-bucket", port, () => now);
    const upload = await store.presignUpload({
      key: "uploads/u1",
      contentType: "image/jpeg",
      maxBytes: 10_000_000,
      expiresInSeconds: 3600,
      successRedirect: "https://town.example/r/uploaded?t=1",
    });
    expect(upload).toEqual({
      url: "https://bucket.example/",
      fields: { key: "uploads/u1" },
      expiresAt: "2026-03-10T02:15:00.000Z",
    });
    expect(calls).toEqual([
      {
        presignPost: {
          Bucket: "files-bucket",
          Key: "uploads/u1",
          Conditions: [
            ["content-length-range", 1, 10_000_000],
            ["eq", "$Content-Type", "image/jpeg"],
            ["eq", "$success_action_redirect", "https://town.example/r/uploaded?t=1"],
          ],
          Fields: {
            "Content-Type": "image/jpeg",
            success_action_redirect: "https://town.example/r/uploaded?t=1",
          },
          Expires: 900,
        },
      },
    ]);
  });

  it("reads within a limit without reading a larger body, copies and removes", async () => {
    calls.length = 0;
    const store = new S3FileStore("files-bucket", port);
    objects.set("staged/u1/photo.jpg", { bytes: new Uint8Array(100), type: "image/jpeg" });
    expect(await store.read("staged/u1/photo.jpg", 100)).toEqual({
      bytes: new Uint8Array(100),
      contentType: "image/jpeg",
    });
    expect(bodiesRead).toBe(1);
    await expect(store.read("staged/u1/photo.jpg", 99)).rejects.toBeInstanceOf(FileTooLargeError);
    expect(bodiesRead).toBe(1);
    expect(discarded).toBe(1);
    expect(await store.read("staged/none", 100)).toBeNull();
    await store.copy("staged/u1/照片 1.jpg", "files/A1/f1/photo.jpg");
    await store.remove("staged/u1/photo.jpg");
    expect(calls).toEqual([
      {
        copy: {
          Bucket: "files-bucket",
          Key: "files/A1/f1/photo.jpg",
          CopySource: `files-bucket/staged/u1/${encodeURIComponent("照片 1.jpg")}`,
        },
      },
      { delete: { Bucket: "files-bucket", Key: "staged/u1/photo.jpg" } },
    ]);
    expect(store.publicUrl("public/n1/after.jpg")).toBe("/public/n1/after.jpg");
    expect(() => store.publicUrl("files/A1/f1/photo.jpg")).toThrow();
    await expect(
      store.presignUpload({
        key: "uploads/../x",
        contentType: "image/jpeg",
        maxBytes: 1,
        expiresInSeconds: 1,
      }),
    ).rejects.toThrow();
  });

  it("fails only when used without a bucket", async () => {
    const store = new S3FileStore(undefined, port);
    await expect(store.put("exports/a.xlsx", new Uint8Array(1), "x/y")).rejects.toThrow(
      /FILES_BUCKET/,
    );
  });
});

describe("the spill sink", () => {
  const write = (sink: SpillSink, chunks: string[]) =>
    new Promise<void>((resolve, reject) => {
      sink.on("error", reject);
      for (const c of chunks) sink.write(c);
      sink.end(() => resolve());
    });

  it("keeps a small output in memory", async () => {
    const sink = new SpillSink(100, dir);
    await write(sink, ["abc", "def"]);
    expect(sink.spilled).toBe(false);
    expect(sink.buffer().toString()).toBe("abcdef");
  });

  it("moves to a temporary file past its limit or when told, in order, and cleans up", async () => {
    const before = await readdir(dir);
    const sink = new SpillSink(5, dir);
    await write(sink, ["abc", "def", "ghi"]);
    expect(sink.spilled).toBe(true);
    expect(sink.size).toBe(9);
    expect(await readFile(sink.path as string, "utf8")).toBe("abcdefghi");
    await sink.cleanup();
    expect(await readdir(dir)).toEqual(before);

    const told = new SpillSink(1000, dir);
    told.write("ab");
    told.spill();
    await write(told, ["cd"]);
    expect(await readFile(told.path as string, "utf8")).toBe("abcd");
    await told.cleanup();
  });
});
