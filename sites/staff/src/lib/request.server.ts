// The staff session on the server: the cookie, the API client for one request, and what to do
// when the API says the session is gone. Server-only.
import { type Api, createApi } from "@lianxin/site-kit/api.server";
import type { ApiFailure, ApiResult } from "@lianxin/site-kit/api-result";
import { readConfig } from "@lianxin/site-kit/config.server";
import type { AstroCookies } from "astro";
import { classifyFailure, type FailureKind } from "./failure";
import { clearedCookieOptions, loginHref, SESSION_COOKIE, sessionCookieOptions } from "./session";

interface Ctx {
  locals: App.Locals;
  cookies: AstroCookies;
  url: URL;
  clientAddress?: string;
}

/**
 * The user's address: Astro's `clientAddress`, decided before Astro reads it (as on the public
 * site: site-kit's Node server, or infra/sites.ts's injection on AWS); null where it cannot tell.
 */
export function clientAddressOf(ctx: { clientAddress?: string }): string | null {
  try {
    return ctx.clientAddress || null;
  } catch {
    return null;
  }
}

/** Tokens are opaque to the site, but a cookie value that is no plausible token is ignored. */
export function readSessionToken(cookies: AstroCookies): string | null {
  const v = cookies.get(SESSION_COOKIE)?.value?.trim();
  return v && v.length <= 4096 && /^[\x21-\x7e]+$/.test(v) ? v : null;
}

export function startSession(ctx: Ctx, token: string, expiresAt: string): void {
  ctx.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(expiresAt, readConfig().siteUrl));
  ctx.locals.token = token;
}

export function endSession(ctx: Ctx): void {
  ctx.cookies.delete(SESSION_COOKIE, clearedCookieOptions(readConfig().siteUrl));
  ctx.locals.token = null;
  ctx.locals.user = null;
}

/** The API client for this request, with the session's bearer token when there is one. */
export function apiFor(ctx: Ctx): Api {
  return createApi({
    locale: ctx.locals.locale,
    clientAddress: clientAddressOf(ctx),
    token: ctx.locals.token,
  });
}

/**
 * A failed call that ends the page: 401 → clear the cookie and go to the login (coming back
 * here afterwards); password change required → /password. Null for any other failure.
 */
export function sessionRedirect(ctx: Ctx, failure: ApiFailure): string | null {
  const kind = classifyFailure(failure);
  if (kind === "signed_out") {
    endSession(ctx);
    const href = loginHref(ctx.url.pathname + ctx.url.search);
    return href.includes("?") ? `${href}&expired=1` : `${href}?expired=1`;
  }
  if (kind === "password_change") return "/password";
  return null;
}

/** A list page's read: its items, where to sign in again, or what went wrong and the status. */
export type ListLoad<T> =
  | { items: T[] }
  | { redirect: string }
  | { failure: FailureKind; status: number };

/**
 * The items of a list answer (`{ items }`), alike for the pages that only list: a lost session
 * redirects, 403 is the page's 无权查看, anything else unusable is 503 (404 is the page's own).
 */
export function listOf<T>(ctx: Ctx, res: ApiResult<{ items: T[] }>): ListLoad<T> {
  if (res.ok && Array.isArray(res.data?.items)) return { items: res.data.items };
  if (res.ok) return { failure: "unavailable", status: 503 };
  const to = sessionRedirect(ctx, res);
  if (to) return { redirect: to };
  const failure = classifyFailure(res);
  return {
    failure,
    status: failure === "forbidden" ? 403 : failure === "not_found" ? 404 : 503,
  };
}
