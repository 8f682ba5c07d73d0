import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SpillSink } from "../export/spill-sink.js";
import { contentDisposition, exportName } from "./file-store.js";
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
  };

  it("puts with the exact length and presigns GET for at most 15 minutes", async () => {
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
