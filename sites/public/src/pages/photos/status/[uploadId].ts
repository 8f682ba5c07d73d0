// How an upload fared (`GET /api/uploads/:id`), for the phone's "处理中… / 已添加 / 被拒绝"
// after it posted a photo. The answer names no concern and carries no link.
import type { APIRoute } from "astro";
import { apiFor } from "../../../lib/request.server";

export const prerender = false;

const UPLOAD_ID = /^u[A-Za-z0-9_-]{22}$/;

export const GET: APIRoute = async (context) => {
  const uploadId = context.params.uploadId ?? "";
  const headers = {
    "Content-Type": "application/json; charset=utf-8",
    "Cache-Control": "no-store",
  };
  if (!UPLOAD_ID.test(uploadId)) return new Response("{}", { status: 404, headers });
  const res = await apiFor(context).get("/api/uploads/:uploadId", { params: { uploadId } });
  if (res.ok) return new Response(JSON.stringify(res.data), { status: 200, headers });
  const status = res.kind === "http" && res.status < 500 ? res.status : 503;
  return new Response("{}", { status, headers });
};
