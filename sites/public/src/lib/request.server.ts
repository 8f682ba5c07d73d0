// The API client for one page request: site-kit's, with the resident's language and address.
import { type Api, createApi } from "@lianxin/site-kit/api.server";
import type { AstroGlobal } from "astro";

type PageContext = Pick<AstroGlobal, "locals" | "clientAddress">;

/** The resident's address; null where the adapter cannot tell (e.g. prerendering). */
export function clientAddressOf(ctx: Pick<AstroGlobal, "clientAddress">): string | null {
  try {
    return ctx.clientAddress || null;
  } catch {
    return null;
  }
}

export function apiFor(ctx: PageContext): Api {
  return createApi({ locale: ctx.locals.locale, clientAddress: clientAddressOf(ctx) });
}
