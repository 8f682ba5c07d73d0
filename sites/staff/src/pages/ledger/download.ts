// GET /ledger/download?url=… — a big ledger export's file, fetched from the API with the
// session's bearer token and streamed to the browser. Only URLs on the configured API's origin
// are followed (anything else is refused), so the token goes nowhere else.
import type { APIRoute } from "astro";
import { downloadLedger } from "../../lib/ledger.server";
import { apiFor, sessionRedirect } from "../../lib/request.server";

export const GET: APIRoute = async (ctx) => {
  const url = ctx.url.searchParams.get("url") ?? "";
  const answer =
    url.length > 0 && url.length <= 4096 ? await downloadLedger(apiFor(ctx), url) : null;
  if (answer === null) {
    return new Response("Not a download link of this portal.", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  if (answer.ok && answer.kind === "file") {
    answer.headers.set("Cache-Control", "no-store");
    return new Response(answer.body, { status: 200, headers: answer.headers });
  }
  if (!answer.ok) {
    const to = sessionRedirect(ctx, answer);
    if (to) return ctx.redirect(to, 303);
  }
  return ctx.redirect("/ledger?download=failed", 303);
};
