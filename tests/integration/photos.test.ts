import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prepareLocalDatabase, startLocalApi } from "@lianxin/functions/local";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { heicHead, PLANTED, phoneJpeg } from "../../packages/functions/src/files/photo-fixtures.js";
import { createTestTable } from "../support/database.js";

/**
 * Issue 15, the resident's photos end to end on the local stack: the API signs a POST, the
 * file goes straight to the local file store (as to S3), the processor runs in-process (as on
 * the bucket's event), the submission claims the photo in its own transaction, and the
 * tracking view links the processed photo for five minutes. Refusals write nothing.
 */
let api: { url: string; close(): Promise<void> };
let filesDir: string;
const SITE = "http://127.0.0.1:4399";

beforeAll(async () => {
  const { endpoint, tableName } = await createTestTable();
  await prepareLocalDatabase({ endpoint, tableName });
  filesDir = await mkdtemp(join(tmpdir(), "lianxin-photos-"));
  process.env.FILES_DIR = filesDir;
  process.env.LIANXIN_PUBLIC_SITE_URL = SITE;
  api = await startLocalApi({ port: 0, endpoint, tableName });
});
afterAll(async () => {
  await api.close();
  delete process.env.FILES_DIR;
  await rm(filesDir, { recursive: true, force: true });
});

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

interface Ticket {
  uploadId: string;
  url: string;
  fields: Record<string, string>;
  maxBytes: number;
  photosToken?: string;
}

async function ask(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${api.url}${path}`, json(body, headers));
  return { status: res.status, body: (await res.json()) as Ticket & Record<string, unknown> };
}

async function post(ticket: Ticket, bytes: Uint8Array) {
  const form = new FormData();
  for (const [name, value] of Object.entries(ticket.fields)) form.append(name, value);
  form.append("file", new Blob([bytes]), "IMG_0001.jpg");
  return fetch(ticket.url, { method: "POST", body: form, redirect: "manual" });
}

async function statusOf(uploadId: string) {
  const res = await fetch(`${api.url}/api/uploads/${uploadId}`);
  return (await res.json()) as { state: string; refusal: { message: Record<string, string> } };
}

/**
 * Until the processor (in this process, after the POST's answer) has judged the upload, and
 * attached it when it is to be (it is `processed` for a moment before).
 */
async function judged(uploadId: string, until: "processed" | "attached" = "processed") {
  for (let i = 0; i < 200; i++) {
    const status = await statusOf(uploadId);
    if (status.state === until || status.state === "refused") return status;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`upload ${uploadId} was never judged`);
}

const concernBody = (photos: string[]) => ({
  villageId: "meijing",
  categoryCode: "environment",
  description: "河道发黑发臭，附照片。",
  contactName: "测试居民",
  contactPhone: "13800138000",
  photos,
});

async function submit(formKey: string, photos: string[]) {
  const res = await fetch(
    `${api.url}/api/concerns`,
    json(concernBody(photos), { "idempotency-key": formKey }),
  );
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function track(ledgerNo: string, accessCode: string) {
  const res = await fetch(`${api.url}/api/concerns/${ledgerNo}`, {
    headers: { "x-access-code": accessCode },
  });
  return (await res.json()) as {
    files: { fileId: string; url: string; thumbnailUrl: string; by: string; kind: string }[];
  };
}

const photoRequest = (formKey: string, size: number) => ({
  name: "IMG_0001.jpg",
  contentType: "image/jpeg",
  size,
  formKey,
});

describe("a resident's photo with a submission", () => {
  it("is signed, posted, stripped, claimed and shown to the resident by a 5-minute link", async () => {
    const formKey = `form-${randomBytes(6).toString("hex")}`;
    const jpeg = await phoneJpeg(1200, 900, 6);
    const asked = await ask("/api/uploads", photoRequest(formKey, jpeg.length));
    expect(asked.status).toBe(201);
    expect(asked.body.uploadId).toMatch(/^u[A-Za-z0-9_-]{22}$/);
    expect((await post(asked.body, jpeg)).status).toBe(204);
    expect(await judged(asked.body.uploadId)).toMatchObject({ state: "processed" });

    const receipt = await submit(formKey, [asked.body.uploadId]);
    expect(receipt.status).toBe(201);
    const { ledgerNo, accessCode } = receipt.body as { ledgerNo: string; accessCode: string };
    const view = await track(ledgerNo, accessCode);
    expect(view.files).toHaveLength(1);
    const [photo] = view.files;
    expect(photo).toMatchObject({ fileId: asked.body.uploadId, by: "resident", kind: "photo" });

    const shown = await fetch(photo?.url ?? "");
    expect(shown.status).toBe(200);
    expect(shown.headers.get("content-type")).toBe("image/jpeg");
    expect(shown.headers.get("content-disposition")).toMatch(/^inline/);
    const bytes = Buffer.from(await shown.arrayBuffer());
    for (const planted of Object.values(PLANTED)) {
      expect(bytes.includes(Buffer.from(planted))).toBe(false);
    }
    const meta = await sharp(bytes).metadata();
    expect(meta.exif).toBeUndefined();
    // Orientation 6 applied: the 1200 × 900 stored pixels stand upright as 900 × 1200.
    expect([meta.width, meta.height]).toEqual([900, 1200]);
    const thumb = await sharp(
      Buffer.from(await (await fetch(photo?.thumbnailUrl ?? "")).arrayBuffer()),
    ).metadata();
    expect(Math.max(thumb.width ?? 0, thumb.height ?? 0)).toBe(400);

    // What was sent is gone; nothing is left waiting under staged/.
    expect(await readdir(join(filesDir, "uploads")).catch(() => [])).not.toContain(
      asked.body.uploadId,
    );
  });

  it("is attached by the processor when the submission claimed it first", async () => {
    const formKey = `form-${randomBytes(6).toString("hex")}`;
    const asked = await ask("/api/uploads", photoRequest(formKey, 50_000));
    // Claimed before any file came (the POST is still valid), then sent.
    const receipt = await submit(formKey, [asked.body.uploadId]);
    expect(receipt.status).toBe(201);
    const jpeg = await phoneJpeg(640, 480, 1);
    expect((await post(asked.body, jpeg)).status).toBe(204);
    expect(await judged(asked.body.uploadId, "attached")).toMatchObject({ state: "attached" });
    const { ledgerNo, accessCode } = receipt.body as { ledgerNo: string; accessCode: string };
    expect((await track(ledgerNo, accessCode)).files).toHaveLength(1);
  });

  it("refuses a photo of another form, and writes no concern", async () => {
    const asked = await ask(
      "/api/uploads",
      photoRequest(`form-${randomBytes(6).toString("hex")}`, 9),
    );
    const refused = await submit(`form-${randomBytes(6).toString("hex")}`, [asked.body.uploadId]);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain("第1张照片无法使用");
  });

  it("refuses a HEIC before signing, and a file whose bytes are no photo after posting", async () => {
    const formKey = `form-${randomBytes(6).toString("hex")}`;
    const heic = await ask(
      "/api/uploads",
      { name: "IMG_0002.HEIC", contentType: "image/heic", size: 3_000_000, formKey },
      { "accept-language": "en" },
    );
    expect(heic.status).toBe(400);
    expect(JSON.stringify(heic.body)).toContain("IMG_0002.HEIC");

    const asked = await ask("/api/uploads", photoRequest(formKey, heicHead().length));
    expect((await post(asked.body, heicHead())).status).toBe(204);
    const status = await judged(asked.body.uploadId);
    expect(status.state).toBe("refused");
    expect(status.refusal.message["zh-CN"]).toContain("IMG_0001.jpg");
    expect((await submit(formKey, [asked.body.uploadId])).status).toBe(400);
  });

  it("is refused by the file store over the signed size", async () => {
    const asked = await ask(
      "/api/uploads",
      photoRequest(`form-${randomBytes(6).toString("hex")}`, 1000),
    );
    const tooBig = new Uint8Array(10 * 1024 * 1024 + 1);
    const res = await post(asked.body, tooBig);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("EntityTooLarge");
    expect((await statusOf(asked.body.uploadId)).state).toBe("waiting");
  });
});

describe("a photo for an existing concern", () => {
  it("takes a plain form's photo and leads back to the site with a photos token", async () => {
    const formKey = `form-${randomBytes(6).toString("hex")}`;
    const receipt = await submit(formKey, []);
    const { ledgerNo, accessCode } = receipt.body as { ledgerNo: string; accessCode: string };
    const wrong = await ask(
      `/api/concerns/${ledgerNo}/uploads`,
      { name: "照片1", contentType: "", size: 1, form: true },
      { "x-access-code": "WRONG00000" },
    );
    expect(wrong.status).toBe(404);

    const asked = await ask(
      `/api/concerns/${ledgerNo}/uploads`,
      { name: "照片1", contentType: "", size: 1, form: true },
      { "x-access-code": accessCode },
    );
    expect(asked.status).toBe(201);
    expect(asked.body.fields.success_action_redirect).toMatch(`${SITE}/photos/sent?t=photos.`);
    const jpeg = await phoneJpeg(300, 200, 1);
    const res = await post(asked.body, jpeg);
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get("location") ?? "");
    expect(location.pathname).toBe("/photos/sent");
    expect(location.searchParams.get("key")).toBe(`uploads/${asked.body.uploadId}`);
    expect(location.searchParams.get("t")).toBe(asked.body.photosToken);
    expect(await judged(asked.body.uploadId, "attached")).toMatchObject({ state: "attached" });

    // The token opens this concern's uploads only: not its tracking view.
    const tokenTrack = await fetch(`${api.url}/api/concerns/${ledgerNo}`, {
      headers: { "x-link-token": asked.body.photosToken ?? "" },
    });
    expect(tokenTrack.status).toBe(404);
    const again = await ask(
      `/api/concerns/${ledgerNo}/uploads`,
      { name: "照片2", contentType: "", size: 1, form: true },
      { "x-link-token": asked.body.photosToken ?? "" },
    );
    expect(again.status).toBe(201);
    expect((await track(ledgerNo, accessCode)).files).toHaveLength(1);
  });
});
