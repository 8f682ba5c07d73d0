/** The sites' languages: Simplified Chinese by default, English available. */
export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export const LANG_COOKIE = "lang";
export const LANG_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

/** Read a language choice loosely: "en", "EN", "en-US" → en; "zh", "zh-CN", "zh-Hans" → zh-CN. */
export function parseLocale(value: string | null | undefined): Locale | null {
  if (!value) return null;
  const v = value.trim().toLowerCase();
  if (v === "en" || v.startsWith("en-")) return "en";
  if (v === "zh" || v.startsWith("zh-")) return "zh-CN";
  return null;
}

/** `?lang=` wins over the `lang` cookie; Simplified Chinese otherwise. */
export function resolveLocale(
  query: string | null | undefined,
  cookie: string | null | undefined,
): Locale {
  return parseLocale(query) ?? parseLocale(cookie) ?? DEFAULT_LOCALE;
}

/** The other language, for the switch. */
export function otherLocale(locale: Locale): Locale {
  return locale === "en" ? "zh-CN" : "en";
}

/**
 * Where to send the resident back after switching language: a path on this site only
 * (no scheme, no host, no protocol-relative `//`), with any `lang` parameter removed.
 */
export function safeReturnPath(next: string | null | undefined): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  if ([...next].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return "/";
  const url = new URL(next, "http://site.invalid");
  if (url.origin !== "http://site.invalid") return "/";
  url.searchParams.delete("lang");
  return url.pathname + url.search + url.hash;
}

/** The link target of the language switch for the page at `path` + `search`. */
export function switchHref(to: Locale, path: string, search = ""): string {
  const next = safeReturnPath(path + search);
  return `/lang?to=${encodeURIComponent(to)}&next=${encodeURIComponent(next)}`;
}
