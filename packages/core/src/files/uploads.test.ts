import { describe, expect, it } from "vitest";
import { fileTypeOfMime, fileTypeOfName, sniffFileType } from "./file-types.js";
import {
  checkPdf,
  checkPhotoCount,
  checkPixels,
  displayFileName,
  type FileRefusal,
  fileRefusalMessage,
  MAX_INPUT_PIXELS,
  MB,
  screenUpload,
} from "./uploads.js";

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  new Uint8Array(
    parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)),
  );

/** An ISO-BMFF `ftyp` box: size, "ftyp", major brand, minor version 0, compatible brands. */
const ftyp = (major: string, ...compatible: string[]): Uint8Array => {
  const size = 16 + 4 * compatible.length;
  return bytes([0, 0, 0, size], "ftyp", major, [0, 0, 0, 0], compatible.join(""));
};

const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], "JFIF");
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], "IHDR");
const WEBP = bytes("RIFF", [0x24, 0, 0, 0], "WEBPVP8 ");

describe("sniffFileType", () => {
  it("knows the accepted photos and PDFs by their magic numbers", () => {
    expect(sniffFileType(JPEG)).toBe("jpeg");
    expect(sniffFileType(PNG)).toBe("png");
    expect(sniffFileType(WEBP)).toBe("webp");
    expect(sniffFileType(bytes("%PDF-1.7\n"))).toBe("pdf");
  });

  it("names the kinds it refuses, so the message can say what the file is", () => {
    expect(sniffFileType(bytes("GIF89a", [1, 0, 1, 0]))).toBe("gif");
    expect(sniffFileType(bytes("GIF87a"))).toBe("gif");
    expect(sniffFileType(bytes([0x49, 0x49, 0x2a, 0]))).toBe("tiff");
    expect(sniffFileType(bytes([0x4d, 0x4d, 0, 0x2a]))).toBe("tiff");
    expect(sniffFileType(bytes("BM", [0x36, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0]))).toBe("bmp");
  });

  it("tells HEIC from AVIF by the ftyp brands", () => {
    // What an iPhone writes: major heic, compatible mif1 and heic.
    expect(sniffFileType(ftyp("heic", "mif1", "heic"))).toBe("heic");
    expect(sniffFileType(ftyp("heix", "mif1"))).toBe("heic");
    expect(sniffFileType(ftyp("hevc", "msf1"))).toBe("heic");
    // Generic HEIF brands alone: HEIF, which here means HEVC.
    expect(sniffFileType(ftyp("mif1", "heic"))).toBe("heic");
    expect(sniffFileType(ftyp("msf1"))).toBe("heic");
    // AVIF shares mif1 but names itself.
    expect(sniffFileType(ftyp("avif", "mif1", "miaf"))).toBe("avif");
    expect(sniffFileType(ftyp("mif1", "avif", "miaf"))).toBe("avif");
    expect(sniffFileType(ftyp("avis", "msf1"))).toBe("avif");
  });

  it("knows nothing of other files, short files or a video's ftyp", () => {
    expect(sniffFileType(bytes("<svg xmlns="))).toBeNull();
    expect(sniffFileType(bytes("MZ", [0x90, 0]))).toBeNull();
    expect(sniffFileType(ftyp("isom", "mp41"))).toBeNull();
    expect(sniffFileType(ftyp("qt  "))).toBeNull();
    expect(sniffFileType(new Uint8Array())).toBeNull();
    expect(sniffFileType(bytes([0xff, 0xd8]))).toBeNull();
    expect(sniffFileType(bytes("%PDF"))).toBeNull();
    expect(sniffFileType(bytes("RIFF", [0, 0, 0, 0], "WAVE"))).toBeNull();
  });
});

describe("what names and declared types claim", () => {
  it("reads extensions and MIME types, any case, aliases included", () => {
    expect(fileTypeOfName("IMG_0001.HEIC")).toBe("heic");
    expect(fileTypeOfName("照片.JPG")).toBe("jpeg");
    expect(fileTypeOfName("a.jpeg")).toBe("jpeg");
    expect(fileTypeOfName("a.png")).toBe("png");
    expect(fileTypeOfName("纪要.pdf")).toBe("pdf");
    expect(fileTypeOfName("no-extension")).toBeNull();
    expect(fileTypeOfName("archive.zip")).toBeNull();
    expect(fileTypeOfMime("image/jpeg")).toBe("jpeg");
    expect(fileTypeOfMime("image/jpg")).toBe("jpeg");
    expect(fileTypeOfMime("IMAGE/PNG; charset=binary")).toBe("png");
    expect(fileTypeOfMime("image/heif")).toBe("heic");
    expect(fileTypeOfMime("application/octet-stream")).toBeNull();
    expect(fileTypeOfMime("")).toBeNull();
  });
});

describe("screenUpload", () => {
  const photo = { purpose: "resident_photo" as const, declaredType: "image/jpeg", size: 1000 };

  it("accepts a photo whose bytes, name and declared type agree", () => {
    expect(screenUpload({ ...photo, name: "IMG_1.jpg", head: JPEG })).toEqual({
      ok: true,
      type: "jpeg",
      contentType: "image/jpeg",
      kind: "photo",
    });
    // A name without an extension and an unspecific type claim nothing.
    expect(
      screenUpload({ ...photo, name: "blob", declaredType: "application/octet-stream", head: PNG }),
    ).toMatchObject({ ok: true, type: "png" });
  });

  it("refuses HEIC with how to send it, whatever the name says", () => {
    const heic = ftyp("heic", "mif1", "heic");
    for (const name of ["IMG_0001.HEIC", "IMG_0001.jpg"]) {
      const result = screenUpload({ ...photo, name, declaredType: "image/heic", head: heic });
      expect(result).toEqual({ ok: false, refusal: { reason: "heic", name } });
    }
  });

  it("refuses bytes that disagree with the name or the declared type", () => {
    expect(screenUpload({ ...photo, name: "photo.jpg", declaredType: "", head: PNG })).toEqual({
      ok: false,
      refusal: { reason: "mismatch", name: "photo.jpg", detected: "png", claimed: "jpeg" },
    });
    expect(
      screenUpload({ ...photo, name: "photo", declaredType: "image/jpeg", head: PNG }),
    ).toEqual({
      ok: false,
      refusal: { reason: "mismatch", name: "photo", detected: "png", claimed: "jpeg" },
    });
  });

  it("refuses kinds not accepted for the purpose", () => {
    expect(
      screenUpload({ ...photo, name: "a.gif", declaredType: "", head: bytes("GIF89a") }),
    ).toEqual({
      ok: false,
      refusal: {
        reason: "unsupported_type",
        name: "a.gif",
        detected: "gif",
        purpose: "resident_photo",
      },
    });
    const pdf = bytes("%PDF-1.7\n");
    expect(screenUpload({ ...photo, name: "a.pdf", declaredType: "", head: pdf })).toMatchObject({
      ok: false,
      refusal: { reason: "unsupported_type", detected: "pdf" },
    });
    expect(
      screenUpload({
        ...photo,
        purpose: "staff_evidence",
        name: "纪要.pdf",
        declaredType: "application/pdf",
        head: pdf,
      }),
    ).toEqual({ ok: true, type: "pdf", contentType: "application/pdf", kind: "pdf" });
    expect(screenUpload({ ...photo, name: "x.exe", head: bytes("MZ") })).toMatchObject({
      ok: false,
      refusal: { reason: "unsupported_type", detected: null },
    });
  });

  it("refuses empty files and files over the purpose's limit", () => {
    expect(screenUpload({ ...photo, name: "a.jpg", size: 0, head: JPEG })).toMatchObject({
      ok: false,
      refusal: { reason: "empty" },
    });
    expect(screenUpload({ ...photo, name: "a.jpg", size: 10 * MB, head: JPEG }).ok).toBe(true);
    expect(screenUpload({ ...photo, name: "a.jpg", size: 10 * MB + 1, head: JPEG })).toMatchObject({
      ok: false,
      refusal: { reason: "too_large", maxBytes: 10 * MB },
    });
    const staff = { ...photo, purpose: "staff_evidence" as const, name: "a.jpg", head: JPEG };
    expect(screenUpload({ ...staff, size: 20 * MB }).ok).toBe(true);
    expect(screenUpload({ ...staff, size: 20 * MB + 1 }).ok).toBe(false);
  });
});

describe("checkPixels", () => {
  it("refuses a decompression bomb from its claimed size", () => {
    expect(checkPixels("bomb.png", 50_000, 50_000)).toEqual({
      reason: "too_many_pixels",
      name: "bomb.png",
      width: 50_000,
      height: 50_000,
      maxPixels: MAX_INPUT_PIXELS,
    });
  });

  it("lets every phone camera through: 48, 50 and 64 MP sensors", () => {
    expect(checkPixels("a.jpg", 8064, 6048)).toBeNull();
    expect(checkPixels("a.jpg", 8192, 6144)).toBeNull();
    expect(checkPixels("a.jpg", 9248, 6936)).toBeNull();
    expect(checkPixels("a.jpg", 8192, 8193)).not.toBeNull();
    expect(checkPixels("a.jpg", 0, 10)).toMatchObject({ reason: "corrupt" });
  });
});

describe("checkPdf", () => {
  it("takes a whole PDF and refuses a cut-off one or a disguised file", () => {
    const pdf = bytes("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n\n");
    expect(checkPdf("a.pdf", pdf)).toBeNull();
    expect(checkPdf("a.pdf", pdf.subarray(0, 30))).toEqual({ reason: "corrupt", name: "a.pdf" });
    expect(checkPdf("a.pdf", bytes("%PDF-x", "%%EOF"))).toEqual({
      reason: "corrupt",
      name: "a.pdf",
    });
  });
});

describe("checkPhotoCount", () => {
  it("stops at 3 a submission and 10 a concern", () => {
    expect(checkPhotoCount("a.jpg", { inSubmission: 2, onConcern: 9 })).toBeNull();
    expect(checkPhotoCount("a.jpg", { inSubmission: 3, onConcern: 3 })).toMatchObject({
      scope: "submission",
      limit: 3,
    });
    expect(checkPhotoCount("a.jpg", { inSubmission: 0, onConcern: 10 })).toMatchObject({
      scope: "concern",
      limit: 10,
    });
  });
});

describe("displayFileName", () => {
  it("keeps the last path segment without control or direction-override characters", () => {
    expect(displayFileName("C:\\fakepath\\IMG_0001.JPG")).toBe("IMG_0001.JPG");
    expect(displayFileName("photo\u202Egpj.exe")).toBe("photogpj.exe");
    expect(displayFileName("a\nb.jpg")).toBe("ab.jpg");
    const long = `${"很长的名字".repeat(20)}.jpg`;
    const shown = displayFileName(long);
    expect([...shown].length).toBe(60);
    expect(shown.endsWith(".jpg")).toBe(true);
  });
});

describe("fileRefusalMessage", () => {
  it("says how to send a HEIC, naming the file, in both languages", () => {
    expect(fileRefusalMessage({ reason: "heic", name: "IMG_0001.HEIC" })).toEqual({
      "zh-CN":
        "照片「IMG_0001.HEIC」是HEIC格式，无法读取。请在手机“设置 > 相机 > 格式”中改为“兼容性最佳”，或截图后再上传。",
      en: 'The photo "IMG_0001.HEIC" is in HEIC format, which we cannot read. On an iPhone choose Settings > Camera > Formats > Most Compatible, or send a screenshot of it.',
    });
  });

  it("names the file and the figures for every reason", () => {
    const refusals: FileRefusal[] = [
      { reason: "empty", name: "a.jpg" },
      { reason: "too_large", name: "a.jpg", bytes: 12.5 * MB, maxBytes: 10 * MB },
      { reason: "unsupported_type", name: "a.jpg", detected: "gif", purpose: "resident_photo" },
      { reason: "unsupported_type", name: "a.jpg", detected: null, purpose: "staff_evidence" },
      { reason: "mismatch", name: "a.jpg", detected: "png", claimed: "jpeg" },
      {
        reason: "too_many_pixels",
        name: "a.jpg",
        width: 50_000,
        height: 50_000,
        maxPixels: MAX_INPUT_PIXELS,
      },
      { reason: "corrupt", name: "a.jpg" },
      { reason: "too_many_photos", name: "a.jpg", scope: "submission", limit: 3 },
      { reason: "too_many_photos", name: "a.jpg", scope: "concern", limit: 10 },
    ];
    for (const refusal of refusals) {
      const message = fileRefusalMessage(refusal);
      expect(message["zh-CN"]).toContain("「a.jpg」");
      expect(message.en).toContain('"a.jpg"');
    }
    expect(fileRefusalMessage(refusals[1] as FileRefusal)["zh-CN"]).toContain("12.5 MB，超过10 MB");
    expect(fileRefusalMessage(refusals[5] as FileRefusal)["zh-CN"]).toContain(
      "50000 × 50000像素，超过6710万像素",
    );
    expect(fileRefusalMessage(refusals[5] as FileRefusal).en).toContain(
      "limit of 67 million pixels",
    );
    expect(fileRefusalMessage(refusals[3] as FileRefusal)["zh-CN"]).toContain("或PDF文件");
    expect(fileRefusalMessage({ reason: "empty", name: "" })["zh-CN"]).toContain("「未命名文件」");
  });
});
