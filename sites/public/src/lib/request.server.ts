// Building the API client for one page request.
import type { AstroGlobal } from "astro";
import { type ApiClient, createApiClient } from "./api.server";

type PageContext = Pick<AstroGlobal, "locals" | "clientAddress">;

/** The resident's address; null where the adapter cannot tell (e.g. prerendering). */
export function clientAddressOf(ctx: Pick<AstroGlobal, "clientAddress">): string | null {
  try {
    return ctx.clientAddress || null;
  } catch {
    return null;
  }
}

export function apiFor(ctx: PageContext): ApiClient {
  return createApiClient({ locale: ctx.locals.locale, clientAddress: clientAddressOf(ctx) });
}
