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
 * httpOnly (never readable by browser JavaScript or islands), SameSite=Strict, path "/",
 * expiring with the session. `Secure` is set only when the request came over https: browsers
 * drop Secure cookies set from plain http (local runs at http://127.0.0.1:4322 included),
 * so an unconditional Secure flag would make local login impossible. Deployed behind https
 * the request URL is https and the cookie is Secure.
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
    secure: requestUrl.protocol === "https:",
    expires: new Date(at),
  };
}

/** Options that delete the cookie (same path and flags). */
export function clearedCookieOptions(requestUrl: URL): Omit<SessionCookieOptions, "expires"> {
  return {
    path: "/",
    httpOnly: true,
    sameSite: "strict",
    secure: requestUrl.protocol === "https:",
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
