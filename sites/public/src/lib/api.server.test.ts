import { beforeEach, describe, expect, it } from "vitest";
import { clearDirectoryCache, createApiClient, loadDirectory } from "./api.server";
import type { Directory } from "./api-types";
import { readConfig } from "./config.server";

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

function fakeFetch(respond: (seen: Seen) => Response | Promise<Response>) {
  const calls: Seen[] = [];
  const f = (async (url: string | URL | Request, init?: RequestInit) => {
    const seen: Seen = {
      url: String(url),
      method: init?.method ?? "GET",
      headers: Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>)),
      body: init?.body as string | undefined,
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
const ctx = { locale: "en" as const, clientAddress: "203.0.113.7" };

describe("readConfig", () => {
  it("defaults and trims", () => {
    expect(readConfig({})).toEqual({
      apiUrl: "http://127.0.0.1:3000",
      siteSecret: null,
      apiTimeoutMs: 8000,
    });
    expect(config.apiUrl).toBe("http://api.test");
    expect(readConfig({ LIANXIN_SITE_SECRET: "  " }).siteSecret).toBeNull();
  });
});

describe("api client", () => {
  it("sends language, client address and site secret", async () => {
    const { f, calls } = fakeFetch(() => json(200, { villages: [], categories: [] }));
    const res = await createApiClient(ctx, config, f).directory();
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
  });
  it("leaves the secret out when it is not configured", async () => {
    const { f, calls } = fakeFetch(() => json(200, {}));
    await createApiClient({ locale: "zh-CN", clientAddress: null }, readConfig({}), f).directory();
    expect(calls[0]?.headers).toEqual({ Accept: "application/json", "Accept-Language": "zh-CN" });
  });
  it("posts a concern with its idempotency key", async () => {
    const receipt = { ledgerNo: "LS-2026-000123", accessCode: "7KQ2M9X4PA" };
    const { f, calls } = fakeFetch(() => json(201, receipt));
    const body = {
      villageId: "meijing",
      categoryCode: "environment",
      description: "0123456789",
      anonymous: false,
    };
    const res = await createApiClient(ctx, config, f).submitConcern(body, "key-12345678");
    expect(res).toMatchObject({ ok: true, status: 201, data: receipt });
    expect(calls[0]).toMatchObject({
      url: "http://api.test/api/concerns",
      method: "POST",
      headers: {
        "Idempotency-Key": "key-12345678",
        "Content-Type": "application/json; charset=utf-8",
      },
    });
    expect(JSON.parse(calls[0]?.body ?? "")).toEqual(body);
  });
  it("puts the access code in a header, never the URL", async () => {
    const { f, calls } = fakeFetch(() => json(201, { at: "x", type: "message" }));
    const client = createApiClient(ctx, config, f);
    await client.getConcern("LS-2026-000123", "7KQ2M9X4PA");
    await client.addMessage("LS-2026-000123", "7KQ2M9X4PA", "补充");
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      "GET http://api.test/api/concerns/LS-2026-000123",
      "POST http://api.test/api/concerns/LS-2026-000123/messages",
    ]);
    for (const c of calls) {
      expect(c.headers["X-Access-Code"]).toBe("7KQ2M9X4PA");
      expect(c.url).not.toContain("7KQ2M9X4PA");
    }
    expect(JSON.parse(calls[1]?.body ?? "")).toEqual({ text: "补充" });
  });
  it("returns API errors and Retry-After as values", async () => {
    const { f } = fakeFetch(() =>
      json(429, { error: { code: "rate_limited", message: "slow down" } }, { "Retry-After": "30" }),
    );
    expect(await createApiClient(ctx, config, f).directory()).toEqual({
      ok: false,
      kind: "http",
      status: 429,
      error: { code: "rate_limited", message: "slow down" },
      retryAfter: 30,
    });
  });
  it("turns connection failures and non-JSON success into network failures", async () => {
    const down = fakeFetch(() => Promise.reject(new TypeError("fetch failed")));
    expect(await createApiClient(ctx, config, down.f).directory()).toMatchObject({
      ok: false,
      kind: "network",
    });
    const html = fakeFetch(() => new Response("<html>", { status: 200 }));
    expect(await createApiClient(ctx, config, html.f).directory()).toMatchObject({
      ok: false,
      kind: "network",
    });
    const bad = fakeFetch(() => new Response("<html>", { status: 502 }));
    expect(await createApiClient(ctx, config, bad.f).directory()).toMatchObject({
      ok: false,
      status: 502,
      error: null,
    });
  });
});

describe("rating and notices", () => {
  it("posts a rating with the access code in a header", async () => {
    const { f, calls } = fakeFetch(() =>
      json(201, {
        status: "struck_off",
        flags: { overdue: false, supervised: false, reopened: false },
      }),
    );
    const res = await createApiClient(ctx, config, f).submitFeedback(
      "LS-2026-000123",
      "7KQ2M9X4PA",
      {
        rating: "basically_satisfied",
        comment: "还行",
      },
    );
    expect(res).toMatchObject({ ok: true, status: 201, data: { status: "struck_off" } });
    expect(calls[0]).toMatchObject({
      url: "http://api.test/api/concerns/LS-2026-000123/feedback",
      method: "POST",
      headers: { "X-Access-Code": "7KQ2M9X4PA" },
    });
    expect(calls[0]?.url).not.toContain("7KQ2M9X4PA");
    expect(JSON.parse(calls[0]?.body ?? "")).toEqual({
      rating: "basically_satisfied",
      comment: "还行",
    });
  });
  it("lists notices with the sanitised filter as the query", async () => {
    const { f, calls } = fakeFetch(() => json(200, { items: [], nextCursor: "c2" }));
    const client = createApiClient(ctx, config, f);
    const res = await client.listNotices({
      village: "meijing",
      outcome: "assisted",
      month: "2026-08",
      q: "桃",
      cursor: "c1/+=",
    });
    expect(res).toEqual({ ok: true, status: 200, data: { items: [], nextCursor: "c2" } });
    expect(calls[0]?.url).toBe(
      "http://api.test/api/notices?village=meijing&outcome=assisted&month=2026-08&q=%E6%A1%83&cursor=c1%2F%2B%3D",
    );
    await client.listNotices({ village: "", outcome: "", month: "", q: "", cursor: "" });
    expect(calls[1]?.url).toBe("http://api.test/api/notices");
  });
  it("treats a list without items as unavailable and an empty cursor as the last page", async () => {
    const bad = fakeFetch(() => json(200, { notices: [] }));
    expect(
      await createApiClient(ctx, config, bad.f).listNotices({
        village: "",
        outcome: "",
        month: "",
        q: "",
        cursor: "",
      }),
    ).toMatchObject({ ok: false, kind: "network" });
    const last = fakeFetch(() => json(200, { items: [], nextCursor: "" }));
    const res = await createApiClient(ctx, config, last.f).listNotices({
      village: "",
      outcome: "",
      month: "",
      q: "",
      cursor: "",
    });
    expect(res.ok && res.data.nextCursor).toBeNull();
  });
  it("reads one notice, its id escaped into the path", async () => {
    const { f, calls } = fakeFetch(() =>
      json(404, { error: { code: "not_found", message: "no" } }),
    );
    const res = await createApiClient(ctx, config, f).getNotice("a:b");
    expect(res).toMatchObject({ ok: false, kind: "http", status: 404 });
    expect(calls[0]?.url).toBe("http://api.test/api/notices/a%3Ab");
  });
});

describe("loadDirectory", () => {
  beforeEach(() => clearDirectoryCache());
  const dir: Directory = { villages: [], categories: [] };

  it("caches per language for a minute and serves a stale copy when the API is down", async () => {
    let up = true;
    const { f, calls } = fakeFetch(() => (up ? json(200, dir) : Promise.reject(new Error("down"))));
    const client = createApiClient(ctx, config, f);
    let now = 0;
    const clock = () => now;
    expect((await loadDirectory(client, "en", clock)).ok).toBe(true);
    now = 30_000;
    expect((await loadDirectory(client, "en", clock)).ok).toBe(true);
    expect(calls).toHaveLength(1);
    up = false;
    now = 5 * 60_000;
    expect((await loadDirectory(client, "en", clock)).ok).toBe(true);
    expect(calls).toHaveLength(2);
    now = 11 * 60_000;
    expect((await loadDirectory(client, "en", clock)).ok).toBe(false);
  });
  it("rejects a malformed directory", async () => {
    const { f } = fakeFetch(() => json(200, { villages: "no" }));
    expect(await loadDirectory(createApiClient(ctx, config, f), "zh-CN")).toMatchObject({
      ok: false,
    });
  });
});
