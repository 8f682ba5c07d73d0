// The staff session as this site keeps it: the API's token in the site's own cookie.
// Pure helpers (cookie options, where to go after login); the cookie is set and read in
// session.server.ts only.
import { safeReturnPath } from "@lianxin/site-kit/locale";

export const SESSION_COOKIE = "lianxin_staff";

export interface SessionCookieOptions {
  path: "/";
  httpOnly: true;
  sameSite: "strict";
  secure: boolean;
  expires: Date;
}

/**
 * Plain http is allowed only on this machine's loopback addresses (the local run at
 * http://127.0.0.1:4322): browsers drop a Secure cookie set over plain http there, so the flag
 * would make local login impossible.
 */
function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return h === "localhost" || h.endsWith(".localhost") || h === "::1" || /^127\./.test(h);
}

/**
 * `Secure` always, except when the site's configured URL (`LIANXIN_SITE_URL`) is plain http
 * on a loopback host: the local run. Decided by configuration, never by the request, whose
 * Host a client chooses (a plain-http request saying `Host: localhost` once got a cookie
 * without the flag). Unset, as deployed, the cookie is Secure.
 */
function secureFor(siteUrl: string | null): boolean {
  if (!siteUrl) return true;
  let url: URL;
  try {
    url = new URL(siteUrl);
  } catch {
    return true;
  }
  return url.protocol === "https:" || !isLoopbackHost(url.hostname);
}

/**
 * httpOnly (never readable by browser JavaScript or islands), SameSite=Strict, path "/",
 * Secure (see `secureFor`), expiring with the session.
 */
export function sessionCookieOptions(
  expiresAt: string,
  siteUrl: string | null,
  now: Date = new Date(),
): SessionCookieOptions {
  const parsed = Date.parse(expiresAt);
  // A missing or nonsensical expiry: keep the cookie for 12 hours at most; the API decides anyway.
  const fallback = now.getTime() + 12 * 60 * 60 * 1000;
  const at = Number.isNaN(parsed) || parsed <= now.getTime() ? fallback : parsed;
  return {
    path: "/",
    httpOnly: true,
    sameSite: "strict",
    secure: secureFor(siteUrl),
    expires: new Date(at),
  };
}

/** Options that delete the cookie (same path and flags). */
export function clearedCookieOptions(
  siteUrl: string | null,
): Omit<SessionCookieOptions, "expires"> {
  return {
    path: "/",
    httpOnly: true,
    sameSite: "strict",
    secure: secureFor(siteUrl),
  };
}

/** Pages that answer without a session. */
const OPEN_PATHS = new Set(["/login", "/logout", "/lang", "/password", "/favicon.svg"]);

export function needsSession(pathname: string): boolean {
  if (pathname.startsWith("/_astro/") || pathname.startsWith("/_server-islands/")) return false;
  const p = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  return !OPEN_PATHS.has(p);
}

/**
 * Where to go after logging in: a relative path on this site only (no scheme, host or `//`),
 * never back to the login, logout or password pages; "/" otherwise.
 */
export function safeNextPath(next: string | null | undefined): string {
  const path = safeReturnPath(next);
  const pathname = path.split(/[?#]/)[0] ?? "/";
  if (["/login", "/logout", "/password", "/lang"].includes(pathname.replace(/\/+$/, ""))) {
    return "/";
  }
  return path;
}

/** /login?next=… for the page the user was on (no `next` for the home page). */
export function loginHref(currentPath: string): string {
  const next = safeNextPath(currentPath);
  return next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`;
}
