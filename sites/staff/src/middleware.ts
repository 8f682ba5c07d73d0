import { defineMiddleware } from "astro:middleware";
import { isCrossSitePost } from "@lianxin/site-kit/csrf";
import {
  LANG_COOKIE,
  LANG_COOKIE_MAX_AGE,
  parseLocale,
  resolveLocale,
} from "@lianxin/site-kit/locale";
import { loadSecretsOnce } from "@lianxin/site-kit/secrets.server";
import { apiFor, readSessionToken, sessionRedirect } from "./lib/request.server";
import { loginHref, needsSession } from "./lib/session";

// Every request: refuse cross-site posts, choose the language, read the session cookie and,
// on every page but the open ones (login, logout, password, language switch), ask the API who
// is signed in. No session → the login page; a gone session → cleared cookie and login.
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
  context.locals.token = readSessionToken(context.cookies);
  context.locals.user = null;

  if (needsSession(context.url.pathname)) {
    if (!context.locals.token) {
      return context.redirect(loginHref(context.url.pathname + context.url.search), 303);
    }
    const me = await apiFor(context).me();
    if (me.ok) {
      context.locals.user = me.data.user;
      if (me.data.mustChangePassword) return context.redirect("/password", 303);
    } else {
      const to = sessionRedirect(context, me);
      if (to) return context.redirect(to, 303);
      // API trouble: the page renders and shows its own "unavailable" message.
    }
  }

  const response = await next();
  // Every page holds personal data or a session: never cache any of it.
  if (!context.url.pathname.startsWith("/_astro/")) {
    response.headers.set("Cache-Control", "no-store");
  }
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("Referrer-Policy", "same-origin");
  response.headers.set("X-Frame-Options", "DENY");
  if (!response.headers.has("Vary")) response.headers.set("Vary", "Cookie");
  return response;
});
