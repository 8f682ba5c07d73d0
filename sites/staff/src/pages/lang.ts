import { switchLanguage } from "@lianxin/site-kit/lang-route";
import type { APIRoute } from "astro";

// The language switch: /lang?to=en&next=/submit sets the cookie and goes back (site-kit's,
// shared with the public site).
export const GET: APIRoute = switchLanguage;
