// Refusing cross-site form posts (CSRF). The site's forms only ever post to this site.
//
// Browsers say where a request comes from: `Sec-Fetch-Site` (all current browsers) and
// `Origin` (on every POST). A request that carries neither did not come from a browser
// page on another site (curl, a test client), so it is let through.

export interface PostFacts {
  method: string;
  secFetchSite: string | null;
  origin: string | null;
  /** The Host header (or X-Forwarded-Host behind a proxy) the browser sent. */
  hosts: readonly (string | null)[];
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export function isCrossSitePost(f: PostFacts): boolean {
  if (SAFE.has(f.method.toUpperCase())) return false;
  const site = f.secFetchSite?.toLowerCase();
  if (site) return site !== "same-origin" && site !== "none";
  if (!f.origin) return false;
  if (f.origin === "null") return true;
  let originHost: string;
  try {
    originHost = new URL(f.origin).host.toLowerCase();
  } catch {
    return true;
  }
  return !f.hosts.some((h) => h && h.split(",")[0]?.trim().toLowerCase() === originHost);
}
