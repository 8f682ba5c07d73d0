import { describe, expect, it } from "vitest";
import { createStaffApi } from "./api.server";

const config = { apiUrl: "http://api.test", siteSecret: null, apiTimeoutMs: 1000 };
const ctx = { locale: "zh-CN", clientAddress: null, token: "tok" } as const;

/** A fetch that records its calls and answers with the given status and JSON. */
function fakeFetch(status: number, json: unknown) {
  const calls: { url: string; init: RequestInit }[] = [];
  const impl = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    return new Response(JSON.stringify(json), {
      status,
      headers: { "Content-Type": "application/json" },
    });
  }) as typeof fetch;
  return { calls, impl };
}

describe("the background ledger export calls", () => {
  it("posts the filters as JSON with the bearer token", async () => {
    const f = fakeFetch(202, { id: "e1", state: "queued" });
    const api = createStaffApi(ctx, config, f.impl);
    const res = await api.startLedgerExport({
      from: "2026-01-01",
      to: "2026-01-31",
      format: "csv",
    });
    expect(res).toEqual({ ok: true, status: 202, data: { id: "e1", state: "queued" } });
    expect(f.calls[0]?.url).toBe("http://api.test/api/staff/ledger/exports");
    expect(f.calls[0]?.init.method).toBe("POST");
    expect(JSON.parse(String(f.calls[0]?.init.body))).toEqual({
      from: "2026-01-01",
      to: "2026-01-31",
      format: "csv",
    });
    const headers = f.calls[0]?.init.headers as Record<string, string>;
    expect(headers.Authorization).toBe("Bearer tok");
    expect(headers["Content-Type"]).toMatch(/^application\/json/);
  });
  it("reads one export by its id, escaped in the path", async () => {
    const f = fakeFetch(200, { id: "a:b", state: "running" });
    const res = await createStaffApi(ctx, config, f.impl).ledgerExport("a:b");
    expect(res.ok && res.data.state).toBe("running");
    expect(f.calls[0]?.url).toBe("http://api.test/api/staff/ledger/exports/a%3Ab");
    expect(f.calls[0]?.init.method).toBe("GET");
  });
  it("hands a refusal back as a value", async () => {
    const f = fakeFetch(400, {
      error: { code: "validation_failed", message: "bad", fields: { to: "too far" } },
    });
    const res = await createStaffApi(ctx, config, f.impl).startLedgerExport({
      from: "2026-01-01",
      to: "2027-12-31",
    });
    expect(res).toMatchObject({
      ok: false,
      kind: "http",
      status: 400,
      error: { code: "validation_failed", fields: { to: "too far" } },
    });
  });
});
