import { createHash } from "node:crypto";
import { findFreePort, type SiteHandle, startPublicSite, startStaffSite } from "@lianxin/local";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStubApi } from "../support/stub-api.js";

/**
 * The headers on the built sites' pages as their Node servers send them: Astro's per-page
 * Content-Security-Policy, whose hashes must cover every inline script and style of the page,
 * and the middleware's shared headers. No browser here; the other browser tests fail on any
 * CSP violation, i.e. check that the pages and their islands work under this policy.
 */
const SECRET = "security-headers-test-secret";

let api: Awaited<ReturnType<typeof startStubApi>>;
const sites: SiteHandle[] = [];
let publicSite: SiteHandle;
let staffSite: SiteHandle;
/** The public site with an https public URL (`LIANXIN_SITE_URL`), as behind TLS. */
let httpsSite: SiteHandle;

beforeAll(async () => {
  api = await startStubApi(SECRET);
  const common = { apiUrl: api.url, siteSecret: SECRET, stdio: "pipe" as const };
  publicSite = await startPublicSite({ ...common, port: await findFreePort() });
  sites.push(publicSite);
  staffSite = await startStaffSite({ ...common, port: await findFreePort() });
  sites.push(staffSite);
  httpsSite = await startPublicSite({
    ...common,
    port: await findFreePort(),
    env: { LIANXIN_SITE_URL: "https://lianxin.example" },
  });
  sites.push(httpsSite);
});

afterAll(async () => {
  for (const site of sites.splice(0).reverse()) await site.stop();
  await api?.close();
});

/** A CSP header as directive → values. */
function directives(csp: string | null): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (csp ?? "").split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

const pages = () => [
  { name: "the public home", url: publicSite.url },
  { name: "the public tracking form (an island)", url: `${publicSite.url}/track` },
  { name: "the public 我的诉求 sign-in (plain forms)", url: `${publicSite.url}/mine` },
  { name: "the staff sign-in", url: `${staffSite.url}/login` },
];

describe("the headers on every page", () => {
  it("carry a strict CSP whose hashes cover the page's inline scripts and styles", async () => {
    let scriptsChecked = 0;
    for (const { name, url } of pages()) {
      const res = await fetch(url);
      const html = await res.text();
      expect(res.status, name).toBe(200);
      const csp = directives(res.headers.get("content-security-policy"));
      expect(csp.get("default-src"), name).toEqual(["'self'"]);
      expect(csp.get("object-src"), name).toEqual(["'none'"]);
      expect(csp.get("base-uri"), name).toEqual(["'self'"]);
      expect(csp.get("form-action"), name).toEqual(["'self'"]);
      expect(csp.get("frame-ancestors"), name).toEqual(["'none'"]);
      for (const kind of ["script-src", "style-src"]) {
        const values = csp.get(kind) ?? [];
        expect(values[0], `${name} ${kind}`).toBe("'self'");
        expect(values.slice(1).every((v) => /^'sha256-[A-Za-z0-9+/=]+'$/.test(v))).toBe(true);
      }
      const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)];
      const inlineStyles = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)];
      expect(inlineStyles.length, `${name}: inlined stylesheets`).toBeGreaterThan(0);
      for (const [, body = ""] of inlineScripts) {
        expect(csp.get("script-src"), `${name}: an inline script's hash`).toContain(sha256(body));
        scriptsChecked++;
      }
      for (const [, body = ""] of inlineStyles) {
        expect(csp.get("style-src"), `${name}: an inline style's hash`).toContain(sha256(body));
      }
      // Nothing the hashes cannot allow: style attributes, inline event handlers.
      expect(html, name).not.toMatch(/<[^>]+\sstyle=/);
      expect(html, name).not.toMatch(/<[^>]+\son[a-z]+=/);
    }
    // The island loader at least (Astro inlines it where a page has an island).
    expect(scriptsChecked).toBeGreaterThan(0);
  });

  it("carry Permissions-Policy, nosniff and Referrer-Policy; HSTS only for an https site", async () => {
    for (const { name, url } of pages()) {
      const res = await fetch(url);
      await res.text();
      expect(res.headers.get("permissions-policy"), name).toContain("geolocation=()");
      expect(res.headers.get("permissions-policy"), name).toContain("camera=()");
      expect(res.headers.get("permissions-policy"), name).toContain("microphone=()");
      expect(res.headers.get("x-content-type-options"), name).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), name).toBe("same-origin");
      expect(res.headers.get("x-frame-options"), name).toBe("DENY");
      expect(res.headers.get("strict-transport-security"), name).toBeNull();
    }
    // The submission page alone may ask where the resident is ("使用我的位置", issue 15), and
    // for its own origin only; every other feature stays off there too.
    const submit = await fetch(`${publicSite.url}/submit`);
    await submit.text();
    const policy = submit.headers.get("permissions-policy") ?? "";
    expect(policy).toContain("geolocation=(self)");
    expect(policy).not.toContain("geolocation=()");
    expect(policy).toContain("camera=()");
    for (const other of ["/submitx", "/submit/extra", "/track?next=/submit"]) {
      const res = await fetch(`${publicSite.url}${other}`);
      await res.text();
      expect(res.headers.get("permissions-policy"), other).toContain("geolocation=()");
    }
    const https = await fetch(httpsSite.url);
    await https.text();
    expect(https.headers.get("strict-transport-security")).toBe(
      "max-age=63072000; includeSubDomains",
    );
  });
});
