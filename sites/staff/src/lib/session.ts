// The staff session as this site keeps it: the API's token in the site's own cookie.
// Pure helpers (cookie options, where to go after login); the cookie is set and read in
// session.server.ts only.
import { cookieSecure } from "@lianxin/site-kit/cookies";
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
 * httpOnly (never readable by browser JavaScript or islands), SameSite=Strict, path "/",
 * Secure (site-kit `cookieSecure`), expiring with the session.
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
    secure: cookieSecure(siteUrl),
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
    secure: cookieSecure(siteUrl),
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
