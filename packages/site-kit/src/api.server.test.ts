import { describe, expect, it } from "vitest";
import { createApi, fillPath, queryString } from "./api.server.js";
import { readConfig } from "./config.server.js";

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

function fakeFetch(respond: (seen: Seen) => Response | Promise<Response>) {
  const calls: Seen[] = [];
  const f = (async (url: string | URL | Request, init?: RequestInit) => {
    const seen: Seen = {
      url: String(url),
      method: init?.method ?? "GET",
      headers: { ...((init?.headers ?? {}) as Record<string, string>) },
      body: init?.body,
    };
    calls.push(seen);
    return respond(seen);
  }) as typeof fetch;
  return { f, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });

const config = readConfig({ LIANXIN_API_URL: "http://api.test/", LIANXIN_SITE_SECRET: "s3cret" });
const resident = { locale: "en" as const, clientAddress: "203.0.113.7" };
const staff = { locale: "zh-CN" as const, clientAddress: null, token: "tok" };

describe("readConfig", () => {
  it("defaults and trims", () => {
    expect(readConfig({})).toEqual({
      apiUrl: "http://127.0.0.1:3000",
      siteSecret: null,
      apiTimeoutMs: 8000,
      siteUrl: null,
      trustedProxies: [],
    });
    expect(readConfig({ LIANXIN_SITE_URL: " http://127.0.0.1:4322 " }).siteUrl).toBe(
      "http://127.0.0.1:4322",
    );
    expect(config.apiUrl).toBe("http://api.test");
    expect(readConfig({ LIANXIN_SITE_SECRET: "  " }).siteSecret).toBeNull();
    expect(readConfig({ LIANXIN_API_TIMEOUT_MS: "250" }).apiTimeoutMs).toBe(250);
    expect(
      readConfig({ LIANXIN_TRUSTED_PROXIES: " 10.0.0.0/8, 127.0.0.1 ::1 " }).trustedProxies,
    ).toEqual(["10.0.0.0/8", "127.0.0.1", "::1"]);
  });

  it("refuses a trusted proxy that is no address or range", () => {
    expect(() => readConfig({ LIANXIN_TRUSTED_PROXIES: "10.0.0.0/8, proxy.local" })).toThrow(
      "LIANXIN_TRUSTED_PROXIES: not an IP address or CIDR range: proxy.local",
    );
  });
});

describe("the API client", () => {
  it("sends language, client address and site secret", async () => {
    const { f, calls } = fakeFetch(() => json(200, { villages: [], categories: [] }));
    const res = await createApi(resident, config, f).get("/api/directory");
    expect(res).toEqual({ ok: true, status: 200, data: { villages: [], categories: [] } });
    expect(calls[0]).toMatchObject({
      url: "http://api.test/api/directory",
      method: "GET",
      headers: {
        Accept: "application/json",
        "Accept-Language": "en",
        "X-Lianxin-Client-Address": "203.0.113.7",
        "X-Lianxin-Site-Secret": "s3cret",
      },
    });
    expect(calls[0]?.headers.Authorization).toBeUndefined();
  });

  it("leaves the secret out when it is not configured, and sends a session's bearer token", async () => {
    const { f, calls } = fakeFetch(() => json(200, {}));
    await createApi({ locale: "zh-CN", clientAddress: null }, readConfig({}), f).get(
      "/api/directory",
    );
    expect(calls[0]?.headers).toEqual({ Accept: "application/json", "Accept-Language": "zh-CN" });
    await createApi(staff, readConfig({}), f).get("/api/staff/me");
    expect(calls[1]?.headers.Authorization).toBe("Bearer tok");
  });

  it("posts JSON with an idempotency key", async () => {
    const receipt = { ledgerNo: "LS-2026-000123", accessCode: "7KQ2M9X4PA" };
    const { f, calls } = fakeFetch(() => json(201, receipt));
    const body = { villageId: "meijing", categoryCode: "environment", description: "0123456789" };
    const res = await createApi(resident, config, f).post("/api/concerns", {
      body,
      idempotencyKey: "key-12345678",
    });
    expect(res).toMatchObject({ ok: true, status: 201, data: receipt });
    expect(calls[0]).toMatchObject({
      url: "http://api.test/api/concerns",
      method: "POST",
      headers: {
        "Idempotency-Key": "key-12345678",
        "Content-Type": "application/json; charset=utf-8",
      },
    });
    expect(JSON.parse(String(calls[0]?.body))).toEqual(body);
  });

  it("puts the access code in a header, never the URL, and escapes path parameters", async () => {
    const { f, calls } = fakeFetch(() => json(201, { at: "x", type: "message", text: "补充" }));
    const api = createApi(resident, config, f);
    await api.get("/api/concerns/:ledgerNo", {
      params: { ledgerNo: "LS-2026-000123" },
      accessCode: "7KQ2M9X4PA",
    });
    await api.post("/api/concerns/:ledgerNo/messages", {
      params: { ledgerNo: "LS/2026?x" },
      accessCode: "7KQ2M9X4PA",
      body: { text: "补充" },
    });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      "GET http://api.test/api/concerns/LS-2026-000123",
      "POST http://api.test/api/concerns/LS%2F2026%3Fx/messages",
    ]);
    for (const c of calls) {
      expect(c.headers["X-Access-Code"]).toBe("7KQ2M9X4PA");
      expect(c.url).not.toContain("7KQ2M9X4PA");
    }
  });

  it("puts a link token in a header, and no access code with it", async () => {
    const token = "rate.LS-2026-000123.mb0qz8.abcdefghijklmnop";
    const { f, calls } = fakeFetch(() => json(200, { smsUpdates: false }));
    const api = createApi(resident, config, f);
    await api.get("/api/concerns/:ledgerNo", {
      params: { ledgerNo: "LS-2026-000123" },
      linkToken: token,
    });
    await api.post("/api/concerns/:ledgerNo/sms-opt-out", {
      params: { ledgerNo: "LS-2026-000123" },
      linkToken: token,
    });
    for (const c of calls) {
      expect(c.headers["X-Link-Token"]).toBe(token);
      expect(c.headers["X-Access-Code"]).toBeUndefined();
      expect(c.url).not.toContain(token);
    }
  });

  it("writes the query from the defined, non-empty values", async () => {
    const { f, calls } = fakeFetch(() => json(200, { items: [], nextCursor: null }));
    await createApi(staff, config, f).get("/api/staff/notices", {
      query: { state: "draft", cursor: undefined },
    });
    expect(calls[0]?.url).toBe("http://api.test/api/staff/notices?state=draft");
    expect(queryString({ a: "1", b: "", c: undefined, d: "x y" })).toBe("?a=1&d=x+y");
    expect(queryString({})).toBe("");
  });

  it("answers 204 with null, and sends raw bytes with their type", async () => {
    const { f, calls } = fakeFetch(() => new Response(null, { status: 204 }));
    const api = createApi(staff, config, f);
    expect(await api.delete("/api/staff/session")).toEqual({ ok: true, status: 204, data: null });
    const bytes = new Uint8Array([80, 75, 3, 4]);
    await api.post("/api/staff/directory/import", {
      query: { dryRun: "true" },
      upload: { bytes, contentType: "application/vnd.ms-excel" },
    });
    expect(calls[1]?.url).toBe("http://api.test/api/staff/directory/import?dryRun=true");
    expect(calls[1]?.headers["Content-Type"]).toBe("application/vnd.ms-excel");
    expect(calls[1]?.body).toBe(bytes);
  });

  it("returns API errors and Retry-After as values", async () => {
    const { f } = fakeFetch(() =>
      json(
        409,
        {
          error: {
            code: "conflict",
            message: "stale",
            currentState: "accepted",
            currentVersion: 3,
          },
        },
        { "Retry-After": "30" },
      ),
    );
    expect(await createApi(resident, config, f).get("/api/directory")).toEqual({
      ok: false,
      kind: "http",
      status: 409,
      error: { code: "conflict", message: "stale", currentState: "accepted", currentVersion: 3 },
      retryAfter: 30,
    });
  });

  it("turns connection failures and non-JSON success into network failures", async () => {
    const down = fakeFetch(() => Promise.reject(new TypeError("fetch failed")));
    expect(await createApi(resident, config, down.f).get("/api/directory")).toMatchObject({
      ok: false,
      kind: "network",
    });
    const html = fakeFetch(() => new Response("<html>", { status: 200 }));
    expect(await createApi(resident, config, html.f).get("/api/directory")).toMatchObject({
      ok: false,
      kind: "network",
    });
    const bad = fakeFetch(() => new Response("<html>", { status: 502 }));
    expect(await createApi(resident, config, bad.f).get("/api/directory")).toMatchObject({
      ok: false,
      status: 502,
      error: null,
    });
  });

  it("passes a file through as the API sent it, or null when unreachable", async () => {
    const ok = fakeFetch(() => new Response("PK", { status: 200 }));
    const res = await createApi(staff, config, ok.f).raw("GET", "/api/staff/directory.xlsx");
    expect(await res?.text()).toBe("PK");
    const down = fakeFetch(() => Promise.reject(new TypeError("fetch failed")));
    expect(await createApi(staff, config, down.f).raw("GET", "/api/staff/directory.xlsx")).toBe(
      null,
    );
  });
});

describe("fillPath", () => {
  it("fills every parameter and refuses a missing one", () => {
    expect(fillPath("/api/staff/directory/:kind/:id", { kind: "villages", id: "a b" })).toBe(
      "/api/staff/directory/villages/a%20b",
    );
    expect(() => fillPath("/api/villages/:id", {})).toThrow(/:id/);
  });
});
