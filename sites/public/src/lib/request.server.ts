// The API client for one page request: site-kit's, with the resident's language and address.
import { type Api, createApi } from "@lianxin/site-kit/api.server";
import type { AstroGlobal } from "astro";

type PageContext = Pick<AstroGlobal, "locals" | "clientAddress">;

/**
 * The resident's address: Astro's `clientAddress`, which is X-Forwarded-For as the server set it
 * before Astro read it (site-kit's Node server from the socket and LIANXIN_TRUSTED_PROXIES; on
 * AWS, infra/sites.ts's injection from CloudFront); null where the adapter cannot tell.
 */
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
