// GET /uploads/{uploadId} — how an evidence file the page uploaded is faring (waiting, processed,
// attached, or refused with the message naming the file), polled by the upload script.
import type { APIRoute } from "astro";
import { apiFor } from "../../lib/request.server";
import { evidenceState } from "../../lib/uploads.server";

export const GET: APIRoute = async (ctx) => {
  const answer = await evidenceState(apiFor(ctx), ctx.locals.locale, ctx.params.uploadId ?? "");
  return Response.json(answer.body, { status: answer.status });
};
