/**
 * What a file's bytes are, from their magic numbers: never from the name or the type the
 * browser declared, which the sender controls. Pure; looks at the first bytes only.
 *
 * Known kinds beyond the accepted ones (GIF, HEIC, AVIF, TIFF, BMP) are named so that the
 * refusal can say what the file is and, for HEIC, how to send it instead.
 */

export const FILE_TYPES = [
  "jpeg",
  "png",
  "webp",
  "gif",
  "heic",
  "avif",
  "tiff",
  "bmp",
  "pdf",
] as const;
export type FileType = (typeof FILE_TYPES)[number];

/** The MIME type each kind is stored and served with. */
export const FILE_TYPE_MIME: Record<FileType, string> = {
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  gif: "image/gif",
  heic: "image/heic",
  avif: "image/avif",
  tiff: "image/tiff",
  bmp: "image/bmp",
  pdf: "application/pdf",
};

/** How many leading bytes `sniffFileType` may need: an ISO-BMFF `ftyp` box with its brands. */
export const SNIFF_BYTES = 64;

const ascii = (bytes: Uint8Array, start: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(start, start + length));

const startsWith = (bytes: Uint8Array, prefix: readonly number[]): boolean =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

/**
 * HEIF brands of HEVC-coded images (ISO/IEC 23008-12): what iPhones write (`heic`, with
 * `mif1` compatible) and their sequence and variant brands. `mif1`/`msf1` are HEIF's
 * generic brands, which AVIF shares; they count as HEIC only when no AVIF brand is listed.
 */
const HEVC_BRANDS = new Set(["heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs"]);
const GENERIC_HEIF_BRANDS = new Set(["mif1", "msf1", "mif2", "miaf"]);
const AVIF_BRANDS = new Set(["avif", "avis"]);

/** The brands of an ISO-BMFF `ftyp` box at the start (major first), or null if there is none. */
function ftypBrands(bytes: Uint8Array): string[] | null {
  if (bytes.length < 12 || ascii(bytes, 4, 4) !== "ftyp") return null;
  const size =
    ((bytes[0] ?? 0) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0);
  // A box of 16 bytes or more: size, "ftyp", major brand, minor version, compatible brands.
  const end = Math.min(size >>> 0 || bytes.length, bytes.length);
  const brands = [ascii(bytes, 8, 4)];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(bytes, at, 4));
  return brands;
}

/** The kind of file the bytes are, or null if they are none this system knows. */
export function sniffFileType(bytes: Uint8Array): FileType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP") {
    return "webp";
  }
  if (bytes.length >= 6 && (ascii(bytes, 0, 6) === "GIF87a" || ascii(bytes, 0, 6) === "GIF89a")) {
    return "gif";
  }
  if (bytes.length >= 5 && ascii(bytes, 0, 5) === "%PDF-") return "pdf";
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) {
    return "tiff";
  }
  // "BM", then the file size and four reserved zero bytes: two letters alone are too weak.
  if (
    bytes.length >= 14 &&
    ascii(bytes, 0, 2) === "BM" &&
    bytes.subarray(6, 10).every((b) => b === 0)
  ) {
    return "bmp";
  }
  const brands = ftypBrands(bytes);
  if (brands) {
    const [major = ""] = brands;
    if (AVIF_BRANDS.has(major)) return "avif";
    if (HEVC_BRANDS.has(major)) return "heic";
    if (brands.some((b) => AVIF_BRANDS.has(b))) return "avif";
    if (brands.some((b) => HEVC_BRANDS.has(b) || GENERIC_HEIF_BRANDS.has(b))) return "heic";
  }
  return null;
}

/** A file name's extension as a kind (`IMG_0001.HEIC` → heic), or null when it names none. */
export function fileTypeOfName(name: string): FileType | null {
  const match = /\.([A-Za-z0-9]{1,5})$/.exec(name.trim());
  switch (match?.[1]?.toLowerCase()) {
    case "jpg":
    case "jpeg":
    case "jpe":
    case "jfif":
      return "jpeg";
    case "png":
      return "png";
    case "webp":
      return "webp";
    case "gif":
      return "gif";
    case "heic":
    case "heif":
    case "hif":
      return "heic";
    case "avif":
      return "avif";
    case "tif":
    case "tiff":
      return "tiff";
    case "bmp":
      return "bmp";
    case "pdf":
      return "pdf";
    default:
      return null;
  }
}

/**
 * A declared MIME type as a kind, or null when it claims nothing specific (empty,
 * `application/octet-stream`, or a type this system does not know).
 */
export function fileTypeOfMime(mime: string): FileType | null {
  const essence = mime.split(";")[0]?.trim().toLowerCase() ?? "";
  switch (essence) {
    case "image/jpeg":
    case "image/jpg":
    case "image/pjpeg":
      return "jpeg";
    case "image/png":
    case "image/x-png":
      return "png";
    case "image/webp":
      return "webp";
    case "image/gif":
      return "gif";
    case "image/heic":
    case "image/heif":
    case "image/heic-sequence":
    case "image/heif-sequence":
      return "heic";
    case "image/avif":
      return "avif";
    case "image/tiff":
      return "tiff";
    case "image/bmp":
    case "image/x-ms-bmp":
      return "bmp";
    case "application/pdf":
      return "pdf";
    default:
      return null;
  }
}
