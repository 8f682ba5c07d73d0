import { describe, expect, it } from "vitest";
import {
  clearedResidentCookieOptions,
  readResidentToken,
  residentCookieOptions,
} from "./resident-session";

const now = new Date("2026-03-01T02:00:00.000Z");

describe("the 我的诉求 session cookie", () => {
  it("is httpOnly, SameSite=Strict and ends with the session, within 30 minutes", () => {
    expect(
      residentCookieOptions("2026-03-01T02:30:00.000Z", "https://lianxin.example.cn", now),
    ).toEqual({
      path: "/",
      httpOnly: true,
      sameSite: "strict",
      secure: true,
      maxAge: 1800,
    });
    expect(residentCookieOptions("2026-03-01T02:10:00.000Z", null, now).maxAge).toBe(600);
    expect(residentCookieOptions("2026-03-01T09:00:00.000Z", null, now).maxAge).toBe(1800);
    expect(residentCookieOptions("nonsense", null, now).maxAge).toBe(1800);
    expect(residentCookieOptions("2026-03-01T01:00:00.000Z", null, now).maxAge).toBe(1);
  });
  it("is Secure unless the site's configured URL is the local plain http", () => {
    expect(residentCookieOptions(null, null, now).secure).toBe(true);
    expect(residentCookieOptions(null, "http://127.0.0.1:4321", now).secure).toBe(false);
    expect(residentCookieOptions(null, "http://lianxin.example.cn", now).secure).toBe(true);
    expect(clearedResidentCookieOptions("http://127.0.0.1:4321")).toEqual({
      path: "/",
      httpOnly: true,
      sameSite: "strict",
      secure: false,
    });
  });
  it("ignores a value that is no plausible token", () => {
    const token = "A".repeat(43);
    expect(readResidentToken(token)).toBe(token);
    expect(readResidentToken(` ${token} `)).toBe(token);
    expect(readResidentToken(undefined)).toBeNull();
    expect(readResidentToken("short")).toBeNull();
    expect(readResidentToken(`${token};x`)).toBeNull();
  });
});
