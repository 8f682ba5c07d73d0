import { afterEach, describe, expect, it, vi } from "vitest";
import { type SiteContext, siteMiddleware } from "./middleware.server.js";
import { GEOLOCATION_PERMISSIONS_POLICY, PERMISSIONS_POLICY } from "./security-headers.js";

afterEach(() => {
  vi.unstubAllEnvs();
});

type Cookie = { value: string; options: Parameters<SiteContext["cookies"]["set"]>[2] };

function fakeContext(url: string, init: RequestInit = {}, cookies: Record<string, string> = {}) {
  const set = new Map<string, Cookie>();
  const context: SiteContext = {
    request: new Request(url, init),
    url: new URL(url),
    cookies: {
      get: (name) => (name in cookies ? { value: cookies[name] as string } : undefined),
      set: (name, value, options) => {
        set.set(name, { value, options });
      },
    },
    locals: { locale: "zh-CN" },
  };
  return { context, set };
}

const page =
  (headers: Record<string, string> = {}) =>
  async () =>
    new Response("page", { headers });

describe("siteMiddleware", () => {
  it("refuses cross-site posts before anything else", async () => {
    const { context } = fakeContext("https://lianxin.example/submit", {
      method: "POST",
      headers: { "sec-fetch-site": "cross-site" },
    });
    let rendered = false;
    const response = await siteMiddleware()(context, async () => {
      rendered = true;
      return new Response("page");
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(rendered).toBe(false);
  });

  it("takes the language from ?lang= (and remembers it), else from the cookie", async () => {
    const fromQuery = fakeContext("https://lianxin.example/?lang=en", {}, { lang: "zh-CN" });
    await siteMiddleware()(fromQuery.context, page());
    expect(fromQuery.context.locals.locale).toBe("en");
    expect(fromQuery.set.get("lang")).toEqual({
      value: "en",
      options: {
        path: "/",
        maxAge: 60 * 60 * 24 * 365,
        sameSite: "lax",
        httpOnly: true,
        secure: true,
      },
    });

    const fromCookie = fakeContext("http://127.0.0.1:4321/", {}, { lang: "en" });
    await siteMiddleware()(fromCookie.context, page());
    expect(fromCookie.context.locals.locale).toBe("en");
    expect(fromCookie.set.size).toBe(0);
  });

  it("sets the common headers, keeping a Vary the page set", async () => {
    const { context } = fakeContext("http://127.0.0.1:4321/");
    const plain = await siteMiddleware()(context, page());
    expect(Object.fromEntries(plain.headers)).toMatchObject({
      "x-content-type-options": "nosniff",
      "referrer-policy": "same-origin",
      "x-frame-options": "DENY",
      "permissions-policy": PERMISSIONS_POLICY,
      vary: "Cookie",
    });
    expect(PERMISSIONS_POLICY).toContain("geolocation=()");
    // A page the site names may ask where the user is, for its own origin only.
    const located = await siteMiddleware({ geolocationOn: (c) => c.url.pathname === "/" })(
      context,
      page(),
    );
    expect(located.headers.get("permissions-policy")).toBe(GEOLOCATION_PERMISSIONS_POLICY);
    expect(GEOLOCATION_PERMISSIONS_POLICY).toContain("geolocation=(self)");
    expect(GEOLOCATION_PERMISSIONS_POLICY).not.toContain("geolocation=()");
    expect(GEOLOCATION_PERMISSIONS_POLICY).toContain("camera=()");
    const varied = await siteMiddleware()(context, page({ Vary: "Accept-Language" }));
    expect(varied.headers.get("Vary")).toBe("Accept-Language");
  });

  it("sends HSTS only when the configured site URL is https, never from the request", async () => {
    const hstsFor = async (siteUrl: string | undefined, url: string) => {
      vi.stubEnv("LIANXIN_SITE_URL", siteUrl);
      const response = await siteMiddleware()(fakeContext(url).context, page());
      return response.headers.get("Strict-Transport-Security");
    };
    expect(await hstsFor("https://lianxin.example", "https://lianxin.example/")).toBe(
      "max-age=63072000; includeSubDomains",
    );
    expect(await hstsFor("http://127.0.0.1:4321", "http://127.0.0.1:4321/")).toBeNull();
    expect(await hstsFor("http://127.0.0.1:4321", "https://lianxin.example/")).toBeNull();
    // Unset (on AWS): CloudFront's response headers policy adds it instead.
    expect(await hstsFor(undefined, "https://lianxin.example/")).toBeNull();
  });

  it("leaves the page's own Content-Security-Policy (Astro's, with its hashes) alone", async () => {
    const { context } = fakeContext("http://127.0.0.1:4321/");
    const csp = "default-src 'self'; script-src 'self' 'sha256-abc='; style-src 'self'";
    const response = await siteMiddleware()(context, page({ "Content-Security-Policy": csp }));
    expect(response.headers.get("Content-Security-Policy")).toBe(csp);
  });

  it("lets a site answer before the page, and add its own headers", async () => {
    const { context } = fakeContext("http://127.0.0.1:4322/mine?lang=en");
    const redirect = await siteMiddleware({
      beforePage: (c) => {
        expect(c.locals.locale).toBe("en");
        return new Response(null, { status: 303, headers: { Location: "/login" } });
      },
    })(context, page());
    expect(redirect.status).toBe(303);
    expect(redirect.headers.has("X-Frame-Options")).toBe(false);

    const response = await siteMiddleware({
      beforePage: () => undefined,
      onResponse: (_c, r) => r.headers.set("Cache-Control", "no-store"),
    })(context, page());
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(response.headers.get("X-Frame-Options")).toBe("DENY");
  });
});
