// The request middleware both sites run, kept once. Every request: load the bound site secret
// (on AWS, once per server process), refuse cross-site posts, choose the language (remembering
// `?lang=` in the cookie), then the page, then the headers every page should carry
// (security-headers.ts; the Content-Security-Policy is Astro's own, per page). What a site
// does besides (the staff site's session check, its no-store caching) comes in as `beforePage`
// and `onResponse`. A site wraps it with Astro's `defineMiddleware` in its src/middleware.ts.

import { readConfig } from "./config.server.js";
import { isCrossSitePost } from "./csrf.js";
import {
  LANG_COOKIE,
  LANG_COOKIE_MAX_AGE,
  type Locale,
  parseLocale,
  resolveLocale,
} from "./locale.js";
import { loadSecretsOnce } from "./secrets.server.js";
import { securityHeaders } from "./security-headers.js";

/** The part of Astro's APIContext the middleware uses (site-kit does not depend on Astro). */
export interface SiteContext {
  request: Request;
  url: URL;
  cookies: {
    get(name: string): { value: string } | undefined;
    set(
      name: string,
      value: string,
      options: {
        path: string;
        maxAge: number;
        sameSite: "lax";
        httpOnly: boolean;
        secure: boolean;
      },
    ): void;
  };
  locals: { locale: Locale };
}

export interface SiteMiddlewareOptions<C extends SiteContext> {
  /**
   * Runs once the language is chosen, before the page is rendered. A response returned (a
   * redirect) is sent instead of the page, without the headers below.
   */
  beforePage?: (context: C) => Promise<Response | undefined> | Response | undefined;
  /** The site's own changes to the page's response, made before the shared headers are set. */
  onResponse?: (context: C, response: Response) => void;
  /** Pages that may ask the browser where it is (Permissions-Policy `geolocation=(self)`). */
  geolocationOn?: (context: C) => boolean;
}

export function siteMiddleware<C extends SiteContext = SiteContext>(
  options: SiteMiddlewareOptions<C> = {},
): (context: C, next: () => Promise<Response>) => Promise<Response> {
  return async (context, next) => {
    // On AWS the bound site secret is still in SSM: fetched once per server process.
    await loadSecretsOnce();
    const h = context.request.headers;
    if (
      isCrossSitePost({
        method: context.request.method,
        secFetchSite: h.get("sec-fetch-site"),
        origin: h.get("origin"),
        hosts: [h.get("host"), h.get("x-forwarded-host")],
      })
    ) {
      return new Response("Cross-site form submissions are refused.", {
        status: 403,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      });
    }
    const fromQuery = parseLocale(context.url.searchParams.get("lang"));
    context.locals.locale = resolveLocale(
      context.url.searchParams.get("lang"),
      context.cookies.get(LANG_COOKIE)?.value,
    );
    if (fromQuery) {
      context.cookies.set(LANG_COOKIE, fromQuery, {
        path: "/",
        maxAge: LANG_COOKIE_MAX_AGE,
        sameSite: "lax",
        httpOnly: true,
        secure: context.url.protocol === "https:",
      });
    }
    const early = await options.beforePage?.(context);
    if (early) return early;

    const response = await next();
    options.onResponse?.(context, response);
    const geolocation = options.geolocationOn?.(context) ?? false;
    for (const [name, value] of Object.entries(
      securityHeaders(readConfig().siteUrl, { geolocation }),
    )) {
      response.headers.set(name, value);
    }
    if (!response.headers.has("Vary")) response.headers.set("Vary", "Cookie");
    return response;
  };
}
