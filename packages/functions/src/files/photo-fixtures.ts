import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";

/**
 * Test images for the processor, made in the test (no binary fixtures in the repository):
 * a JPEG carrying everything a phone photo carries (camera and GPS EXIF with a maker note,
 * EXIF orientation 6, XMP, an ICC profile, a comment), a PNG with the same in an `eXIf`
 * chunk and a text chunk, a bomb's PNG header, a HEIC's first box. Test code only.
 */

/** Strings planted in the fixtures' metadata; none may be found in a processed output. */
export const PLANTED = {
  make: "LianxinTestCam",
  model: "Model 9 Pro",
  makerNote: "SECRET-MAKER-NOTE",
  xmp: "http://ns.adobe.com/xap/1.0/",
  comment: "拍摄于梅泾村",
  pngText: "Author: 张三 13800000000",
} as const;

/** The GPS position planted: 31° 30′ 15″ N, 120° 18′ 30″ E (Wuxi). */
export const PLANTED_GPS = { lat: [31, 30, 15], long: [120, 18, 30] } as const;

type IfdEntry = { tag: number; type: number; count: number; data: Buffer };

const u16 = (v: number) => Buffer.from([(v >> 8) & 0xff, v & 0xff]);
const u32 = (v: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(v >>> 0);
  return b;
};
const asciiEntry = (tag: number, text: string): IfdEntry => {
  const data = Buffer.from(`${text}\0`, "latin1");
  return { tag, type: 2, count: data.length, data };
};
const shortEntry = (tag: number, value: number): IfdEntry => ({
  tag,
  type: 3,
  count: 1,
  data: Buffer.concat([u16(value), Buffer.alloc(2)]),
});
const longEntry = (tag: number, value: number): IfdEntry => ({
  tag,
  type: 4,
  count: 1,
  data: u32(value),
});
const rationalsEntry = (tag: number, values: readonly number[]): IfdEntry => ({
  tag,
  type: 5,
  count: values.length,
  data: Buffer.concat(values.flatMap((v) => [u32(v), u32(1)])),
});

/** Bytes an IFD takes: count, 12 a entry, next-IFD offset, then values over 4 bytes. */
const ifdSize = (entries: IfdEntry[]) =>
  2 +
  12 * entries.length +
  4 +
  entries.reduce((n, e) => n + (e.data.length > 4 ? e.data.length + (e.data.length % 2) : 0), 0);

/** One IFD at `offset` of a big-endian TIFF, its long values right after its directory. */
function writeIfd(entries: IfdEntry[], offset: number): Buffer {
  const sorted = [...entries].sort((a, b) => a.tag - b.tag);
  const directory: Buffer[] = [u16(sorted.length)];
  const values: Buffer[] = [];
  let valueOffset = offset + 2 + 12 * sorted.length + 4;
  for (const e of sorted) {
    directory.push(u16(e.tag), u16(e.type), u32(e.count));
    if (e.data.length <= 4) {
      directory.push(Buffer.concat([e.data, Buffer.alloc(4 - e.data.length)]));
    } else {
      directory.push(u32(valueOffset));
      const padded = e.data.length % 2 ? Buffer.concat([e.data, Buffer.alloc(1)]) : e.data;
      values.push(padded);
      valueOffset += padded.length;
    }
  }
  directory.push(u32(0));
  return Buffer.concat([...directory, ...values]);
}

/**
 * A TIFF structure as EXIF carries it: IFD0 (make, model, orientation, pointers), the EXIF
 * IFD (date taken, a maker note) and the GPS IFD (latitude and longitude with their refs).
 */
export function exifTiff(orientation: number): Buffer {
  const exif: IfdEntry[] = [
    asciiEntry(0x9003, "2026:12:06 09:30:00"),
    { tag: 0x927c, type: 7, count: PLANTED.makerNote.length, data: Buffer.from(PLANTED.makerNote) },
  ];
  const gps: IfdEntry[] = [
    { tag: 0x0000, type: 1, count: 4, data: Buffer.from([2, 3, 0, 0]) },
    asciiEntry(0x0001, "N"),
    rationalsEntry(0x0002, PLANTED_GPS.lat),
    asciiEntry(0x0003, "E"),
    rationalsEntry(0x0004, PLANTED_GPS.long),
  ];
  const ifd0 = (exifAt: number, gpsAt: number): IfdEntry[] => [
    asciiEntry(0x010f, PLANTED.make),
    asciiEntry(0x0110, PLANTED.model),
    shortEntry(0x0112, orientation),
    longEntry(0x8769, exifAt),
    longEntry(0x8825, gpsAt),
  ];
  const exifAt = 8 + ifdSize(ifd0(0, 0));
  const gpsAt = exifAt + ifdSize(exif);
  return Buffer.concat([
    Buffer.from([0x4d, 0x4d, 0x00, 0x2a]),
    u32(8),
    writeIfd(ifd0(exifAt, gpsAt), 8),
    writeIfd(exif, exifAt),
    writeIfd(gps, gpsAt),
  ]);
}

const segment = (marker: number, payload: Buffer) =>
  Buffer.concat([Buffer.from([0xff, marker]), u16(payload.length + 2), payload]);

/**
 * Pixels whose orientation a test can see: the left half red, the right half blue. Shown
 * with EXIF orientation 6 (rotate 90° clockwise), red ends up on top.
 */
export function halvesRaw(width: number, height: number, channels: 3 | 4 = 3, alpha = 255) {
  const data = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * channels;
      const red = x < width / 2;
      data[at] = red ? 220 : 20;
      data[at + 1] = 20;
      data[at + 2] = red ? 20 : 220;
      if (channels === 4) data[at + 3] = alpha;
    }
  }
  return { data, raw: { width, height, channels } };
}

/**
 * A phone photo's worth of metadata in a JPEG of `width` × `height` stored pixels: EXIF
 * (camera, GPS, maker note, `orientation`) and XMP in APP1, a Display P3 ICC profile in APP2
 * (sharp's), a comment (COM).
 */
export async function phoneJpeg(width = 300, height = 200, orientation = 6): Promise<Buffer> {
  const { data, raw } = halvesRaw(width, height);
  const plain = await sharp(data, { raw }).withIccProfile("p3").jpeg({ quality: 90 }).toBuffer();
  const xmp =
    `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
    `<rdf:Description xmlns:tiff="http://ns.adobe.com/tiff/1.0/" xmlns:exif="http://ns.adobe.com/exif/1.0/" ` +
    `tiff:Make="${PLANTED.make}" exif:GPSLatitude="31,30.25N" exif:GPSLongitude="120,18.5E"/>` +
    `</rdf:RDF></x:xmpmeta>`;
  return Buffer.concat([
    plain.subarray(0, 2), // SOI
    segment(0xe1, Buffer.concat([Buffer.from("Exif\0\0", "latin1"), exifTiff(orientation)])),
    segment(0xe1, Buffer.from(`${PLANTED.xmp}\0${xmp}`, "utf8")),
    segment(0xfe, Buffer.from(PLANTED.comment, "utf8")),
    plain.subarray(2),
  ]);
}

const pngChunk = (type: string, data: Buffer) => {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  return Buffer.concat([u32(data.length), body, u32(crc32(body))]);
};

/**
 * A PNG of `width` × `height` with transparency (alpha 128), EXIF in an `eXIf` chunk (camera,
 * GPS, orientation 1) and a `tEXt` chunk naming a person and a phone number.
 */
export async function phonePng(width = 300, height = 200): Promise<Buffer> {
  const { data, raw } = halvesRaw(width, height, 4, 128);
  const plain = await sharp(data, { raw }).png().toBuffer();
  // Signature (8) and IHDR (25), then the metadata chunks, then the rest.
  return Buffer.concat([
    plain.subarray(0, 33),
    pngChunk("eXIf", exifTiff(1)),
    pngChunk("tEXt", Buffer.from(`Comment\0${PLANTED.pngText}`, "utf8")),
    plain.subarray(33),
  ]);
}

/**
 * A decompression bomb's PNG: a valid header claiming `width` × `height` (8-bit RGB) and a
 * little compressed data; decoding it in full would take width × height × 3 bytes.
 */
export function bombPng(width = 50_000, height = 50_000): Buffer {
  const ihdr = Buffer.concat([u32(width), u32(height), Buffer.from([8, 2, 0, 0, 0])]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", deflateSync(Buffer.alloc(64 * 1024))),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The start of an iPhone's HEIC: the `ftyp` box (major brand heic; mif1, heic) and some bytes. */
export function heicHead(): Buffer {
  return Buffer.concat([
    u32(24),
    Buffer.from("ftypheic", "latin1"),
    u32(0),
    Buffer.from("mif1heic", "latin1"),
    Buffer.alloc(200, 7),
  ]);
}

/** A photo-like JPEG (smooth noise) of `width` × `height`, with real entropy-coded data. */
export async function noisyJpeg(width: number, height: number, quality = 90): Promise<Buffer> {
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background: "#808080",
      noise: { type: "gaussian", mean: 128, sigma: 40 },
    },
  })
    .blur(1.2)
    .jpeg({ quality })
    .toBuffer();
}
