import { defineMiddleware } from "astro:middleware";
import { siteMiddleware } from "@lianxin/site-kit/middleware.server";

/** The submission page, the one page that may ask where the resident is ("使用我的位置"). */
const SUBMIT_PATH = /^\/submit\/?$/;

// Every request: the steps both sites share (site secret, cross-site posts refused, language
// chosen and remembered, the headers every page should carry). The residents' site adds one
// thing: geolocation is allowed (Permissions-Policy `geolocation=(self)`) on /submit only.
export const onRequest = defineMiddleware(
  siteMiddleware({ geolocationOn: (context) => SUBMIT_PATH.test(context.url.pathname) }),
);
