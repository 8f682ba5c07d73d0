// The file store's origin in the Content-Security-Policy of the pages that show or send
// residents' photos (issue 15): `img-src` (the photos and thumbnails, signed links), `connect-src`
// (the phone's upload, an XMLHttpRequest to the ticket's URL), `form-action` (the plain forms of
// the receipt page and /photos/sent), and `img-src blob:` for the previews. Never `*`.
//
// Where the files are: `LIANXIN_FILES_ORIGIN` (on AWS the bucket's https origin; a comma-
// separated list if links and uploads use different hosts), read at run time; unset, the API's
// own origin (the local file store is served by the local API: /local-files/…).
import { readConfig } from "@lianxin/site-kit/config.server";

/** The origins, each `scheme://host[:port]`; ones that are not http(s) URLs are dropped. */
export function filesOrigins(env: Record<string, string | undefined> = process.env): string[] {
  const configured = (env.LIANXIN_FILES_ORIGIN ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const raw = configured.length ? configured : [readConfig(env).apiUrl];
  const origins: string[] = [];
  for (const value of raw) {
    try {
      const url = new URL(value);
      if ((url.protocol === "https:" || url.protocol === "http:") && !origins.includes(url.origin))
        origins.push(url.origin);
    } catch {
      // not a URL: left out
    }
  }
  return origins;
}

/** What the photo pages add, by directive (each also keeps 'self', as default-src gave it). */
function additions(origins: string[]): [string, string[]][] {
  return [
    ["img-src", ["'self'", "blob:", ...origins]],
    ["connect-src", ["'self'", ...origins]],
    ["form-action", ["'self'", ...origins]],
  ];
}

/** The policy with the file store's origins allowed as above; other directives unchanged. */
export function allowFiles(csp: string, origins: string[]): string {
  const parts = csp
    .split(";")
    .map((p) => p.trim())
    .filter(Boolean);
  for (const [name, values] of additions(origins)) {
    const at = parts.findIndex((p) => p.split(/\s+/)[0] === name);
    if (at === -1) {
      parts.push([name, ...values].join(" "));
      continue;
    }
    const [, ...had] = (parts[at] ?? "").split(/\s+/);
    parts[at] = [name, ...new Set([...had, ...values])].join(" ");
  }
  return parts.join("; ");
}
