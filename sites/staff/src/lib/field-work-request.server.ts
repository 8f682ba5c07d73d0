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

/** Up to this many concern blocks without JavaScript (an island-free form). */
export const CONCERN_BLOCKS = 3;

/** The log's body from the form: empty concern blocks (no description) are left out. */
export function readFieldLogForm(form: FormData) {
  const text = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v.trim() : "";
  };
  const num = (k: string) => {
    const n = Number(text(k) || "0");
    return Number.isFinite(n) ? Math.trunc(n) : 0;
  };
  const concerns = [];
  for (let i = 0; i < 20; i++) {
    const description = text(`c${i}-description`);
    if (!description) continue;
    concerns.push({
      categoryCode: text(`c${i}-categoryCode`),
      description,
      ...(text(`c${i}-contactName`) ? { contactName: text(`c${i}-contactName`) } : {}),
      ...(text(`c${i}-contactPhone`) ? { contactPhone: text(`c${i}-contactPhone`) } : {}),
    });
  }
  return {
    date: text("date"),
    villageId: text("villageId"),
    groupId: text("groupId") || null,
    kind: text("kind"),
    peopleReached: num("peopleReached"),
    enterprises: num("enterprises"),
    peopleConsulted: num("peopleConsulted"),
    notes: text("notes"),
    concerns,
  };
}
