import {
  LANG_COOKIE,
  LANG_COOKIE_MAX_AGE,
  parseLocale,
  safeReturnPath,
} from "@lianxin/site-kit/locale";
import type { APIRoute } from "astro";
import { DEFAULT_LOCALE } from "../i18n/messages";

// The language switch: /lang?to=en&next=/submit sets the cookie and goes back. A plain link,
// so it works without JavaScript.
export const GET: APIRoute = ({ url, cookies, redirect }) => {
  const to = parseLocale(url.searchParams.get("to")) ?? DEFAULT_LOCALE;
  cookies.set(LANG_COOKIE, to, {
    path: "/",
    maxAge: LANG_COOKIE_MAX_AGE,
    sameSite: "lax",
    httpOnly: true,
    secure: url.protocol === "https:",
  });
  return redirect(safeReturnPath(url.searchParams.get("next")), 303);
};
