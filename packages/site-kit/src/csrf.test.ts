import { describe, expect, it } from "vitest";
import { isCrossSitePost } from "./csrf.js";

const post = (over: Partial<Parameters<typeof isCrossSitePost>[0]>) =>
  isCrossSitePost({
    method: "POST",
    secFetchSite: null,
    origin: null,
    hosts: ["lianxin.example"],
    ...over,
  });

describe("isCrossSitePost", () => {
  it("lets safe methods through", () => {
    expect(
      isCrossSitePost({
        method: "GET",
        secFetchSite: "cross-site",
        origin: "https://evil.example",
        hosts: [],
      }),
    ).toBe(false);
  });
  it("trusts Sec-Fetch-Site when present", () => {
    expect(post({ secFetchSite: "same-origin" })).toBe(false);
    expect(post({ secFetchSite: "none" })).toBe(false);
    expect(post({ secFetchSite: "cross-site", origin: "https://lianxin.example" })).toBe(true);
    expect(post({ secFetchSite: "same-site" })).toBe(true);
  });
  it("compares Origin with the host otherwise", () => {
    expect(post({ origin: "https://lianxin.example" })).toBe(false);
    expect(post({ origin: "http://127.0.0.1:4321", hosts: ["127.0.0.1:4321"] })).toBe(false);
    expect(post({ origin: "https://evil.example" })).toBe(true);
    expect(post({ origin: "null" })).toBe(true);
    expect(
      post({ origin: "https://lianxin.example", hosts: ["internal:8080", "lianxin.example"] }),
    ).toBe(false);
  });
  it("lets non-browser clients without Origin through", () => {
    expect(post({})).toBe(false);
  });
});
