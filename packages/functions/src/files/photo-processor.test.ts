import { fileRefusalMessage } from "@lianxin/core";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import {
  bombPng,
  exifTiff,
  heicHead,
  noisyJpeg,
  PLANTED,
  phoneJpeg,
  phonePng,
} from "./photo-fixtures.js";
import { type ProcessedImage, type ProcessedUpload, processUpload } from "./photo-processor.js";

const resident = { purpose: "resident_photo" as const };

function processed(result: ProcessedUpload) {
  if (!result.ok || result.kind !== "photo") {
    throw new Error(`expected a photo, got ${JSON.stringify(result).slice(0, 300)}`);
  }
  return result;
}

/** Everything a processed image must lack: metadata of any kind, and the planted strings. */
async function expectNoMetadata(image: ProcessedImage) {
  const metadata = await sharp(image.bytes).metadata();
  expect(metadata.format).toBe("jpeg");
  expect(metadata.exif).toBeUndefined();
  expect(metadata.icc).toBeUndefined();
  expect(metadata.xmp).toBeUndefined();
  expect(metadata.iptc).toBeUndefined();
  expect(metadata.comments).toBeUndefined();
  expect(metadata.orientation).toBeUndefined();
  const text = image.bytes.toString("latin1");
  for (const needle of ["Exif", "GPS", "ICC_PROFILE", "http://ns.adobe.com", "MM\0*", "II*\0"]) {
    expect(text).not.toContain(needle);
  }
  for (const planted of Object.values(PLANTED)) {
    expect(image.bytes.includes(Buffer.from(planted, "utf8"))).toBe(false);
  }
  // The only segments before the image data: JFIF (APP0), tables and the frame header.
  for (let at = 2; at + 4 < image.bytes.length; ) {
    expect(image.bytes[at]).toBe(0xff);
    const marker = image.bytes[at + 1] ?? 0;
    if (marker === 0xda) break; // start of scan
    expect(marker === 0xe0 || marker < 0xe1 || marker > 0xef).toBe(true);
    expect(marker).not.toBe(0xfe);
    at += 2 + image.bytes.readUInt16BE(at + 2);
  }
}

/** The colour at (x, y) of an image, as [r, g, b]. */
async function pixel(bytes: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [data[at] ?? -1, data[at + 1] ?? -1, data[at + 2] ?? -1];
}

describe("processUpload: photos", () => {
  it("the fixture JPEG carries what a phone photo carries", async () => {
    const phone = await phoneJpeg();
    const metadata = await sharp(phone).metadata();
    expect(metadata).toMatchObject({ format: "jpeg", width: 300, height: 200, orientation: 6 });
    expect(metadata.exif?.includes(Buffer.from(PLANTED.make))).toBe(true);
    expect(metadata.exif?.includes(exifTiff(6).subarray(-40))).toBe(true); // the GPS IFD's values
    expect(metadata.icc).toBeDefined();
    expect(metadata.xmp).toBeDefined();
    expect(metadata.comments).toBeUndefined(); // sharp reports PNG text chunks only
    expect(phone.includes(Buffer.from(PLANTED.comment))).toBe(true);
  });

  it("strips a phone JPEG of all metadata (EXIF with GPS, XMP, ICC, comment) and rotates it", async () => {
    const result = processed(
      await processUpload({
        ...resident,
        name: "IMG_0001.JPG",
        declaredType: "image/jpeg",
        bytes: await phoneJpeg(300, 200, 6),
      }),
    );
    expect(result.source).toMatchObject({ type: "jpeg", width: 300, height: 200 });
    // Orientation 6 applied: 300 × 200 stored becomes 200 × 300, the left (red) half on top.
    expect(result.image).toMatchObject({ contentType: "image/jpeg", width: 200, height: 300 });
    const [r, , b] = await pixel(result.image.bytes, 100, 20);
    expect(r).toBeGreaterThan(150);
    expect(b).toBeLessThan(80);
    const [r2, , b2] = await pixel(result.image.bytes, 100, 280);
    expect(b2).toBeGreaterThan(150);
    expect(r2).toBeLessThan(80);
    await expectNoMetadata(result.image);
    await expectNoMetadata(result.thumbnail);
    // Smaller than both limits: never enlarged.
    expect(result.thumbnail).toMatchObject({ width: 200, height: 300 });
  });

  it("fits a large photo to 2048 px and makes a 400 px thumbnail", async () => {
    const result = processed(
      await processUpload({
        ...resident,
        name: "wide.jpg",
        declaredType: "image/jpeg",
        bytes: await sharp({
          create: { width: 3000, height: 1500, channels: 3, background: "#4a7" },
        })
          .jpeg()
          .toBuffer(),
      }),
    );
    expect(result.image).toMatchObject({ width: 2048, height: 1024 });
    expect(result.thumbnail).toMatchObject({ width: 400, height: 200 });
    expect((await sharp(result.thumbnail.bytes).metadata()).format).toBe("jpeg");
  });

  it("turns a PNG with EXIF, text and transparency into a clean JPEG on white", async () => {
    const png = await phonePng(300, 200);
    const before = await sharp(png).metadata();
    expect(before.exif?.includes(Buffer.from(PLANTED.make))).toBe(true);
    expect(before.hasAlpha).toBe(true);
    expect(before.comments).toEqual([{ keyword: "Comment", text: PLANTED.pngText }]);
    const result = processed(
      await processUpload({
        ...resident,
        name: "screenshot.png",
        declaredType: "image/png",
        bytes: png,
      }),
    );
    expect(result.source.type).toBe("png");
    expect(result.image).toMatchObject({ width: 300, height: 200 });
    await expectNoMetadata(result.image);
    await expectNoMetadata(result.thumbnail);
    // Red at half opacity over white, not over black.
    const [r, g] = await pixel(result.image.bytes, 20, 100);
    expect(r).toBeGreaterThan(200);
    expect(g).toBeGreaterThan(100);
  });

  it("turns a WebP with EXIF and ICC into a clean JPEG", async () => {
    const webp = await sharp({
      create: { width: 640, height: 480, channels: 3, background: "#3366cc" },
    })
      .withExif({ IFD0: { Make: PLANTED.make, Model: PLANTED.model } })
      .withIccProfile("p3")
      .webp()
      .toBuffer();
    const before = await sharp(webp).metadata();
    expect(before.exif?.includes(Buffer.from(PLANTED.make))).toBe(true);
    expect(before.icc).toBeDefined();
    const result = processed(
      await processUpload({
        ...resident,
        name: "wx_camera.webp",
        declaredType: "image/webp",
        bytes: webp,
      }),
    );
    expect(result.source.type).toBe("webp");
    expect(result.image).toMatchObject({ width: 640, height: 480 });
    expect(result.thumbnail).toMatchObject({ width: 400, height: 300 });
    await expectNoMetadata(result.image);
    await expectNoMetadata(result.thumbnail);
  });
});

describe("processUpload: animations", () => {
  it("keeps the first frame of an animated WebP", async () => {
    // Three 120 × 80 frames, red, green, blue, stacked as libvips holds an animation.
    const frame = 120 * 80 * 3;
    const data = Buffer.alloc(frame * 3);
    for (let i = 0; i < 120 * 80 * 3; i++) {
      for (const f of [0, 1, 2]) data[f * frame + i * 3 + f] = 230;
    }
    const webp = await sharp(data, {
      raw: { width: 120, height: 240, channels: 3, pageHeight: 80 },
    })
      .webp({ loop: 0, delay: [100, 100, 100] })
      .toBuffer();
    expect((await sharp(webp).metadata()).pages).toBe(3);
    const result = processed(
      await processUpload({
        ...resident,
        name: "sticker.webp",
        declaredType: "image/webp",
        bytes: webp,
      }),
    );
    expect(result.image).toMatchObject({ width: 120, height: 80 });
    const [r, g, b] = await pixel(result.image.bytes, 60, 40);
    expect(r).toBeGreaterThan(180);
    expect(g).toBeLessThan(60);
    expect(b).toBeLessThan(60);
  });
});

describe("processUpload: refusals", () => {
  it("refuses a HEIC with how to send it", async () => {
    const result = await processUpload({
      ...resident,
      name: "IMG_0001.HEIC",
      declaredType: "image/heic",
      bytes: heicHead(),
    });
    expect(result).toEqual({ ok: false, refusal: { reason: "heic", name: "IMG_0001.HEIC" } });
    if (result.ok) return;
    expect(fileRefusalMessage(result.refusal)["zh-CN"]).toContain(
      "照片「IMG_0001.HEIC」是HEIC格式",
    );
  });

  it("refuses a decompression bomb from its header, before decoding", async () => {
    const bomb = bombPng(50_000, 50_000);
    expect(bomb.length).toBeLessThan(1024);
    const started = performance.now();
    const result = await processUpload({
      ...resident,
      name: "bomb.png",
      declaredType: "image/png",
      bytes: bomb,
    });
    expect(result).toMatchObject({
      ok: false,
      refusal: { reason: "too_many_pixels", name: "bomb.png", width: 50_000, height: 50_000 },
    });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("refuses a truncated JPEG", async () => {
    const whole = await noisyJpeg(800, 600);
    const result = await processUpload({
      ...resident,
      name: "cut.jpg",
      declaredType: "image/jpeg",
      bytes: whole.subarray(0, Math.floor(whole.length * 0.6)),
    });
    expect(result).toEqual({ ok: false, refusal: { reason: "corrupt", name: "cut.jpg" } });
  });

  it("refuses a JPEG whose data is garbage after a valid start", async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 0x41)]);
    const result = await processUpload({ ...resident, name: "x.jpg", declaredType: "", bytes });
    expect(result).toEqual({ ok: false, refusal: { reason: "corrupt", name: "x.jpg" } });
  });

  it("refuses a PNG named .jpg or declared image/jpeg", async () => {
    const png = await sharp({
      create: { width: 10, height: 10, channels: 3, background: "#fff" },
    })
      .png()
      .toBuffer();
    for (const [name, declaredType] of [
      ["photo.jpg", "image/png"],
      ["photo.png", "image/jpeg"],
    ] as const) {
      expect(await processUpload({ ...resident, name, declaredType, bytes: png })).toEqual({
        ok: false,
        refusal: { reason: "mismatch", name, detected: "png", claimed: "jpeg" },
      });
    }
  });

  it("refuses a PDF from a resident, and a GIF from anyone", async () => {
    const pdf = Buffer.from("%PDF-1.4\n%%EOF\n");
    expect(
      await processUpload({
        ...resident,
        name: "a.pdf",
        declaredType: "application/pdf",
        bytes: pdf,
      }),
    ).toMatchObject({ ok: false, refusal: { reason: "unsupported_type", detected: "pdf" } });
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#000" } })
      .gif()
      .toBuffer();
    expect(
      await processUpload({
        purpose: "staff_evidence",
        name: "a.gif",
        declaredType: "image/gif",
        bytes: gif,
      }),
    ).toMatchObject({ ok: false, refusal: { reason: "unsupported_type", detected: "gif" } });
  });
});

describe("processUpload: damaged files", () => {
  /** mulberry32: a seeded generator, so that a failure replays. */
  const random = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  it("answers every damaged JPEG, PNG and WebP with a clean photo or a refusal, never a throw", async () => {
    const next = random(15);
    const create = { width: 64, height: 48, channels: 3 as const, background: "#888" };
    const noise = { type: "gaussian" as const, mean: 128, sigma: 60 };
    const bases = [
      {
        name: "a.jpg",
        bytes: await sharp({ create: { ...create, noise } })
          .jpeg()
          .toBuffer(),
      },
      {
        name: "a.png",
        bytes: await sharp({ create: { ...create, noise } })
          .png()
          .toBuffer(),
      },
      {
        name: "a.webp",
        bytes: await sharp({ create: { ...create, noise } })
          .webp()
          .toBuffer(),
      },
    ];
    const seen = new Map<string, number>();
    for (const base of bases) {
      for (let run = 0; run < 40; run++) {
        let bytes = Buffer.from(base.bytes);
        // Flip 1–8 bytes past the magic number, and cut the file short one time in three.
        const flips = 1 + Math.floor(next() * 8);
        for (let i = 0; i < flips; i++) {
          const at = 16 + Math.floor(next() * (bytes.length - 16));
          bytes[at] = Math.floor(next() * 256);
        }
        if (next() < 1 / 3)
          bytes = bytes.subarray(0, 16 + Math.floor(next() * (bytes.length - 16)));
        const result = await processUpload({
          ...resident,
          name: base.name,
          declaredType: "",
          bytes,
        });
        const outcome = result.ok ? "ok" : result.refusal.reason;
        seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
        expect(["ok", "corrupt", "too_many_pixels"]).toContain(outcome);
        if (result.ok && result.kind === "photo") {
          expect(Math.max(result.image.width, result.image.height)).toBeLessThanOrEqual(2048);
          expect((await sharp(result.image.bytes).metadata()).exif).toBeUndefined();
        }
      }
    }
    // Both outcomes occur: the damage is real, and not every damage is fatal.
    expect(seen.get("corrupt")).toBeGreaterThan(0);
    expect(seen.get("ok")).toBeGreaterThan(0);
  });
});

describe("processUpload: PDFs (staff evidence)", () => {
  const pdf = Buffer.from(
    "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
  );

  it("passes a whole PDF through as it is", async () => {
    const result = await processUpload({
      purpose: "staff_evidence",
      name: "会议纪要.pdf",
      declaredType: "application/pdf",
      bytes: pdf,
    });
    expect(result).toEqual({
      ok: true,
      kind: "pdf",
      file: { bytes: pdf, contentType: "application/pdf" },
    });
  });

  it("refuses a PDF cut off in transit", async () => {
    const result = await processUpload({
      purpose: "staff_evidence",
      name: "资金文件.pdf",
      declaredType: "application/pdf",
      bytes: pdf.subarray(0, 40),
    });
    expect(result).toEqual({ ok: false, refusal: { reason: "corrupt", name: "资金文件.pdf" } });
  });
});

describe("photo-processor.ts", () => {
  it("loads sharp only by dynamic import (no bundle that names it carries libvips)", async () => {
    const { readFileSync } = await import("node:fs");
    const source = readFileSync(new URL("./photo-processor.ts", import.meta.url), "utf8");
    const staticImports = source.match(/^import(?! type)[^;]*from "sharp";/gm);
    expect(staticImports).toBeNull();
    expect(source).toContain('await import("sharp")');
  });
});
