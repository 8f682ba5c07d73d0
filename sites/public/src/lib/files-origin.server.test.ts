import { describe, expect, it } from "vitest";
import { allowFiles, filesOrigins } from "./files-origin.server";

describe("the file store's origins", () => {
  it("are the API's own origin unless configured", () => {
    expect(filesOrigins({ LIANXIN_API_URL: "http://127.0.0.1:4321/" })).toEqual([
      "http://127.0.0.1:4321",
    ]);
    expect(
      filesOrigins({
        LIANXIN_API_URL: "http://127.0.0.1:4321",
        LIANXIN_FILES_ORIGIN:
          "https://files.s3.cn-north-1.amazonaws.com.cn/x, javascript:alert(1), *, https://files.s3.cn-north-1.amazonaws.com.cn",
      }),
    ).toEqual(["https://files.s3.cn-north-1.amazonaws.com.cn"]);
  });

  it("are added to img-src, connect-src and form-action, and nothing else changes", () => {
    const csp = "default-src 'self'; form-action 'self'; script-src 'self' 'sha256-x'";
    expect(allowFiles(csp, ["https://b.example"])).toBe(
      "default-src 'self'; form-action 'self' https://b.example; script-src 'self' 'sha256-x'; " +
        "img-src 'self' blob: https://b.example; connect-src 'self' https://b.example",
    );
  });
});
