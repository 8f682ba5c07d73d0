import { createHash, createHmac } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { FileTooLargeError, type UploadPolicy } from "./file-store.js";
import { LocalFileStore, type UploadForm } from "./local-file-store.js";
import { S3FileStore, sdkS3Port } from "./s3-file-store.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "lianxin-uploads-unit-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const decodePolicy = (fields: Record<string, string>) =>
  JSON.parse(Buffer.from(fields.policy ?? fields.Policy ?? "", "base64").toString("utf8")) as {
    expiration: string;
    conditions: unknown[];
  };

const photo: UploadPolicy = {
  key: "uploads/u1",
  contentType: "image/jpeg",
  maxBytes: 1000,
  expiresInSeconds: 600,
};

describe("the local store's presigned POST", () => {
  let clock = new Date("2026-03-10T02:00:00Z");
  const store = () =>
    new LocalFileStore({
      dir,
      signingKey: "s".repeat(32),
      now: () => clock,
      baseUrl: () => "http://127.0.0.1:4000",
    });
  const bytes = (n: number) => new Uint8Array(n).fill(7);
  const formOf = async (
    policy: UploadPolicy,
    change: (fields: Record<string, string>) => void = () => {},
    size = 10,
  ): Promise<UploadForm> => {
    const { fields } = await store().presignUpload(policy);
    change(fields);
    return { fields, file: { bytes: bytes(size) } };
  };

  it("mirrors S3's fields and policy document", async () => {
    const upload = await store().presignUpload({
      ...photo,
      successRedirect: "http://localhost:5173/done",
    });
    expect(upload.url).toBe("http://127.0.0.1:4000/local-files/upload");
    expect(upload.expiresAt).toBe("2026-03-10T02:10:00.000Z");
    expect(Object.keys(upload.fields)).toEqual([
      "key",
      "Content-Type",
      "success_action_redirect",
      "policy",
      "x-amz-algorithm",
      "x-amz-credential",
      "x-amz-date",
      "x-amz-signature",
    ]);
    expect(upload.fields["x-amz-date"]).toBe("20260310T020000Z");
    expect(upload.fields["x-amz-credential"]).toBe("local/20260310/local/s3/aws4_request");
    expect(decodePolicy(upload.fields)).toEqual({
      expiration: "2026-03-10T02:10:00.000Z",
      conditions: [
        ["content-length-range", 1, 1000],
        ["eq", "$Content-Type", "image/jpeg"],
        ["eq", "$success_action_redirect", "http://localhost:5173/done"],
        { bucket: "local" },
        { "x-amz-algorithm": "AWS4-HMAC-SHA256" },
        { "x-amz-credential": "local/20260310/local/s3/aws4_request" },
        { "x-amz-date": "20260310T020000Z" },
        { key: "uploads/u1" },
      ],
    });
    // Its own key: not the file links' (whose MAC would be base64url anyway).
    const linkKey = createHmac("sha256", "s".repeat(32)).update("lianxin:file-links").digest();
    const asLink = createHmac("sha256", linkKey)
      .update(upload.fields.policy ?? "")
      .digest("hex");
    expect(upload.fields["x-amz-signature"]).toMatch(/^[0-9a-f]{64}$/);
    expect(upload.fields["x-amz-signature"]).not.toBe(asLink);
  });

  it("caps the policy at 15 minutes and refuses a key it does not write", async () => {
    const upload = await store().presignUpload({ ...photo, expiresInSeconds: 86_400 });
    expect(upload.expiresAt).toBe("2026-03-10T02:15:00.000Z");
    await expect(store().presignUpload({ ...photo, key: "uploads/../x" })).rejects.toThrow();
    await expect(store().presignUpload({ ...photo, key: "elsewhere/x" })).rejects.toThrow();
  });

  it("takes a valid upload, writes it with its type and tells the listener later", async () => {
    const local = store();
    const heard: string[] = [];
    local.setUploadListener(async (key) => {
      heard.push(key);
    });
    const form = await formOf(photo);
    const outcome = await local.receiveUpload(form);
    const etag = createHash("md5").update(bytes(10)).digest("hex");
    expect(outcome).toEqual({ ok: true, key: "uploads/u1", etag });
    // Not within the request: the way S3's events come after its answer.
    expect(heard).toEqual([]);
    await local.uploadsSettled();
    expect(heard).toEqual(["uploads/u1"]);
    expect(await readFile(join(dir, "uploads/u1"))).toEqual(Buffer.from(bytes(10)));
    expect(await local.read("uploads/u1", 10)).toEqual({
      bytes: new Uint8Array(bytes(10)),
      contentType: "image/jpeg",
    });
  });

  it("answers a redirect as S3 does, with the bucket, key and quoted etag", async () => {
    const outcome = await store().receiveUpload(
      await formOf({ ...photo, key: "uploads/u2", successRedirect: "https://x.example/ok?t=a" }),
    );
    const etag = createHash("md5").update(bytes(10)).digest("hex");
    expect(outcome).toMatchObject({
      ok: true,
      redirect: `https://x.example/ok?t=a&bucket=local&key=uploads%2Fu2&etag=%22${etag}%22`,
    });
    const plain = await store().receiveUpload(
      await formOf({ ...photo, key: "uploads/u3", successRedirect: "https://x.example/ok" }),
    );
    expect(plain).toMatchObject({ ok: true });
    expect(plain.ok && plain.redirect?.startsWith("https://x.example/ok?bucket=local&")).toBe(true);
  });

  it("takes field names in any case and x-ignore- fields", async () => {
    const form = await formOf({ ...photo, key: "uploads/u4" }, (f) => {
      f["Content-type".toLowerCase()] = f["Content-Type"] ?? "";
      delete f["Content-Type"];
      f["X-Amz-Signature"] = f["x-amz-signature"] ?? "";
      delete f["x-amz-signature"];
      f["x-ignore-note"] = "anything";
    });
    expect(await store().receiveUpload(form)).toMatchObject({ ok: true });
  });

  const refusals: [
    string,
    Partial<UploadPolicy>,
    (f: Record<string, string>) => void,
    number,
    unknown,
  ][] = [
    [
      "expired",
      {},
      () => {},
      10,
      { status: 403, code: "AccessDenied", message: expect.stringMatching(/expired/) },
    ],
    [
      "another key",
      {},
      (f) => {
        f.key = "uploads/other";
      },
      10,
      {
        status: 403,
        code: "AccessDenied",
        message: expect.stringMatching(/Condition failed.*"key"/),
      },
    ],
    [
      "another type",
      {},
      (f) => {
        f["Content-Type"] = "text/html";
      },
      10,
      { status: 403, code: "AccessDenied", message: expect.stringMatching(/Content-Type/) },
    ],
    ["too large", {}, () => {}, 1001, { status: 400, code: "EntityTooLarge" }],
    ["empty", {}, () => {}, 0, { status: 400, code: "EntityTooSmall" }],
    [
      "a tampered policy",
      {},
      (f) => {
        const doc = decodePolicy(f);
        doc.conditions[0] = ["content-length-range", 1, 10_000_000];
        f.policy = Buffer.from(JSON.stringify(doc)).toString("base64");
      },
      10,
      { status: 403, code: "SignatureDoesNotMatch" },
    ],
    [
      "an extra field",
      {},
      (f) => {
        f.acl = "public-read";
      },
      10,
      {
        status: 403,
        code: "AccessDenied",
        message: expect.stringMatching(/Extra input fields: acl/),
      },
    ],
    [
      "a bad signature",
      {},
      (f) => {
        f["x-amz-signature"] = "0".repeat(64);
      },
      10,
      { status: 403, code: "SignatureDoesNotMatch" },
    ],
    [
      "no signature",
      {},
      (f) => {
        delete f["x-amz-signature"];
      },
      10,
      { status: 403, code: "AccessDenied" },
    ],
    [
      "no policy",
      {},
      (f) => {
        delete f.policy;
      },
      10,
      { status: 403, code: "AccessDenied" },
    ],
    [
      "no key",
      {},
      (f) => {
        delete f.key;
      },
      10,
      { status: 400, code: "InvalidArgument" },
    ],
    [
      "another algorithm",
      {},
      (f) => {
        f["x-amz-algorithm"] = "AWS4-HMAC-SHA1";
      },
      10,
      { status: 400, code: "InvalidArgument" },
    ],
    [
      "another redirect",
      { successRedirect: "https://x.example/ok" },
      (f) => {
        f.success_action_redirect = "https://evil.example/";
      },
      10,
      { status: 403, code: "AccessDenied" },
    ],
    [
      "a redirect not in the policy",
      {},
      (f) => {
        f.success_action_redirect = "https://evil.example/";
      },
      10,
      { status: 403, code: "AccessDenied", message: expect.stringMatching(/Extra input fields/) },
    ],
  ];

  it.each(refusals)("refuses %s, writing nothing", async (what, policy, change, size, expected) => {
    const key = `uploads/refused-${what.replaceAll(" ", "-")}`;
    const listener = vi.fn(async () => {});
    const local = store();
    local.setUploadListener(listener);
    const form = await formOf({ ...photo, ...policy, key }, change, size);
    if (what === "expired") clock = new Date(clock.getTime() + 600_000);
    try {
      expect(await local.receiveUpload(form)).toEqual({
        ok: false,
        message: expect.any(String),
        ...(expected as object),
      });
    } finally {
      clock = new Date("2026-03-10T02:00:00Z");
    }
    await local.uploadsSettled();
    expect(listener).not.toHaveBeenCalled();
    expect(await local.read(key, 10_000)).toBeNull();
  });

  it("refuses a policy signed by another store, and a malformed one", async () => {
    const form = await formOf({ ...photo, key: "uploads/u5" });
    const other = new LocalFileStore({ dir, signingKey: "t".repeat(32), now: () => clock });
    expect(await other.receiveUpload(form)).toMatchObject({
      ok: false,
      code: "SignatureDoesNotMatch",
    });
    // A well-signed document that is not a policy (only a bug of ours could sign one).
    const local = store();
    const sign = (policy: string) =>
      (local as unknown as { policySignature(p: string): string }).policySignature(policy);
    for (const document of [
      "not json",
      "[]",
      JSON.stringify({ expiration: "x", conditions: [] }),
      JSON.stringify({ expiration: "2030-01-01T00:00:00Z", conditions: [["lt", "$key", "a"]] }),
    ]) {
      const policy = Buffer.from(document).toString("base64");
      const outcome = await local.receiveUpload({
        fields: { ...form.fields, policy, "x-amz-signature": sign(policy) },
        file: form.file,
      });
      expect(outcome).toMatchObject({ ok: false, status: 400, code: "InvalidPolicyDocument" });
    }
  });

  it("logs a listener's failure and never throws it into the upload", async () => {
    const local = store();
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      local.setUploadListener(async () => {
        throw new Error("processor down");
      });
      const outcome = await local.receiveUpload(await formOf({ ...photo, key: "uploads/u6" }));
      expect(outcome).toMatchObject({ ok: true });
      await local.uploadsSettled();
      expect(errors).toHaveBeenCalledTimes(1);
      const line = JSON.parse(String(errors.mock.calls[0]?.[0]));
      expect(line).toMatchObject({
        level: "error",
        key: "uploads/u6",
        error: "Error: processor down",
      });
    } finally {
      errors.mockRestore();
    }
  });
});

describe("the local store's objects and links", () => {
  let clock = new Date("2026-03-10T02:00:00Z");
  const store = () =>
    new LocalFileStore({
      dir,
      signingKey: "s".repeat(32),
      now: () => clock,
      baseUrl: () => "http://127.0.0.1:4000",
    });
  const text = new TextEncoder();

  it("reads within a limit, copies with the type, removes (absent too)", async () => {
    await store().put("staged/u7/photo.jpg", text.encode("jpeg bytes"), "image/jpeg");
    await expect(store().read("staged/u7/photo.jpg", 9)).rejects.toBeInstanceOf(FileTooLargeError);
    await store().copy("staged/u7/photo.jpg", "files/A1/f1/photo.jpg");
    expect(await store().read("files/A1/f1/photo.jpg", 100)).toEqual({
      bytes: new Uint8Array(text.encode("jpeg bytes")),
      contentType: "image/jpeg",
    });
    await store().remove("staged/u7/photo.jpg");
    await store().remove("staged/u7/photo.jpg");
    await store().remove("staged/u7");
    expect(await store().read("staged/u7/photo.jpg", 100)).toBeNull();
    expect(await readdir(join(dir, "staged/u7"))).toEqual([]);
    // A folder is no object; side files are no keys.
    expect(await store().read("staged/u7", 100)).toBeNull();
    await expect(store().put("uploads/x.meta.json", text.encode("{}"), "a/b")).rejects.toThrow();
  });

  it("signs links over key, expiry, name and disposition", async () => {
    const url = await store().link("files/A1/f1/photo.jpg", 300, "照片.jpg", "inline");
    const parsed = new URL(url);
    expect(parsed.origin + parsed.pathname).toBe(
      "http://127.0.0.1:4000/local-files/files/A1/f1/photo.jpg",
    );
    const q = Object.fromEntries(parsed.searchParams);
    expect(q).toMatchObject({ name: "照片.jpg", disposition: "inline" });
    const key = "files/A1/f1/photo.jpg";
    expect(store().verifyLink(key, q)).toEqual({
      key,
      downloadName: "照片.jpg",
      disposition: "inline",
    });
    expect(store().verifyLink("files/A1/f1/other.jpg", q)).toBeNull();
    expect(store().verifyLink(key, { ...q, disposition: "attachment" })).toBeNull();
    expect(store().verifyLink(key, { ...q, name: "x.jpg" })).toBeNull();
    expect(store().verifyLink(key, { ...q, expires: String(Number(q.expires) + 1) })).toBeNull();
    expect(store().verifyLink(key, { ...q, sig: undefined })).toBeNull();
    expect(store().verifyLink(key, { ...q, expires: "1e10" })).toBeNull();
    // The download default and the export links stay as they were.
    expect(new URL(await store().link(key, 300, "a.jpg")).searchParams.get("disposition")).toBe(
      "attachment",
    );
    expect(await store().link("exports/a.csv", 60, "a.csv")).toMatch(
      /^\/api\/staff\/exports\/a\.csv\?name=/,
    );
    clock = new Date(clock.getTime() + 300_000);
    expect(store().verifyLink(key, q)).toBeNull();
  });

  it("names public objects without signature, and nothing else", () => {
    expect(store().publicUrl("public/n1/after.jpg")).toBe(
      "http://127.0.0.1:4000/local-files/public/n1/after.jpg",
    );
    expect(() => store().publicUrl("files/A1/f1/photo.jpg")).toThrow();
  });
});

describe("the S3 presigned POST, signed by the SDK (no network)", () => {
  it("carries our conditions in a policy signed with SigV4", async () => {
    const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "dummy-secret-key" };
    const store = new S3FileStore("lianxin-files", sdkS3Port("cn-northwest-1", { credentials }));
    const before = Date.now();
    const upload = await store.presignUpload({
      key: "uploads/u1",
      contentType: "image/webp",
      maxBytes: 10 * 1024 * 1024,
      expiresInSeconds: 300,
      successRedirect: "https://town.example/receipt/photo?t=abc",
    });
    expect(upload.url).toMatch(
      /^https:\/\/lianxin-files\.s3\.cn-northwest-1\.amazonaws\.com\.cn\/?$/,
    );
    const { fields } = upload;
    expect(fields).toMatchObject({
      key: "uploads/u1",
      "Content-Type": "image/webp",
      success_action_redirect: "https://town.example/receipt/photo?t=abc",
      "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
    });
    const policy = decodePolicy(fields);
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ["content-length-range", 1, 10 * 1024 * 1024],
        ["eq", "$Content-Type", "image/webp"],
        ["eq", "$success_action_redirect", "https://town.example/receipt/photo?t=abc"],
        { key: "uploads/u1" },
        { bucket: "lianxin-files" },
      ]),
    );
    const expiration = Date.parse(policy.expiration);
    expect(expiration - before).toBeGreaterThanOrEqual(299_000);
    expect(expiration - before).toBeLessThanOrEqual(301_000 + (Date.now() - before));
    // The signature is SigV4's over the base64 policy, with the credential's scope.
    const [, shortDate, region, service] = (fields["X-Amz-Credential"] ?? "").split("/");
    expect([region, service]).toEqual(["cn-northwest-1", "s3"]);
    const hmac = (key: string | Buffer, data: string) =>
      createHmac("sha256", key).update(data).digest();
    let signingKey = hmac(`AWS4${credentials.secretAccessKey}`, shortDate ?? "");
    for (const part of ["cn-northwest-1", "s3", "aws4_request"])
      signingKey = hmac(signingKey, part);
    expect(fields["X-Amz-Signature"]).toBe(
      createHmac("sha256", signingKey)
        .update(fields.Policy ?? "")
        .digest("hex"),
    );
  });
});
