// A concern's location and media link as the concern page shows them. The API stores only
// http(s) media links; the page checks again before making one clickable.

export interface Coordinates {
  lat: number;
  long: number;
}

const finite = (c: Coordinates | null | undefined): c is Coordinates =>
  Boolean(c) &&
  Number.isFinite(c?.lat) &&
  Number.isFinite(c?.long) &&
  Math.abs(c?.lat ?? 91) <= 90 &&
  Math.abs(c?.long ?? 181) <= 180;

/** "31.512345, 120.234567" (latitude first, as people read it); "" if not a point. */
export function formatCoordinates(c: Coordinates | null | undefined): string {
  return finite(c) ? `${c.lat}, ${c.long}` : "";
}

/**
 * Map links for a WGS84 point. Amap takes longitude first and assumes its own GCJ-02
 * coordinates unless told `coordinate=wgs84` (without it the pin lands a few hundred metres
 * off in China); OpenStreetMap is WGS84 already. null if not a point.
 */
export function mapLinks(c: Coordinates | null | undefined): { amap: string; osm: string } | null {
  if (!finite(c)) return null;
  // Numbers only go into these URLs: nothing to escape.
  const amap = `https://uri.amap.com/marker?position=${c.long},${c.lat}&coordinate=wgs84&src=lianxin`;
  const osm = `https://www.openstreetmap.org/?mlat=${c.lat}&mlon=${c.long}#map=18/${c.lat}/${c.long}`;
  return { amap, osm };
}

/** The link to put in href: an http(s) URL as parsed, else null (shown as text only). */
export function safeMediaHref(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** A distance as people say it: "350 米" / "350 m" below a kilometre, else "1.2 公里" / "1.2 km". */
export function formatDistance(meters: number, locale: "zh-CN" | "en"): string {
  if (!Number.isFinite(meters) || meters < 0) return "";
  if (meters < 1000) {
    const m = Math.round(meters);
    return locale === "en" ? `${m} m` : `${m} 米`;
  }
  const km = (Math.round(meters / 100) / 10).toString();
  return locale === "en" ? `${km} km` : `${km} 公里`;
}
