import { describe, expect, it } from "vitest";
import { filesDirectives, mergeRepeatedDirectives, originOf, originsOf } from "./csp";
import { filesOrigins } from "./files-origin.server";

describe("the file store in the policy", () => {
  it("adds img-src and connect-src with 'self' kept, never *", () => {
    expect(filesDirectives(["https://files.example.cn", "https://files.example.cn"])).toEqual([
      "img-src 'self' https://files.example.cn",
      "connect-src 'self' https://files.example.cn",
    ]);
    expect(filesDirectives([])).toEqual(["img-src 'self'", "connect-src 'self'"]);
  });

  it("takes origins of http(s) links only", () => {
    expect(originOf("http://127.0.0.1:4100/local-files/x?sig=1")).toBe("http://127.0.0.1:4100");
    expect(originOf("javascript:alert(1)")).toBeNull();
    expect(originOf("not a url")).toBeNull();
    expect(
      originsOf(["https://a.cn/1", "https://a.cn/2", null, "data:x", "https://b.cn/"]),
    ).toEqual(["https://a.cn", "https://b.cn"]);
  });

  it("reads LIANXIN_FILES_ORIGIN, else the API's origin", () => {
    expect(filesOrigins({ LIANXIN_API_URL: "http://127.0.0.1:4321/" })).toEqual([
      "http://127.0.0.1:4321",
    ]);
    expect(
      filesOrigins({
        LIANXIN_API_URL: "http://127.0.0.1:4321",
        LIANXIN_FILES_ORIGIN: "https://b.s3.cn-north-1.amazonaws.com.cn/x, bad, https://c.cn",
      }),
    ).toEqual(["https://b.s3.cn-north-1.amazonaws.com.cn", "https://c.cn"]);
  });
});

describe("mergeRepeatedDirectives (withastro/astro#16594)", () => {
  it("folds the copies Astro 5.18's insertDirective leaves into the first place", () => {
    const astro =
      "default-src 'self';img-src 'self' https://f.cn;object-src 'none';img-src 'self' https://f.cn;" +
      "form-action 'self';frame-ancestors 'none'; script-src 'self' 'sha256-a'; style-src 'self'";
    expect(mergeRepeatedDirectives(astro)).toBe(
      "default-src 'self'; img-src 'self' https://f.cn; object-src 'none'; form-action 'self'; " +
        "frame-ancestors 'none'; script-src 'self' 'sha256-a'; style-src 'self'",
    );
  });

  it("unites the sources of an existing directive and its added copy", () => {
    expect(
      mergeRepeatedDirectives("form-action https://f.cn; form-action 'self' https://f.cn"),
    ).toBe("form-action https://f.cn 'self'");
  });

  it("leaves a policy without repeats as it was (spacing aside)", () => {
    expect(mergeRepeatedDirectives("default-src 'self'; object-src 'none'")).toBe(
      "default-src 'self'; object-src 'none'",
    );
  });
});
