import {
  DEFAULT_LOCALE,
  LANG_COOKIE,
  LANG_COOKIE_MAX_AGE,
  parseLocale,
  safeReturnPath,
} from "./locale.js";
import type { SiteContext } from "./middleware.server.js";

/** What the language switch uses of Astro's endpoint context (structurally, no astro import). */
type LangContext = Pick<SiteContext, "url"> & {
  cookies: Pick<SiteContext["cookies"], "set">;
  redirect(path: string, status: 303): Response;
};

/**
 * Both sites' `/lang?to=en&next=/submit`: sets the cookie and goes back. A plain link, so it
 * works without JavaScript. A site's `pages/lang.ts` is `export const GET = switchLanguage;`.
 */
export function switchLanguage({ url, cookies, redirect }: LangContext): Response {
  const to = parseLocale(url.searchParams.get("to")) ?? DEFAULT_LOCALE;
  cookies.set(LANG_COOKIE, to, {
    path: "/",
    maxAge: LANG_COOKIE_MAX_AGE,
    sameSite: "lax",
    httpOnly: true,
    secure: url.protocol === "https:",
  });
  return redirect(safeReturnPath(url.searchParams.get("next")), 303);
}
