import { beforeAll, describe, expect, it } from "vitest";
import { uploadKey } from "../../packages/functions/src/files/file-keys.js";
import { phoneJpeg } from "../../packages/functions/src/files/photo-fixtures.js";
import { processUploadedObject } from "../../packages/functions/src/use-cases/files/uploaded-object.js";
import { createTestApi, smellyCreek, submit, type TestApi, track } from "../support/api.js";
import { act, loginAs, staff } from "../support/staff.js";

/**
 * Issue 15, the cadre's side: evidence uploaded for an answer (a photo and a PDF), named by
 * the answer; the resident sees the "after" photo once answered, never the PDF; admin
 * publishes a notice with the photo it chose, copied to the public place, and may not publish
 * anything but the answer's photos. The bytes arrive as the file store would receive them;
 * the processor runs as its event would run it (the transport has its own tests).
 */
let api: TestApi;
let cadre: string;
let admin: string;
let inspector: string;

beforeAll(async () => {
  api = await createTestApi();
  cadre = await loginAs(api, "cadre");
  admin = await loginAs(api, "admin");
  inspector = await loginAs(api, "inspector");
});

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

/** A cadre's upload for `stage`, its bytes landed and processed. */
async function evidence(
  ledgerNo: string,
  file: { name: string; contentType: string; bytes: Uint8Array },
  stage: "answer" | "note" = "answer",
) {
  const res = await staff(api, cadre, "POST", `/api/staff/concerns/${ledgerNo}/uploads`, {
    name: file.name,
    contentType: file.contentType,
    size: file.bytes.length,
    stage,
  });
  expect(res.status).toBe(201);
  const { uploadId } = (await res.json()) as { uploadId: string };
  await api.deps.files.put(uploadKey(uploadId), file.bytes, file.contentType);
  await processUploadedObject(api.deps, uploadKey(uploadId));
  return uploadId;
}

async function accepted() {
  const filed = (await (await submit(api, smellyCreek)).json()) as {
    ledgerNo: string;
    accessCode: string;
  };
  expect((await act(api, cadre, filed.ledgerNo, { type: "accept" })).status).toBe(200);
  return filed;
}

async function residentFiles(ledgerNo: string, accessCode: string) {
  return (
    (await (await track(api, ledgerNo, accessCode)).json()) as { files: { fileId: string }[] }
  ).files;
}

describe("evidence for an answer", () => {
  it("is shown to staff at once, to the resident as an after photo once answered", async () => {
    const filed = await accepted();
    const photo = await evidence(filed.ledgerNo, {
      name: "整改后.jpg",
      contentType: "image/jpeg",
      bytes: await phoneJpeg(800, 600, 1),
    });
    const pdf = await evidence(filed.ledgerNo, {
      name: "会议纪要.pdf",
      contentType: "application/pdf",
      bytes: PDF,
    });
    const view = await (
      await staff(api, cadre, "GET", `/api/staff/concerns/${filed.ledgerNo}`)
    ).json();
    expect(view.files.map((f: { fileId: string }) => f.fileId).sort()).toEqual([photo, pdf].sort());
    const pdfView = view.files.find((f: { kind: string }) => f.kind === "pdf");
    expect(pdfView).toMatchObject({ by: "staff", byName: expect.any(String), thumbnailUrl: null });
    const download = await api.app.request(
      new URL(pdfView.url).pathname + new URL(pdfView.url).search,
    );
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment/);
    // Not answered yet: the resident sees none of it.
    expect(await residentFiles(filed.ledgerNo, filed.accessCode)).toEqual([]);

    const answered = await act(api, cadre, filed.ledgerNo, {
      type: "answer",
      outcome: "resolved",
      publicReply: "已清淤，河道恢复清澈。",
      evidenceFiles: [photo, pdf],
    });
    expect(answered.status).toBe(200);
    const answeredEvent = (await answered.json()).timeline.at(-1);
    expect(answeredEvent).toMatchObject({ type: "answered" });
    // The resident sees the after photo, never the PDF.
    expect((await residentFiles(filed.ledgerNo, filed.accessCode)).map((f) => f.fileId)).toEqual([
      photo,
    ]);
  });

  it("refuses files that are not this concern's uploads for the action, and strangers' uploads", async () => {
    const filed = await accepted();
    const other = await accepted();
    const elsewhere = await evidence(other.ledgerNo, {
      name: "a.jpg",
      contentType: "image/jpeg",
      bytes: await phoneJpeg(200, 100, 1),
    });
    const forNote = await evidence(
      filed.ledgerNo,
      { name: "b.jpg", contentType: "image/jpeg", bytes: await phoneJpeg(200, 100, 1) },
      "note",
    );
    for (const evidenceFiles of [[elsewhere], [forNote]]) {
      const res = await act(api, cadre, filed.ledgerNo, {
        type: "answer",
        outcome: "resolved",
        publicReply: "已处理。",
        evidenceFiles,
      });
      expect(res.status).toBe(400);
      expect((await res.json()).error.fields.evidenceFiles).toMatch(/第1个附件/);
    }
    const noted = await act(api, cadre, filed.ledgerNo, {
      type: "note",
      text: "现场照片见附件",
      evidenceFiles: [forNote],
    });
    expect(noted.status).toBe(200);
    // An inspector may not answer, so may not upload an answer's evidence.
    const refused = await staff(
      api,
      inspector,
      "POST",
      `/api/staff/concerns/${filed.ledgerNo}/uploads`,
      {
        name: "c.jpg",
        contentType: "image/jpeg",
        size: 1000,
        stage: "answer",
      },
    );
    expect([403, 404]).toContain(refused.status);
  });
});

describe("who may see a concern's files", () => {
  it("is only who may see the concern: not another concern's resident, not another department", async () => {
    const filed = await accepted();
    const other = await accepted();
    await evidence(filed.ledgerNo, {
      name: "现场.jpg",
      contentType: "image/jpeg",
      bytes: await phoneJpeg(200, 100, 1),
    });
    // Another concern's code opens nothing of this one.
    const wrongCode = await track(api, filed.ledgerNo, other.accessCode);
    expect(wrongCode.status).toBe(404);
    // A cadre of 园区建设办 does not handle 梅泾村's environment concerns: no view, no links.
    const cadre2 = await loginAs(api, "cadre2");
    const elsewhere = await staff(api, cadre2, "GET", `/api/staff/concerns/${filed.ledgerNo}`);
    expect(elsewhere.status).toBe(404);
    expect(JSON.stringify(await elsewhere.json())).not.toContain("local-files");
    const upload = await staff(
      api,
      cadre2,
      "POST",
      `/api/staff/concerns/${filed.ledgerNo}/uploads`,
      {
        name: "x.jpg",
        contentType: "image/jpeg",
        size: 100,
        stage: "note",
      },
    );
    expect(upload.status).toBe(404);
  });
});

describe("a notice's after photos", () => {
  it("are only what admin chose from the answer's photos, served from the public place", async () => {
    const filed = await accepted();
    const photo = await evidence(filed.ledgerNo, {
      name: "整改后.jpg",
      contentType: "image/jpeg",
      bytes: await phoneJpeg(640, 480, 1),
    });
    const pdf = await evidence(filed.ledgerNo, {
      name: "资金文件.pdf",
      contentType: "application/pdf",
      bytes: PDF,
    });
    expect(
      (
        await act(api, cadre, filed.ledgerNo, {
          type: "answer",
          outcome: "resolved",
          publicReply: "河道已清理。",
          evidenceFiles: [photo, pdf],
        })
      ).status,
    ).toBe(200);
    const rated = await api.app.request(`/api/concerns/${filed.ledgerNo}/feedback`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-access-code": filed.accessCode },
      body: JSON.stringify({ rating: "satisfied" }),
    });
    expect(rated.status).toBe(201);

    const drafts = (await (await staff(api, admin, "GET", "/api/staff/notices?state=draft")).json())
      .items as Array<{ id: string; ledgerNo: string; photoChoices: { fileId: string }[] }>;
    const draft = drafts.find((n) => n.ledgerNo === filed.ledgerNo);
    expect(draft?.photoChoices.map((f) => f.fileId)).toEqual([photo]);

    const notAPhoto = await staff(api, admin, "POST", `/api/staff/notices/${draft?.id}/publish`, {
      photos: [pdf],
    });
    expect(notAPhoto.status).toBe(400);
    const published = await staff(api, admin, "POST", `/api/staff/notices/${draft?.id}/publish`, {
      photos: [photo],
    });
    expect(published.status).toBe(200);

    const notice = await (await api.app.request(`/api/notices/${draft?.id}`)).json();
    expect(notice.photos).toHaveLength(1);
    const url = new URL(notice.photos[0].url);
    expect(url.pathname).toBe(`/local-files/public/notices/${draft?.id}/${photo}.jpg`);
    const served = await api.app.request(url.pathname);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/jpeg");
    expect(served.headers.get("cache-control")).toMatch(/public/);
  });
});
