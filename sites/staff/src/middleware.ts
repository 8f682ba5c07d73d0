import { defineMiddleware } from "astro:middleware";
import { siteMiddleware } from "@lianxin/site-kit/middleware.server";
import type { APIContext } from "astro";
import { mergeRepeatedDirectives } from "./lib/csp";
import { apiFor, readSessionToken, sessionRedirect } from "./lib/request.server";
import { loginHref, needsSession } from "./lib/session";

// Every request: the steps both sites share (site secret, cross-site posts refused, language
// chosen and remembered, the common headers), and here: read the session cookie and, on every
// page but the open ones (login, logout, password, language switch), ask the API who is signed
// in (and how many unread messages they have, for the badge on 消息). No session → the login
// page; a gone session → cleared cookie and login. After the page: no caching, and the
// Content-Security-Policy's repeated directives folded into one each.
export const onRequest = defineMiddleware(
  siteMiddleware<APIContext>({
    async beforePage(context) {
      context.locals.token = readSessionToken(context.cookies);
      context.locals.user = null;
      context.locals.unread = null;

      if (needsSession(context.url.pathname)) {
        if (!context.locals.token) {
          return context.redirect(loginHref(context.url.pathname + context.url.search), 303);
        }
        const me = await apiFor(context).get("/api/staff/me");
        if (me.ok) {
          context.locals.user = me.data.user;
          // The badge on 消息, on every page: counted by the API in the same call.
          context.locals.unread = typeof me.data.unread === "number" ? me.data.unread : null;
          if (me.data.mustChangePassword) return context.redirect("/password", 303);
        } else {
          const to = sessionRedirect(context, me);
          if (to) return context.redirect(to, 303);
          // API trouble: the page renders and shows its own "unavailable" message.
        }
      }
      return undefined;
    },
    onResponse(context, response) {
      // Every page holds personal data or a session: never cache any of it.
      if (!context.url.pathname.startsWith("/_astro/")) {
        response.headers.set("Cache-Control", "no-store");
      }
      // A page that added a directive (the concern page: the file store's origin) gets it
      // repeated by Astro 5.18 (withastro/astro#16594): each directive once (lib/csp.ts).
      const csp = response.headers.get("Content-Security-Policy");
      if (csp) response.headers.set("Content-Security-Policy", mergeRepeatedDirectives(csp));
    },
  }),
);
