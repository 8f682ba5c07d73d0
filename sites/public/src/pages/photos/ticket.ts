// The phone's request for a signed upload (issue 15), forwarded to the API: the browser cannot
// call the API itself (the site secret and the resident's address go with every call). Only
// this small JSON request passes through the site; the photo goes from the browser straight to
// the ticket's URL (the file store). A refusal (HEIC, too large, too many) comes back as
// `{ message }` in the resident's language, naming the file.

import type { APIRoute } from "astro";
import { describeFailure } from "../../lib/failure";
import type { UploadTicket } from "../../lib/photo-types";
import { apiFor } from "../../lib/request.server";

export const prerender = false;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });

export const POST: APIRoute = async (context) => {
  let body: Record<string, unknown>;
  try {
    const read = (await context.request.json()) as unknown;
    if (!read || typeof read !== "object") return json(400, { message: null });
    body = read as Record<string, unknown>;
  } catch {
    return json(400, { message: null });
  }
  const { name, contentType, size, formKey } = body;
  if (
    typeof name !== "string" ||
    typeof contentType !== "string" ||
    typeof size !== "number" ||
    typeof formKey !== "string"
  ) {
    return json(400, { message: null });
  }
  const api = apiFor(context);
  const res = await api.post("/api/uploads", { body: { name, contentType, size, formKey } });
  if (res.ok) {
    const ticket: UploadTicket = res.data;
    return json(201, ticket);
  }
  const failure = describeFailure(res, context.locals.locale, ["file", "formKey"] as const);
  return json(res.kind === "http" && res.status < 500 ? res.status : 503, {
    message: failure.fieldErrors.file ?? failure.fieldErrors.formKey ?? failure.message,
  });
};
