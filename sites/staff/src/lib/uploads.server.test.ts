import type { Api } from "@lianxin/site-kit/api.server";
import type { ApiResult } from "@lianxin/site-kit/api-result";
import { describe, expect, it } from "vitest";
import { evidenceState, evidenceTicket, readTicket, readTicketRequest } from "./uploads.server";

const ID = "uAAAAAAAAAAAAAAAAAAAAA1";

/** An Api whose get/post answer what `answer` says, recording the calls. */
function fakeApi(answer: ApiResult<unknown>) {
  const calls: { method: string; path: string; options: unknown }[] = [];
  const call = (method: string) => async (path: string, options?: unknown) => {
    calls.push({ method, path, options });
    return answer;
  };
  const api = { get: call("GET"), post: call("POST") } as unknown as Api;
  return { api, calls };
}

const ticket = {
  uploadId: ID,
  url: "http://127.0.0.1:4100/local-files/upload",
  fields: { key: "uploads/x", Policy: "p", "X-Signature": "s" },
  expiresAt: "2026-12-06T21:00:00.000Z",
  maxBytes: 20 * 1024 * 1024,
  contentType: "application/pdf",
};

describe("the upload script's requests", () => {
  it("take a name, a type, a size and the stage (answer or note) only", () => {
    const ok = { name: "资金文件.pdf", contentType: "application/pdf", size: 1000, stage: "note" };
    expect(readTicketRequest(ok)).toEqual(ok);
    expect(readTicketRequest({ ...ok, contentType: "" })?.contentType).toBe(
      "application/octet-stream",
    );
    expect(readTicketRequest({ ...ok, stage: "submission" })).toBeNull();
    expect(readTicketRequest({ ...ok, size: 0 })).toBeNull();
    expect(readTicketRequest({ ...ok, size: 1.5 })).toBeNull();
    expect(readTicketRequest({ ...ok, name: " " })).toBeNull();
    expect(readTicketRequest(null)).toBeNull();
  });

  it("pass a ticket on only with an http(s) URL and string fields", () => {
    expect(readTicket(ticket)).toEqual({
      uploadId: ID,
      url: ticket.url,
      fields: ticket.fields,
      maxBytes: ticket.maxBytes,
    });
    expect(readTicket({ ...ticket, url: "javascript:alert(1)" })).toBeNull();
    expect(readTicket({ ...ticket, fields: { key: 1 } })).toBeNull();
    expect(readTicket({ ...ticket, uploadId: "x" })).toBeNull();
  });
});

describe("evidenceTicket", () => {
  it("asks the API for this concern's upload and answers the ticket", async () => {
    const { api, calls } = fakeApi({ ok: true, status: 201, data: ticket });
    const body = { name: "a.jpg", contentType: "image/jpeg", size: 10, stage: "answer" };
    const out = await evidenceTicket(api, "zh-CN", "LS-2026-000001", body);
    expect(out.status).toBe(201);
    expect((out.body.ticket as { uploadId: string }).uploadId).toBe(ID);
    expect(calls).toEqual([
      {
        method: "POST",
        path: "/api/staff/concerns/:ledgerNo/uploads",
        options: { params: { ledgerNo: "LS-2026-000001" }, body },
      },
    ]);
  });

  it("words the API's refusal of a file, a lost session and trouble", async () => {
    const refusal = {
      ok: false as const,
      kind: "http" as const,
      status: 400,
      error: { code: "validation_failed", message: "x", fields: { file: "文件「a.heic」是HEIC" } },
      retryAfter: null,
    };
    const body = { name: "a.heic", contentType: "image/heic", size: 10, stage: "answer" };
    const refused = await evidenceTicket(fakeApi(refusal).api, "zh-CN", "LS-2026-000001", body);
    expect(refused).toEqual({ status: 400, body: { error: { message: "文件「a.heic」是HEIC" } } });
    const gone = await evidenceTicket(
      fakeApi({ ...refusal, status: 401, error: null }).api,
      "zh-CN",
      "LS-2026-000001",
      body,
    );
    expect(gone.status).toBe(401);
    const down = await evidenceTicket(
      fakeApi({ ok: false, kind: "network", reason: "timeout" }).api,
      "en",
      "LS-2026-000001",
      body,
    );
    expect(down.status).toBe(503);
    const bad = await evidenceTicket(fakeApi(refusal).api, "zh-CN", "LS-2026-000001", {});
    expect(bad.status).toBe(400);
  });
});

describe("evidenceState", () => {
  it("answers the state, and a refusal's message in the page's language", async () => {
    const refused = {
      ok: true as const,
      status: 200,
      data: {
        uploadId: ID,
        state: "refused",
        refusal: {
          reason: "corrupt",
          message: { "zh-CN": "文件「a」已损坏", en: "“a” is damaged" },
        },
      },
    };
    expect(await evidenceState(fakeApi(refused).api, "en", ID)).toEqual({
      status: 200,
      body: { state: "refused", message: "“a” is damaged" },
    });
    const waiting = { ok: true as const, status: 200, data: { state: "waiting", refusal: null } };
    expect((await evidenceState(fakeApi(waiting).api, "zh-CN", ID)).body).toEqual({
      state: "waiting",
      message: null,
    });
    expect((await evidenceState(fakeApi(waiting).api, "zh-CN", "../x")).status).toBe(404);
  });
});
