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
 * `Secure` always, except for a plain-http request to a loopback host. Deployed, whatever
 * the request URL says (https, or http behind a proxy that does not pass the scheme on), the
 * cookie is Secure: it never travels over plain http.
 */
function secureFor(requestUrl: URL): boolean {
  return requestUrl.protocol === "https:" || !isLoopbackHost(requestUrl.hostname);
}

/**
 * httpOnly (never readable by browser JavaScript or islands), SameSite=Strict, path "/",
 * Secure (see `secureFor`), expiring with the session.
 */
export function sessionCookieOptions(
  expiresAt: string,
  requestUrl: URL,
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
    secure: secureFor(requestUrl),
    expires: new Date(at),
  };
}

/** Options that delete the cookie (same path and flags). */
export function clearedCookieOptions(requestUrl: URL): Omit<SessionCookieOptions, "expires"> {
  return {
    path: "/",
    httpOnly: true,
    sameSite: "strict",
    secure: secureFor(requestUrl),
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
