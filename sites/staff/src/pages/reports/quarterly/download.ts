// GET /reports/quarterly/download?quarter=…&department=… — the report's xlsx, fetched from the
// API with the session's token and passed to the browser.
import type { APIRoute } from "astro";
import { apiFor } from "../../../lib/request.server";

export const GET: APIRoute = async (ctx) => {
  const p = ctx.url.searchParams;
  const res = await apiFor(ctx).raw("GET", "/api/staff/reports/quarterly", {
    query: {
      quarter: p.get("quarter") || undefined,
      department: p.get("department") || undefined,
      person: p.get("person") || undefined,
      format: "xlsx",
    },
  });
  if (!res?.ok) return ctx.redirect("/reports/quarterly?download=failed", 303);
  const headers = new Headers({ "Cache-Control": "no-store" });
  for (const h of ["content-type", "content-disposition", "content-length"]) {
    const v = res.headers.get(h);
    if (v) headers.set(h, v);
  }
  return new Response(res.body, { status: 200, headers });
};
