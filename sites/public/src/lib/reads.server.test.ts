import type { PublicDirectory as Directory } from "@lianxin/contract";
import { createApi } from "@lianxin/site-kit/api.server";
import { readConfig } from "@lianxin/site-kit/config.server";
import { beforeEach, describe, expect, it } from "vitest";
import { clearDirectoryCache, listNotices, loadDirectory } from "./reads.server";

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

describe("rating and notices", () => {
  it("posts a rating with the access code in a header", async () => {
    const { f, calls } = fakeFetch(() =>
      json(201, {
        status: "struck_off",
        flags: { overdue: false, supervised: false, reopened: false },
      }),
    );
    const res = await createApi(ctx, config, f).post("/api/concerns/:ledgerNo/feedback", {
      params: { ledgerNo: "LS-2026-000123" },
      accessCode: "7KQ2M9X4PA",
      body: { rating: "basically_satisfied", comment: "还行" },
    });
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
    const client = createApi(ctx, config, f);
    const res = await listNotices(client, {
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
    await listNotices(client, { village: "", outcome: "", month: "", q: "", cursor: "" });
    expect(calls[1]?.url).toBe("http://api.test/api/notices");
  });
  it("treats a list without items as unavailable and an empty cursor as the last page", async () => {
    const bad = fakeFetch(() => json(200, { notices: [] }));
    expect(
      await listNotices(createApi(ctx, config, bad.f), {
        village: "",
        outcome: "",
        month: "",
        q: "",
        cursor: "",
      }),
    ).toMatchObject({ ok: false, kind: "network" });
    const last = fakeFetch(() => json(200, { items: [], nextCursor: "" }));
    const res = await listNotices(createApi(ctx, config, last.f), {
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
    const res = await createApi(ctx, config, f).get("/api/notices/:id", { params: { id: "a:b" } });
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
    const client = createApi(ctx, config, f);
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
    expect(await loadDirectory(createApi(ctx, config, f), "zh-CN")).toMatchObject({
      ok: false,
    });
  });
});
