import { describe, expect, it } from "vitest";
import {
  clearedCookieOptions,
  loginHref,
  needsSession,
  safeNextPath,
  sessionCookieOptions,
} from "./session";

const now = new Date("2026-12-01T08:00:00.000Z");

describe("sessionCookieOptions", () => {
  it("is httpOnly, SameSite=Strict, path / and expires with the session", () => {
    const o = sessionCookieOptions("2026-12-01T20:00:00.000Z", "https://staff.example", now);
    expect(o).toEqual({
      path: "/",
      httpOnly: true,
      sameSite: "strict",
      secure: true,
      expires: new Date("2026-12-01T20:00:00.000Z"),
    });
  });
  // Issue 12: the flag comes from the site's configured URL, never from the request's Host.
  it("is Secure unless the site is configured at plain http on a loopback host", () => {
    const at = "2026-12-01T20:00:00.000Z";
    for (const local of ["http://127.0.0.1:4322", "http://localhost:4322", "http://[::1]:4322"]) {
      expect(sessionCookieOptions(at, local, now).secure).toBe(false);
      expect(clearedCookieOptions(local).secure).toBe(false);
    }
    // Deployed: https, http behind a proxy, not configured at all, or configured wrongly.
    for (const deployed of [
      "https://staff.example",
      "http://staff.example",
      "http://10.0.0.5",
      null,
      "not a url",
    ]) {
      expect(sessionCookieOptions(at, deployed, now).secure).toBe(true);
      expect(clearedCookieOptions(deployed).secure).toBe(true);
    }
    expect(sessionCookieOptions(at, "https://127.0.0.1:4322", now).secure).toBe(true);
  });
  it("falls back to 12 hours for a bad or past expiry", () => {
    const twelve = new Date(now.getTime() + 12 * 3600_000);
    expect(sessionCookieOptions("nonsense", "http://x", now).expires).toEqual(twelve);
    expect(sessionCookieOptions("2020-01-01T00:00:00Z", "http://x", now).expires).toEqual(twelve);
  });
});

describe("safeNextPath", () => {
  it("keeps relative paths on this site", () => {
    expect(safeNextPath("/concerns/LS-2026-000123")).toBe("/concerns/LS-2026-000123");
    expect(safeNextPath("/all?status=assigned&overdue=true")).toBe(
      "/all?status=assigned&overdue=true",
    );
  });
  it("refuses other sites and odd schemes", () => {
    for (const bad of [
      "//evil.example/x",
      "/\\evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "evil",
      "/a\r\nSet-Cookie: x=1",
      "",
      null,
      undefined,
    ]) {
      expect(safeNextPath(bad)).toBe("/");
    }
  });
  it("never sends back to the login, logout or password pages", () => {
    expect(safeNextPath("/login?next=/x")).toBe("/");
    expect(safeNextPath("/logout")).toBe("/");
    expect(safeNextPath("/password/")).toBe("/");
  });
  it("builds the login link", () => {
    expect(loginHref("/")).toBe("/login");
    expect(loginHref("/triage?village=meijing")).toBe("/login?next=%2Ftriage%3Fvillage%3Dmeijing");
    expect(loginHref("//evil.example")).toBe("/login");
  });
});

describe("needsSession", () => {
  it("guards every page but login, logout, the password page, language switch and assets", () => {
    expect(needsSession("/")).toBe(true);
    expect(needsSession("/concerns/LS-2026-000001")).toBe(true);
    expect(needsSession("/notices")).toBe(true);
    expect(needsSession("/login")).toBe(false);
    expect(needsSession("/login/")).toBe(false);
    expect(needsSession("/logout")).toBe(false);
    expect(needsSession("/password")).toBe(false);
    expect(needsSession("/lang")).toBe(false);
    expect(needsSession("/_astro/client.js")).toBe(false);
    expect(needsSession("/loginx")).toBe(true);
  });
});
