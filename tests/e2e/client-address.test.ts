import { findFreePort, type SiteHandle, startPublicSite, startStaffSite } from "@lianxin/local";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStubApi } from "../support/stub-api.js";

/**
 * The client's address the built sites forward to the API, as their Node servers run them
 * (`node dist/server/entry.mjs`: site-kit's server entry), against a stub API that records it.
 * The API limits submissions, wrong access codes and logins per address, so a forged
 * X-Forwarded-For must change nothing unless the connection comes from a configured proxy.
 */
const SECRET = "client-address-test-secret";
const FORGED = "198.51.100.66";

let api: Awaited<ReturnType<typeof startStubApi>>;
const sites: SiteHandle[] = [];
let publicSite: SiteHandle;
let staffSite: SiteHandle;
/** The public site behind a trusted proxy: this machine, i.e. this test's own requests. */
let proxiedSite: SiteHandle;

beforeAll(async () => {
  api = await startStubApi(SECRET);
  const common = { apiUrl: api.url, siteSecret: SECRET, stdio: "pipe" as const };
  // Set here whatever this process's environment says: the default is no trusted proxy.
  const none = { LIANXIN_TRUSTED_PROXIES: "" };
  publicSite = await startPublicSite({ ...common, port: await findFreePort(), env: none });
  sites.push(publicSite);
  staffSite = await startStaffSite({ ...common, port: await findFreePort(), env: none });
  sites.push(staffSite);
  proxiedSite = await startPublicSite({
    ...common,
    port: await findFreePort(),
    env: { LIANXIN_TRUSTED_PROXIES: "127.0.0.1, ::1" },
  });
  sites.push(proxiedSite);
});

afterAll(async () => {
  for (const site of sites.splice(0).reverse()) await site.stop();
  await api?.close();
});

/** Fetches a page; the addresses the API was given while it rendered. */
async function addressesSeen(url: string, headers: Record<string, string>) {
  api.calls.length = 0;
  const res = await fetch(url, { headers, redirect: "manual" });
  await res.text();
  expect(api.calls.length, `API calls for ${url}`).toBeGreaterThan(0);
  expect(api.calls.every((call) => call.withSecret)).toBe(true);
  return [...new Set(api.calls.map((call) => call.address))];
}

describe("the client's address the sites forward to the API", () => {
  it("is the connection's, whatever X-Forwarded-For claims, with no trusted proxy", async () => {
    for (const forged of [FORGED, `${FORGED}, 203.0.113.7`, "unknown"]) {
      expect(await addressesSeen(publicSite.url, { "X-Forwarded-For": forged })).toEqual([
        "127.0.0.1",
      ]);
    }
    // The staff site forwards it too (login lockout and limits per address).
    const staff = { "X-Forwarded-For": FORGED, Cookie: "lianxin_staff=some-token" };
    expect(await addressesSeen(`${staffSite.url}/`, staff)).toEqual(["127.0.0.1"]);
  });

  it("comes from X-Forwarded-For only behind a configured proxy, rightmost untrusted", async () => {
    // This test's fetch is the proxy (127.0.0.1, trusted); the entries are what it appended.
    expect(await addressesSeen(proxiedSite.url, { "X-Forwarded-For": "203.0.113.7" })).toEqual([
      "203.0.113.7",
    ]);
    // A client's forged entry stays left of the one the proxy appended.
    const chain = `${FORGED}, 203.0.113.7, 127.0.0.1`;
    expect(await addressesSeen(proxiedSite.url, { "X-Forwarded-For": chain })).toEqual([
      "203.0.113.7",
    ]);
    // A request from the proxy itself, with no header: the proxy's address.
    expect(await addressesSeen(proxiedSite.url, {})).toEqual(["127.0.0.1"]);
  });

  it("refuses to start with a trusted proxy that is no address or range", async () => {
    await expect(
      startPublicSite({
        apiUrl: api.url,
        siteSecret: SECRET,
        stdio: "pipe",
        port: await findFreePort(),
        env: { LIANXIN_TRUSTED_PROXIES: "10.0.0.0/8, proxy.internal" },
      }),
    ).rejects.toThrow("LIANXIN_TRUSTED_PROXIES: not an IP address or CIDR range: proxy.internal");
  });
});
