import { describe, expect, it } from "vitest";
import {
  AttachedUploads,
  attachedFile,
  attachRefusal,
  type ConcernFile,
  claimProblem,
  filesForResident,
  fileViewBase,
  formKeyHash,
  issueUpload,
  pinnedContentType,
  screenUploadRequest,
  type UploadRecord,
  uploadIdFromBytes,
  uploadStatus,
} from "./attachments.js";
import { MB } from "./uploads.js";

const now = new Date("2026-12-06T10:00:00Z");
const id = (n: number) => uploadIdFromBytes(new Uint8Array(16).fill(n));
const resident = { kind: "resident" as const, id: null, name: null };
const cadre = { kind: "staff" as const, id: "env-clerk", name: "王小红" };

function upload(over: Partial<UploadRecord> = {}): UploadRecord {
  return {
    ...issueUpload({
      uploadId: id(1),
      purpose: "resident_photo",
      stage: "submission",
      request: { name: "IMG_1.jpg", contentType: "image/jpeg", size: 2 * MB },
      uploadedBy: resident,
      formKeyHash: formKeyHash("form-key-0001"),
      ledgerNo: null,
      now,
      expiresInSeconds: 900,
    }),
    ...over,
  };
}

function file(n: number, over: Partial<ConcernFile> = {}): ConcernFile {
  return {
    ...attachedFile(
      {
        ...upload({ uploadId: id(n), state: "processed" }),
        processed: {
          kind: "photo",
          contentType: "image/jpeg",
          bytes: 300_000,
          width: 2048,
          height: 1536,
          thumbnailBytes: 30_000,
          processedAt: now.toISOString(),
        },
      },
      "LS-2026-000001",
      new Date(now.getTime() + n * 1000),
    ),
    ...over,
  };
}

describe("upload ids", () => {
  it("are u and 22 base64url characters, from 16 random bytes", () => {
    expect(id(7)).toMatch(/^u[A-Za-z0-9_-]{22}$/);
    expect(() => uploadIdFromBytes(new Uint8Array(8))).toThrow(RangeError);
  });
});

describe("screenUploadRequest", () => {
  it("refuses before signing what cannot be taken: too large, HEIC, a kind not taken", () => {
    const ask = (name: string, contentType: string, size = MB) =>
      screenUploadRequest("resident_photo", { name, contentType, size })?.reason ?? null;
    expect(ask("a.jpg", "image/jpeg", 11 * MB)).toBe("too_large");
    expect(ask("IMG_2.HEIC", "")).toBe("heic");
    expect(ask("x.jpg", "image/heic")).toBe("heic");
    expect(ask("doc.pdf", "application/pdf")).toBe("unsupported_type");
    expect(ask("a.gif", "image/gif")).toBe("unsupported_type");
    // A type that names nothing (a plain form's) is the bytes' to decide.
    expect(ask("photo", "application/octet-stream")).toBeNull();
    expect(ask("a.jpg", "image/jpeg")).toBeNull();
    // Staff evidence takes PDFs up to 20 MB.
    expect(
      screenUploadRequest("staff_evidence", {
        name: "会议纪要.pdf",
        contentType: "application/pdf",
        size: 19 * MB,
      }),
    ).toBeNull();
  });

  it("pins the declared type only when it names a kind the purpose takes", () => {
    expect(pinnedContentType("resident_photo", "image/webp")).toBe("image/webp");
    expect(pinnedContentType("resident_photo", "")).toBe("application/octet-stream");
    expect(pinnedContentType("resident_photo", "application/pdf")).toBe("application/octet-stream");
  });
});

describe("claimProblem", () => {
  const form = formKeyHash("form-key-0001");
  it("lets the same form claim an upload that is processed, or issued and unexpired", () => {
    expect(claimProblem(upload(), form, now)).toBeNull();
    expect(claimProblem(upload({ state: "processed" }), form, new Date("2026-12-07"))).toBeNull();
  });
  it("says why it cannot", () => {
    expect(claimProblem(null, form, now)).toBe("missing");
    expect(claimProblem(upload(), formKeyHash("another-form"), now)).toBe("other_form");
    expect(claimProblem(upload({ ledgerNo: "LS-2026-000002" }), form, now)).toBe("taken");
    expect(claimProblem(upload({ state: "refused" }), form, now)).toBe("refused");
    expect(claimProblem(upload(), form, new Date(now.getTime() + 901_000))).toBe("expired");
  });
});

describe("files on a concern", () => {
  it("keeps the upload's id, actor and both times: who sent it, when it landed", () => {
    const f = file(3);
    expect(f).toMatchObject({
      fileId: id(3),
      ledgerNo: "LS-2026-000001",
      kind: "photo",
      hasThumbnail: true,
      addedBy: resident,
      uploadedAt: now.toISOString(),
      addedAt: new Date(now.getTime() + 3000).toISOString(),
    });
  });

  it("shows the resident their photos and the cadre's answer photos only", () => {
    const answerPhoto = file(2, { purpose: "staff_evidence", stage: "answer", addedBy: cadre });
    const answerPdf = file(3, { purpose: "staff_evidence", stage: "answer", kind: "pdf" });
    const notePhoto = file(4, { purpose: "staff_evidence", stage: "note", addedBy: cadre });
    const all = [notePhoto, answerPdf, answerPhoto, file(1)];
    const shown = filesForResident(all, { answeredAt: now.toISOString() });
    expect(shown.map((f) => f.fileId)).toEqual([id(1), id(2)]);
    // Uploaded for an answer not yet sent: not the resident's to see.
    expect(filesForResident(all, { answeredAt: null }).map((f) => f.fileId)).toEqual([id(1)]);
    expect(fileViewBase(answerPhoto, "resident").byName).toBeNull();
    expect(fileViewBase(answerPhoto, "staff")).toMatchObject({ by: "staff", byName: "王小红" });
  });

  it("refuses the eleventh resident photo on a concern, never staff evidence", () => {
    const ten = Array.from({ length: 10 }, (_, i) => file(i + 1));
    expect(attachRefusal({ purpose: "resident_photo", name: "x.jpg" }, ten)).toMatchObject({
      reason: "too_many_photos",
      scope: "concern",
      limit: 10,
    });
    expect(attachRefusal({ purpose: "resident_photo", name: "x.jpg" }, ten.slice(1))).toBeNull();
    expect(attachRefusal({ purpose: "staff_evidence", name: "x.pdf" }, ten)).toBeNull();
  });

  it("takes at most 3 distinct photos with a submission", () => {
    expect(AttachedUploads.safeParse([id(1), id(2), id(3)]).success).toBe(true);
    expect(AttachedUploads.safeParse([id(1), id(2), id(3), id(4)]).success).toBe(false);
    expect(AttachedUploads.safeParse([id(1), id(1)]).success).toBe(false);
    expect(AttachedUploads.safeParse(["u123"]).success).toBe(false);
  });

  it("tells the sender how an upload fared, with the refusal in both languages", () => {
    expect(uploadStatus(upload()).state).toBe("waiting");
    const refused = uploadStatus(
      upload({ state: "refused", refusal: { reason: "heic", name: "IMG_9.HEIC" } }),
    );
    expect(refused.refusal?.message["zh-CN"]).toContain("IMG_9.HEIC");
    expect(refused.refusal?.message.en).toContain("IMG_9.HEIC");
  });
});
