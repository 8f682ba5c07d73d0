import * as z from "zod/mini";
import type { FieldProblem } from "../errors.js";
import { DATUMS, MAX_PLACE_ACCURACY_M, PLACE_SOURCES } from "../vocabulary.js";
import { type GeoLocation, STORED_LOCATION_DECIMALS } from "./location-media.js";

/**
 * The place a resident sends from the portal ("使用我的位置"), and what becomes of it.
 *
 * Concerns keep WGS84 in `location` (Open311 publishes WGS84, and the Amap/OSM links and
 * the distance from a village's centre read it). A phone in China may report GCJ-02, the
 * obfuscated datum of domestic maps, about 300–600 m off here. A page cannot tell which:
 *
 * - `navigator.geolocation` is WGS84 by the W3C spec, but some domestic browsers and
 *   WeChat's webview return GCJ-02 through it, and nothing in the answer says so.
 * - WeChat's JS-SDK `wx.getLocation({ type: "wgs84" | "gcj02" })` names the datum it
 *   returns: the caller chooses it.
 *
 * So the portal sends `datum: "wgs84"` for `navigator.geolocation` (the spec's promise; a
 * browser breaking it is off by a few hundred metres, within the accuracy such fixes
 * usually claim) and `"gcj02"` only when the source names it (`source: "wechat"` with
 * `type: "gcj02"`). The API converts to WGS84 on receipt and keeps the point as sent, with
 * its datum and accuracy, in `locationAsSent`.
 */

export type Datum = (typeof DATUMS)[number];

const PLACE_WORDS = {
  accuracy: {
    "zh-CN": `位置精度太差（超过 ${MAX_PLACE_ACCURACY_M / 1000} 公里），请到室外重新获取，或在“地址”中写明附近地标`,
    en: `The location is too imprecise (worse than ${MAX_PLACE_ACCURACY_M / 1000} km): try again outdoors, or name a landmark nearby under "Address"`,
  },
  outside: {
    "zh-CN": "该位置不在本镇范围内，请确认后重试，或在“地址”中写明附近地标",
    en: 'This location is outside the town: check it, or name a landmark nearby under "Address"',
  },
  both: { "zh-CN": "位置与 location 只能发送其一", en: "Send either place or location, not both" },
} as const;

/** Degrees as a client sends them, kept to the stored precision (see location-media). */
const degrees = (limit: number) =>
  z.pipe(
    z.number().check(z.gte(-limit), z.lte(limit)),
    z.transform((v) => {
      const factor = 10 ** STORED_LOCATION_DECIMALS;
      return Math.round(v * factor) / factor || 0;
    }),
  );

/**
 * `place` of a portal submission: a point, its datum, the accuracy the device claims (the
 * radius in metres, as `GeolocationCoordinates.accuracy`) and where it came from.
 */
export const PlaceInput = z.strictObject({
  lat: degrees(90),
  long: degrees(180),
  datum: z.enum(DATUMS),
  accuracyM: z.pipe(
    z.number().check(z.gte(0)),
    z.transform((v, ctx) => {
      if (v <= MAX_PLACE_ACCURACY_M) return Math.round(v * 10) / 10;
      ctx.issues.push({
        code: "custom",
        input: v,
        message: PLACE_WORDS.accuracy.en,
        params: { words: PLACE_WORDS.accuracy },
      });
      return z.NEVER;
    }),
  ),
  source: z.enum(PLACE_SOURCES),
});
export type PlaceInput = z.infer<typeof PlaceInput>;

/** The point as the resident's device sent it, kept on the concern beside `location`. */
export const LocationAsSent = z.object({
  lat: z.number(),
  long: z.number(),
  datum: z.enum(DATUMS),
  accuracyM: z.number(),
  source: z.enum(PLACE_SOURCES),
});
export type LocationAsSent = z.infer<typeof LocationAsSent>;

/** The town's area, a bounding box in WGS84 degrees: portal places outside are refused. */
export const TownArea = z
  .object({
    south: z.number().check(z.gte(-90), z.lte(90)),
    west: z.number().check(z.gte(-180), z.lte(180)),
    north: z.number().check(z.gte(-90), z.lte(90)),
    east: z.number().check(z.gte(-180), z.lte(180)),
  })
  .check(z.refine((a) => a.south < a.north && a.west < a.east, "south < north and west < east"));
export type TownArea = z.infer<typeof TownArea>;

/**
 * The demo town's area: all of Wuxi (洛社 lies at about 31.64 N, 120.20 E), generous so a
 * resident standing at the edge of the town is not refused. A deployment sets its own
 * (`TOWN_AREA`, see the API's config).
 */
export const DEMO_TOWN_AREA: TownArea = { south: 31.1, west: 119.5, north: 32.1, east: 120.7 };

/** Parses `south,west,north,east` (the `TOWN_AREA` setting); throws on anything else. */
export function parseTownArea(text: string): TownArea {
  const parts = text.split(",").map((p) => Number(p.trim()));
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) {
    throw new Error("TOWN_AREA must be south,west,north,east in degrees");
  }
  const [south, west, north, east] = parts as [number, number, number, number];
  const parsed = TownArea.safeParse({ south, west, north, east });
  if (!parsed.success) throw new Error("TOWN_AREA must have south < north and west < east");
  return parsed.data;
}

export function insideArea(point: GeoLocation, area: TownArea): boolean {
  return (
    point.lat >= area.south &&
    point.lat <= area.north &&
    point.long >= area.west &&
    point.long <= area.east
  );
}

// --- GCJ-02 ----------------------------------------------------------------------------

/** Krasovsky 1940, which GCJ-02's published formula uses. */
const A = 6378245.0;
const EE = 0.006693421622965943;

/** GCJ-02 shifts only points inside China (the formula's own rough box). */
function outsideChina(lat: number, long: number): boolean {
  return long < 72.004 || long > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function shiftLat(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  return r;
}

function shiftLong(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return r;
}

/** WGS84 → GCJ-02: the well-known formula (as in "eviltransform"). */
export function wgs84ToGcj02(p: GeoLocation): GeoLocation {
  if (outsideChina(p.lat, p.long)) return { lat: p.lat, long: p.long };
  const rad = (p.lat / 180) * Math.PI;
  const magic = 1 - EE * Math.sin(rad) ** 2;
  const sqrtMagic = Math.sqrt(magic);
  const dLat =
    (shiftLat(p.long - 105, p.lat - 35) * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLong =
    (shiftLong(p.long - 105, p.lat - 35) * 180) / ((A / sqrtMagic) * Math.cos(rad) * Math.PI);
  return { lat: p.lat + dLat, long: p.long + dLong };
}

/**
 * GCJ-02 → WGS84, the standard iterative inverse: start from the GCJ-02 point, move by the
 * difference between its forward image and the target until that is below 1e-9° (about
 * 0.1 mm); the shift varies slowly, so a handful of steps suffice. Accurate far below 1 m.
 */
export function gcj02ToWgs84(p: GeoLocation): GeoLocation {
  if (outsideChina(p.lat, p.long)) return { lat: p.lat, long: p.long };
  let lat = p.lat;
  let long = p.long;
  for (let i = 0; i < 30; i++) {
    const image = wgs84ToGcj02({ lat, long });
    const dLat = image.lat - p.lat;
    const dLong = image.long - p.long;
    lat -= dLat;
    long -= dLong;
    if (Math.abs(dLat) < 1e-10 && Math.abs(dLong) < 1e-10) break;
  }
  return { lat, long };
}

// --- Distance ---------------------------------------------------------------------------

/** The mean Earth radius (IUGG), in metres. */
const EARTH_RADIUS_M = 6371008.8;

/** Great-circle distance in metres (haversine); well within 0.5 % at a town's scale. */
export function distanceMeters(a: GeoLocation, b: GeoLocation): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLong = (b.long - a.long) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLong / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

// --- On receipt ---------------------------------------------------------------------------

const keep = (v: number) => {
  const factor = 10 ** STORED_LOCATION_DECIMALS;
  return Math.round(v * factor) / factor || 0;
};

/**
 * What a portal place becomes on receipt: the WGS84 `location` every reader uses, and the
 * point as sent; or the field problem that refuses it (outside the town's area, judged on
 * the converted point).
 */
export function receivePlace(
  place: PlaceInput,
  area: TownArea,
):
  | { ok: true; location: GeoLocation; locationAsSent: LocationAsSent }
  | { ok: false; problem: FieldProblem } {
  const converted = place.datum === "gcj02" ? gcj02ToWgs84(place) : place;
  const location = { lat: keep(converted.lat), long: keep(converted.long) };
  if (!insideArea(location, area)) {
    return { ok: false, problem: { kind: "invalid", message: PLACE_WORDS.outside } };
  }
  return {
    ok: true,
    location,
    locationAsSent: {
      lat: place.lat,
      long: place.long,
      datum: place.datum,
      accuracyM: place.accuracyM,
      source: place.source,
    },
  };
}

/**
 * A submission's place: none, or its `place` received (receivePlace). Sent together with
 * `location` (which other systems fill) it is refused: one place per concern.
 */
export function placeOfSubmission(
  input: { place?: PlaceInput | undefined; location?: GeoLocation | undefined },
  area: TownArea,
): ReturnType<typeof receivePlace> | null {
  if (!input.place) return null;
  if (input.location) return { ok: false, problem: { kind: "invalid", message: PLACE_WORDS.both } };
  return receivePlace(input.place, area);
}
