// The concern page's upload script talks to this site, never to the API: it asks here for an
// upload ticket (this server adds the session's bearer token and calls
// `POST /api/staff/concerns/{ledgerNo}/uploads`) and for an upload's state (`GET
// /api/uploads/{id}`). Small JSON both ways; the FILE goes from the browser straight to the
// ticket's URL (the file store), never through this site. Server-only.
import type { Api } from "@lianxin/site-kit/api.server";
import type { ApiFailure } from "@lianxin/site-kit/api-result";
import { type Locale, t } from "../i18n/messages";
import { type EvidenceAction, isUploadId, takesEvidence } from "./evidence";
import { classifyFailure } from "./failure";

/** What the script gets back: a status and a small JSON body. */
export interface JsonAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** The ticket the browser needs to post the file (an http(s) URL, string fields). */
export interface TicketForBrowser {
  uploadId: string;
  url: string;
  fields: Record<string, string>;
  maxBytes: number;
}

interface TicketRequest {
  name: string;
  contentType: string;
  size: number;
  stage: EvidenceAction;
}

/** The script's request, as the API takes it; null when it is not one. */
export function readTicketRequest(body: unknown): TicketRequest | null {
  if (!body || typeof body !== "object") return null;
  const { name, contentType, size, stage } = body as Record<string, unknown>;
  if (typeof name !== "string" || !name.trim() || name.length > 200) return null;
  if (typeof contentType !== "string" || contentType.length > 100) return null;
  if (typeof size !== "number" || !Number.isInteger(size) || size <= 0) return null;
  if (typeof stage !== "string" || !takesEvidence(stage)) return null;
  return { name, contentType: contentType || "application/octet-stream", size, stage };
}

function failed(locale: Locale, res: ApiFailure): JsonAnswer {
  const kind = classifyFailure(res);
  if (kind === "signed_out" || kind === "password_change") {
    return { status: 401, body: { error: { message: t(locale, "evidence.signedOut") } } };
  }
  const status = res.kind === "http" && kind !== "unavailable" ? res.status : 503;
  // A refused file (too large, HEIC, a kind not taken) comes as a 400 naming the file.
  const apiWords =
    res.kind === "http" && kind === "invalid"
      ? Object.values(res.error?.fields ?? {})[0] || res.error?.message
      : null;
  const message =
    apiWords ||
    t(
      locale,
      kind === "forbidden"
        ? "common.forbiddenDetail"
        : kind === "rate_limited"
          ? "common.rateLimited"
          : kind === "unavailable"
            ? "common.unavailable"
            : "evidence.failed",
    );
  return { status, body: { error: { message } } };
}

/** 上传现场照片或文件: a ticket for one evidence file of this concern's answer or note. */
export async function evidenceTicket(
  api: Api,
  locale: Locale,
  ledgerNo: string,
  body: unknown,
): Promise<JsonAnswer> {
  const input = readTicketRequest(body);
  if (!input) {
    return { status: 400, body: { error: { message: t(locale, "common.badRequest") } } };
  }
  const res = await api.post("/api/staff/concerns/:ledgerNo/uploads", {
    params: { ledgerNo },
    body: input,
  });
  if (!res.ok) return failed(locale, res);
  const ticket = readTicket(res.data);
  if (!ticket) {
    return { status: 503, body: { error: { message: t(locale, "common.unavailable") } } };
  }
  return { status: 201, body: { ticket } };
}

/** A ticket from the API, checked: its id, an http(s) URL, string fields only. */
export function readTicket(data: unknown): TicketForBrowser | null {
  if (!data || typeof data !== "object") return null;
  const { uploadId, url, fields, maxBytes } = data as Record<string, unknown>;
  if (!isUploadId(uploadId) || typeof url !== "string") return null;
  try {
    const u = new URL(url);
    if (u.protocol !== "https:" && u.protocol !== "http:") return null;
  } catch {
    return null;
  }
  if (!fields || typeof fields !== "object") return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields as Record<string, unknown>)) {
    if (typeof v !== "string") return null;
    out[k] = v;
  }
  return {
    uploadId,
    url,
    fields: out,
    maxBytes: typeof maxBytes === "number" ? maxBytes : 0,
  };
}

/** An upload's state for the script: waiting, processed, attached, or refused with why. */
export async function evidenceState(
  api: Api,
  locale: Locale,
  uploadId: string,
): Promise<JsonAnswer> {
  if (!isUploadId(uploadId)) {
    return { status: 404, body: { error: { message: t(locale, "common.notFound") } } };
  }
  const res = await api.get("/api/uploads/:uploadId", { params: { uploadId } });
  if (!res.ok) return failed(locale, res);
  const state = res.data?.state;
  if (state !== "waiting" && state !== "processed" && state !== "refused" && state !== "attached") {
    return { status: 503, body: { error: { message: t(locale, "common.unavailable") } } };
  }
  const words = res.data.refusal?.message;
  const message =
    state === "refused"
      ? (locale === "en" ? words?.en : words?.["zh-CN"]) || t(locale, "evidence.failed")
      : null;
  return { status: 200, body: { state, message } };
}
