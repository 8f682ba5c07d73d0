import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/**
 * Core's barrel (index.ts) only re-exports whole modules. A named re-export there
 * (`export { X } from "./vocabulary.js"`) gives the barrel a part of its own, and esbuild then
 * links every module behind it into the API's cold start: the API bundle went from 131 to
 * 220 KiB that way (`pnpm bench:lambda`, budget 200). Word lists are imported from
 * `@lianxin/core/vocabulary` (or the contract) instead.
 */
describe("core's barrel", () => {
  it("re-exports whole modules only", () => {
    const lines = readFileSync(new URL("./index.ts", import.meta.url), "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "");
    expect(lines.filter((line) => !/^export \* from "\.\/[\w./-]+\.js";$/.test(line))).toEqual([]);
  });
});
