import { defineMiddleware } from "astro:middleware";
import { isCrossSitePost } from "@lianxin/site-kit/csrf";
import {
  LANG_COOKIE,
  LANG_COOKIE_MAX_AGE,
  parseLocale,
  resolveLocale,
} from "@lianxin/site-kit/locale";
import { loadSecretsOnce } from "@lianxin/site-kit/secrets.server";

// Chooses the language for every request, remembers `?lang=` in the cookie, and adds
// the headers every page should carry.
export const onRequest = defineMiddleware(async (context, next) => {
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
  const response = await next();
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("Referrer-Policy", "same-origin");
  response.headers.set("X-Frame-Options", "DENY");
  if (!response.headers.has("Vary")) response.headers.set("Vary", "Cookie");
  return response;
});
