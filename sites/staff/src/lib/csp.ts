// The file store's origins in the Content-Security-Policy of the pages that show or send files
// (issue 15), and a repair of the header Astro 5.18 writes once a page has added a directive.
//
// A page adds what it needs at request time with Astro's own API (`Astro.csp.insertDirective`,
// experimental.csp), from `filesDirectives()`: `img-src` for the thumbnails and photos (signed
// links), `connect-src` for the browser's upload (an XMLHttpRequest to the ticket's URL). Each
// keeps 'self', which default-src gave before. Never `*`.
//
// Astro 5.18's insertDirective appends the new directive once per existing directive whose name
// differs (withastro/astro#16594), so the header repeats it, and browsers take only the first
// copy of a directive (and warn): `mergeRepeatedDirectives` folds each directive's copies into
// its first place (the union of their sources). The staff middleware runs it on every page;
// it changes nothing in a header without repeats.

/** The directives a page that shows and uploads files adds, for these origins. */
export function filesDirectives(
  origins: readonly string[],
): `${"img" | "connect"}-src ${string}`[] {
  const list = [...new Set(origins)].join(" ");
  const tail = list ? ` ${list}` : "";
  return [`img-src 'self'${tail}`, `connect-src 'self'${tail}`];
}

/** The origin (`scheme://host[:port]`) of an http(s) URL; null for anything else. */
export function originOf(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.origin : null;
  } catch {
    return null;
  }
}

/** The distinct origins of these URLs (ones that are not http(s) URLs left out). */
export function originsOf(values: readonly (string | null | undefined)[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    const o = originOf(v);
    if (o && !out.includes(o)) out.push(o);
  }
  return out;
}

/** Each directive once, in the place of its first copy, with the sources of all its copies. */
export function mergeRepeatedDirectives(policy: string): string {
  const order: string[] = [];
  const sources = new Map<string, string[]>();
  for (const part of policy.split(";")) {
    const [name, ...values] = part.trim().split(/\s+/).filter(Boolean);
    if (!name) continue;
    const key = name.toLowerCase();
    const had = sources.get(key);
    if (!had) {
      order.push(key);
      sources.set(key, [name, ...values]);
    } else {
      for (const v of values) if (!had.includes(v)) had.push(v);
    }
  }
  return order.map((k) => (sources.get(k) ?? []).join(" ")).join("; ");
}
