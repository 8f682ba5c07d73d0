// The phone's request for a signed upload (issue 15), forwarded to the API: the browser cannot
// call the API itself (the site secret and the resident's address go with every call). Only
// this small JSON request passes through the site; the photo goes from the browser straight to
// the ticket's URL (the file store). A refusal (HEIC, too large, too many) comes back as
// `{ message }` in the resident's language, naming the file.
//
// Two kinds: the submission form's (`formKey`: its Idempotency-Key; the submission claims the
// uploads), or 补充情况's on the tracking view (`ledgerNo` and `stage: "message"`, with the view's
// credential: the access code /track already holds in its forms, the SMS link's token in its
// URL, or 我的诉求's session from its httpOnly cookie, read here). Such an upload is attached to
// the concern as soon as it is processed.

import type { ApiResult } from "@lianxin/site-kit/api-result";
import type { APIRoute } from "astro";
import { describeFailure } from "../../lib/failure";
import { residentSessionOf } from "../../lib/mine.server";
import type { UploadTicket } from "../../lib/photo-types";
import { apiFor } from "../../lib/request.server";

export const prerender = false;

const LEDGER_NO = /^LS-\d{4}-\d{6}$/;

function withoutToken(ticket: UploadTicket & { photosToken?: string }): UploadTicket {
  const { photosToken: _, ...rest } = ticket;
  return rest;
}

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
  const { name, contentType, size, formKey, ledgerNo, accessCode, linkToken } = body;
  if (typeof name !== "string" || typeof contentType !== "string" || typeof size !== "number") {
    return json(400, { message: null });
  }
  const api = apiFor(context);
  let res: ApiResult<UploadTicket>;
  if (typeof formKey === "string") {
    res = await api.post("/api/uploads", { body: { name, contentType, size, formKey } });
  } else if (typeof ledgerNo === "string" && LEDGER_NO.test(ledgerNo)) {
    const session = residentSessionOf(context.cookies);
    const credential =
      typeof accessCode === "string" && accessCode
        ? { accessCode }
        : typeof linkToken === "string" && linkToken
          ? { linkToken }
          : session
            ? { residentSession: session }
            : null;
    if (!credential) return json(404, { message: null });
    const asked = await api.post("/api/concerns/:ledgerNo/uploads", {
      params: { ledgerNo },
      ...credential,
      body: { name, contentType, size, stage: "message" },
    });
    // The photos token is for the plain forms' way back; the phone has no use for it.
    res = asked.ok ? { ...asked, data: withoutToken(asked.data) } : asked;
  } else {
    return json(400, { message: null });
  }
  if (res.ok) return json(201, res.data);
  const failure = describeFailure(res, context.locals.locale, ["file", "formKey"] as const);
  return json(res.kind === "http" && res.status < 500 ? res.status : 503, {
    message: failure.fieldErrors.file ?? failure.fieldErrors.formKey ?? failure.message,
  });
};
