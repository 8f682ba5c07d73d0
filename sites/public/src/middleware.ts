import { defineMiddleware } from "astro:middleware";
import { siteMiddleware } from "@lianxin/site-kit/middleware.server";

// Every request: the steps both sites share (site secret, cross-site posts refused, language
// chosen and remembered, the headers every page should carry); the residents' site adds none.
export const onRequest = defineMiddleware(siteMiddleware());
