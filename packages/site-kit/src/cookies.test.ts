import { describe, expect, it } from "vitest";
import { cookieSecure, isLoopbackHost } from "./cookies.js";

describe("the Secure flag of the sites' own cookies", () => {
  it("is set unless the configured URL is plain http on this machine", () => {
    expect(cookieSecure(null)).toBe(true);
    expect(cookieSecure("not a url")).toBe(true);
    expect(cookieSecure("https://lianxin.example.cn")).toBe(true);
    expect(cookieSecure("https://127.0.0.1:4321")).toBe(true);
    expect(cookieSecure("http://lianxin.example.cn")).toBe(true);
    expect(cookieSecure("http://127.0.0.1:4321")).toBe(false);
    expect(cookieSecure("http://localhost:4321")).toBe(false);
    expect(cookieSecure("http://[::1]:4321")).toBe(false);
  });
  it("knows the loopback names", () => {
    expect(isLoopbackHost("LOCALHOST")).toBe(true);
    expect(isLoopbackHost("site.localhost")).toBe(true);
    expect(isLoopbackHost("127.8.0.1")).toBe(true);
    expect(isLoopbackHost("128.0.0.1")).toBe(false);
    expect(isLoopbackHost("localhost.example.cn")).toBe(false);
  });
});
