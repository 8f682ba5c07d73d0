import type { AstroGlobal } from "astro";
import { fieldWorkApi } from "./field-work.server";
import { clientAddressOf } from "./request.server";

/** The field-work client for the signed-in user of this request. */
export function fieldWorkFor(ctx: AstroGlobal) {
  return fieldWorkApi({
    locale: ctx.locals.locale,
    clientAddress: clientAddressOf(ctx),
    token: ctx.locals.token,
  });
}
