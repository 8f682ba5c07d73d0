import * as z from "zod/mini";
import type { FieldProblem } from "../errors.js";

/**
 * Where the problem is and a picture of it, as another system sent them (Open311 `lat`,
 * `long`, `media_url`). Both are optional on a concern: the portal's own form sends
 * neither, and concerns stored before they existed simply lack them.
 */

/**
 * Decimal places a coordinate is kept to: 1e-9° is about 0.1 mm, far finer than any GPS.
 * Finer digits are noise, and a JSON client can send a number like 5e-324 (a legal double,
 * on the equator for every purpose) that DynamoDB cannot store: its numbers stop at 1e-130,
 * and such a submission failed with a 500 until the fuzz suite (issue 12) sent one.
 */
export const STORED_LOCATION_DECIMALS = 9;

/** Degrees within ±`limit`, kept to `STORED_LOCATION_DECIMALS` places (never −0). */
const degrees = (limit: number) =>
  z.pipe(
    z.number().check(z.gte(-limit), z.lte(limit)),
    z.transform((v) => {
      const factor = 10 ** STORED_LOCATION_DECIMALS;
      return Math.round(v * factor) / factor || 0;
    }),
  );

/** A point in WGS84 degrees (GPS), latitude −90…90, longitude −180…180. */
export const GeoLocation = z.strictObject({ lat: degrees(90), long: degrees(180) });
export type GeoLocation = z.infer<typeof GeoLocation>;

/** Decimal places of a location shown to anyone who may not see the resident's address. */
export const PUBLIC_LOCATION_DECIMALS = 3;

/**
 * A coordinate rounded to 3 decimals: about 110 m of latitude, 95 m of longitude here
 * (31° N). A concern is often filed standing at the resident's own door; the exact pin
 * would point at their home, which is personal data like their address. Rounded, it still
 * tells the public which stretch of road or river it is about.
 */
export function roundCoordinate(value: number): number {
  const factor = 10 ** PUBLIC_LOCATION_DECIMALS;
  const rounded = Math.round(Math.abs(value) * factor) / factor;
  // Half away from zero on both sides, and never −0.
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

export function roundLocation(location: GeoLocation): GeoLocation {
  return { lat: roundCoordinate(location.lat), long: roundCoordinate(location.long) };
}

/** A decimal number as a client writes degrees: `31.5`, `-120`, `+0.25`; no exponent, no hex. */
const DECIMAL = /^[+-]?(?:\d{1,3}(?:\.\d{0,20})?|\.\d{1,20})$/;

/** Degrees from text, or null if it is not a plain decimal number. */
export function parseDegrees(text: string): number | null {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

export const MEDIA_URL_MAX = 2000;

const problem = (zh: string, en: string): FieldProblem => ({
  kind: "invalid",
  message: { "zh-CN": zh, en },
});

/**
 * A link to a photo or video of the problem, kept as the URL parser reads it (`href`), so
 * that what is stored, published and clicked is what was checked. Only http and https:
 * `javascript:`, `data:`, `file:` and the like are refused (a link staff click must not
 * run code or carry a payload), and so is a user name or password in it (it would be
 * published). At most 2,000 characters, as sent and as normalized.
 */
export function parseMediaUrl(
  value: string,
): { ok: true; url: string } | { ok: false; problem: FieldProblem } {
  const tooLong = problem(
    `网址不能超过 ${MEDIA_URL_MAX} 个字符`,
    `The URL may have at most ${MEDIA_URL_MAX} characters`,
  );
  const text = value.trim();
  if (text.length > MEDIA_URL_MAX) return { ok: false, problem: tooLong };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return {
      ok: false,
      problem: problem(
        "不是有效的网址，须为完整的 http:// 或 https:// 链接",
        "Not a valid URL: send a full http:// or https:// link",
      ),
    };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return {
      ok: false,
      problem: problem(
        "只接受 http:// 或 https:// 网址（不接受 javascript:、data: 等）",
        "Only http:// and https:// URLs are accepted (not javascript:, data: and the like)",
      ),
    };
  }
  if (url.username || url.password) {
    return {
      ok: false,
      problem: problem(
        "网址中不能含用户名或密码",
        "The URL may not contain a user name or password",
      ),
    };
  }
  if (url.href.length > MEDIA_URL_MAX) return { ok: false, problem: tooLong };
  return { ok: true, url: url.href };
}

/**
 * `mediaUrl` of a submission: checked by `parseMediaUrl`, stored normalized. A refusal is
 * a custom issue carrying its words in both languages (`params.words`).
 */
export const MediaUrl = z.pipe(
  z.string(),
  z.transform((value: string, ctx) => {
    const parsed = parseMediaUrl(value);
    if (parsed.ok) return parsed.url;
    const words = parsed.problem.kind === "invalid" ? parsed.problem.message : undefined;
    ctx.issues.push({
      code: "custom",
      input: value,
      message: words?.en ?? "Not a valid media URL",
      params: { words },
    });
    return z.NEVER;
  }),
);
