// The response headers every page of both sites carries, written once: the sites' middleware
// sends them (middleware.server.ts), and on AWS CloudFront's response headers policy sends HSTS
// and Permissions-Policy from the same values (infra/sites.ts), on the static assets too.
// Pure constants: infra imports this file.
//
// The Content-Security-Policy is not here: Astro writes it per page (`experimental.csp` in
// astro-config.mjs), with the hashes of that page's inline scripts and styles, so no static
// header could carry it.

/**
 * Powerful browser features the sites never use, switched off for them and anything they
 * might embed. `geolocation=()` too: only the residents' submission page asks the browser where
 * it is ("使用我的位置"), and it alone gets `GEOLOCATION_PERMISSIONS_POLICY`.
 */
export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "publickey-credentials-get=()",
  "usb=()",
].join(", ");

/**
 * The same, with geolocation allowed for the page's own origin (not for anything embedded):
 * sent by the residents' submission page only (sites/public/src/middleware.ts).
 */
export const GEOLOCATION_PERMISSIONS_POLICY = PERMISSIONS_POLICY.replace(
  "geolocation=()",
  "geolocation=(self)",
);

/** Two years, as HSTS preload lists ask; subdomains too. */
export const HSTS_MAX_AGE_SECONDS = 63_072_000;
export const STRICT_TRANSPORT_SECURITY = `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains`;

/** A link to another site carries no path or query (ledger numbers, search terms). */
export const REFERRER_POLICY = "same-origin";

/**
 * The headers for a page, given the site's configured public URL (`LIANXIN_SITE_URL`): HSTS
 * only when that URL is https (a browser ignores it over http, and the local run is http). On
 * AWS the URL is unset and CloudFront adds HSTS itself.
 */
export function securityHeaders(
  siteUrl: string | null,
  options: { geolocation?: boolean } = {},
): Record<string, string> {
  const headers: Record<string, string> = {
    "Permissions-Policy": options.geolocation ? GEOLOCATION_PERMISSIONS_POLICY : PERMISSIONS_POLICY,
    "Referrer-Policy": REFERRER_POLICY,
    "X-Content-Type-Options": "nosniff",
    // CSP's frame-ancestors says the same to current browsers; this is for the older ones.
    "X-Frame-Options": "DENY",
  };
  if (siteUrl?.toLowerCase().startsWith("https:")) {
    headers["Strict-Transport-Security"] = STRICT_TRANSPORT_SECURITY;
  }
  return headers;
}
