import { defineMiddleware } from "astro:middleware";
import { siteMiddleware } from "@lianxin/site-kit/middleware.server";
import { allowFiles, filesOrigins } from "./lib/files-origin.server";

/** The submission page, the one page that may ask where the resident is ("使用我的位置"). */
const SUBMIT_PATH = /^\/submit\/?$/;
/** The page a plain photo form leads back to: its URL carries a photos token. */
const PHOTOS_SENT_PATH = /^\/photos\/sent\/?$/;

const shared = siteMiddleware({
  geolocationOn: (context) => SUBMIT_PATH.test(context.url.pathname),
});

// Every request: the steps both sites share (site secret, cross-site posts refused, language
// chosen and remembered, the headers every page should carry). The residents' site adds:
// geolocation is allowed (Permissions-Policy `geolocation=(self)`) on /submit only; a page
// that shows or sends photos (it sets `locals.photos`) lets the file store's origin into its
// Content-Security-Policy (lib/files-origin.server.ts); /photos/sent sends no Referer at all.
export const onRequest = defineMiddleware(async (context, next) => {
  const response = await shared(context, next);
  if (context.locals.photos) {
    const csp = response.headers.get("Content-Security-Policy");
    if (csp) response.headers.set("Content-Security-Policy", allowFiles(csp, filesOrigins()));
  }
  if (PHOTOS_SENT_PATH.test(context.url.pathname)) {
    response.headers.set("Referrer-Policy", "no-referrer");
  }
  return response;
});
