// GET /directory/export — the directory as an Excel workbook, fetched from the API with the
// session's bearer token and passed through to the browser.
import type { APIRoute } from "astro";
import { WORKBOOK_TIMEOUT_MS, XLSX_TYPE } from "../../lib/directory-form";
import { apiFor } from "../../lib/request.server";

export const GET: APIRoute = async (ctx) => {
  const res = await apiFor(ctx).raw("GET", "/api/staff/directory.xlsx", {
    headers: { Accept: XLSX_TYPE },
    timeoutMs: WORKBOOK_TIMEOUT_MS,
  });
  if (!res?.ok) {
    if (res?.status === 401) return ctx.redirect("/login?next=%2Fdirectory&expired=1", 303);
    return new Response(res?.status === 403 ? "Not permitted." : "The export failed; try again.", {
      status: res?.status === 403 ? 403 : 503,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const headers = new Headers({ "Cache-Control": "no-store" });
  for (const h of ["content-type", "content-disposition", "content-length"]) {
    const v = res.headers.get(h);
    if (v) headers.set(h, v);
  }
  return new Response(res.body, { status: 200, headers });
};
