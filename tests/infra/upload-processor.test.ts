import type { S3Event } from "aws-lambda";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

/**
 * The upload processor's Lambda entry (packages/functions/src/upload-processor.ts) around the
 * use case, which is replaced here by a recorder: which keys it is given, in which order, and
 * what the entry does with a failure.
 */
const processed: string[] = [];
const failOn = new Set<string>();
vi.mock("../../packages/functions/src/use-cases/files/uploaded-object.js", () => ({
  processUploadedObject: vi.fn(async (_deps: unknown, key: string) => {
    processed.push(key);
    if (failOn.has(key)) throw new Error(`cannot process ${key}`);
  }),
}));

const { decodeS3Key, handler } = await import("../../packages/functions/src/upload-processor.js");

const BUCKET = "dev-lianxin-files";
const event = (...keys: string[]): S3Event =>
  ({
    Records: keys.map((key) => ({
      eventName: "ObjectCreated:Post",
      s3: { bucket: { name: BUCKET }, object: { key, size: 1 } },
    })),
  }) as unknown as S3Event;

const saved = { ...process.env };
let logs: string[] = [];

beforeAll(() => {
  process.env.TABLE_NAME = "dev-lianxin-table";
  process.env.FILES_BUCKET = BUCKET;
  process.env.AWS_REGION = "ap-east-1";
});
afterAll(() => {
  process.env = saved;
});
beforeEach(() => {
  processed.length = 0;
  failOn.clear();
  logs = [];
  vi.spyOn(console, "log").mockImplementation((line: string) => void logs.push(line));
  vi.spyOn(console, "error").mockImplementation((line: string) => void logs.push(line));
});

describe("the upload processor's entry", () => {
  it("decodes S3's keys: %-escapes, and + for a space", () => {
    expect(decodeS3Key("uploads/a+b%2B%E7%85%A7.jpg")).toBe("uploads/a b+照.jpg");
  });

  it("processes each upload, one after another, in the records' order", async () => {
    await handler(event("uploads/u1/photo.jpg", "uploads/u2/my+photo.png"));
    expect(processed).toEqual(["uploads/u1/photo.jpg", "uploads/u2/my photo.png"]);
    expect(logs).toEqual([]);
  });

  it("ignores keys outside uploads/ and other buckets, with a log line", async () => {
    const other = event("uploads/u3/x.jpg");
    (other.Records[0] as { s3: { bucket: { name: string } } }).s3.bucket.name = "elsewhere";
    await handler(event("staged/u1/photo.jpg", "exports/a.xlsx"));
    await handler(other);
    expect(processed).toEqual([]);
    expect(logs.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ level: "info", key: "staged/u1/photo.jpg" }),
      expect.objectContaining({ level: "info", key: "exports/a.xlsx" }),
      expect.objectContaining({ level: "info", key: "uploads/u3/x.jpg", bucket: "elsewhere" }),
    ]);
  });

  it("goes on after a failure, logs it as JSON and rethrows it at the end (Lambda retries)", async () => {
    failOn.add("uploads/bad.jpg");
    await expect(handler(event("uploads/bad.jpg", "uploads/good.jpg"))).rejects.toThrow(
      "cannot process uploads/bad.jpg",
    );
    expect(processed).toEqual(["uploads/bad.jpg", "uploads/good.jpg"]);
    expect(logs.map((line) => JSON.parse(line))).toEqual([
      {
        level: "error",
        msg: "upload processor: failed",
        key: "uploads/bad.jpg",
        error: "cannot process uploads/bad.jpg",
      },
    ]);
  });

  it("calls the use case with (deps, key)", async () => {
    const real = await vi.importActual<
      typeof import("../../packages/functions/src/use-cases/files/uploaded-object.js")
    >("../../packages/functions/src/use-cases/files/uploaded-object.js");
    expect(real.processUploadedObject).toBeTypeOf("function");
    expect(real.processUploadedObject.length).toBe(2);
  });
});
