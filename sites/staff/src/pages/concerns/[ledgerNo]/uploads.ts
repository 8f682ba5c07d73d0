// POST /concerns/{ledgerNo}/uploads — the concern page's upload script asks for a ticket for one
// evidence file ({name, contentType, size, stage}); this server calls the API with the session
// (lib/uploads.server.ts). JSON in and out; the file itself never comes here. Cross-site posts
// are refused by the middleware, as for every form.
import type { APIRoute } from "astro";
import { normalizeLedgerNo } from "../../../lib/actions";
import { apiFor } from "../../../lib/request.server";
import { evidenceTicket } from "../../../lib/uploads.server";

export const POST: APIRoute = async (ctx) => {
  const ledgerNo = normalizeLedgerNo(decodeURIComponent(ctx.params.ledgerNo ?? ""));
  const body = ledgerNo ? await ctx.request.json().catch(() => null) : null;
  const answer = ledgerNo
    ? await evidenceTicket(apiFor(ctx), ctx.locals.locale, ledgerNo, body)
    : { status: 404, body: { error: { message: "Not found" } } };
  return Response.json(answer.body, { status: answer.status });
};
