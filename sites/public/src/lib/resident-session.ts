// A resident's "我的诉求" session as this site keeps it: the API's token in the site's own
// cookie, never in a page, a URL or a form. Pure helpers (the cookie's name and options, a
// plausible value); the cookie is set, read and cleared in mine.server.ts only.
import { cookieSecure } from "@lianxin/site-kit/cookies";

export const RESIDENT_COOKIE = "lx_resident";

/** The API's sessions last 30 minutes: the cookie never outlives one. */
export const RESIDENT_COOKIE_MAX_AGE = 30 * 60;

export interface ResidentCookieOptions {
  path: "/";
  httpOnly: true;
  sameSite: "strict";
  secure: boolean;
  maxAge: number;
}

/**
 * httpOnly (never readable by browser JavaScript), SameSite=Strict (never sent with a request
 * another site starts), path "/", Secure unless the site's configured URL is the local plain
 * http (site-kit's `cookieSecure`, as for the staff cookie), and gone when the session ends:
 * at `expiresAt`, within 30 minutes.
 */
export function residentCookieOptions(
  expiresAt: string | null | undefined,
  siteUrl: string | null,
  now: Date = new Date(),
): ResidentCookieOptions {
  const at = Date.parse(expiresAt ?? "");
  const left = Number.isNaN(at) ? RESIDENT_COOKIE_MAX_AGE : Math.ceil((at - now.getTime()) / 1000);
  return {
    path: "/",
    httpOnly: true,
    sameSite: "strict",
    secure: cookieSecure(siteUrl),
    maxAge: Math.min(Math.max(left, 1), RESIDENT_COOKIE_MAX_AGE),
  };
}

/** Options that delete the cookie (the same path and flags). */
export function clearedResidentCookieOptions(
  siteUrl: string | null,
): Omit<ResidentCookieOptions, "maxAge"> {
  return { path: "/", httpOnly: true, sameSite: "strict", secure: cookieSecure(siteUrl) };
}

/** Tokens are opaque to the site, but a cookie value that is no plausible token is ignored. */
export function readResidentToken(value: string | null | undefined): string | null {
  const v = value?.trim();
  return v && /^[A-Za-z0-9_-]{16,256}$/.test(v) ? v : null;
}
