import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import officialJson from "./official-arrangement.cjs";

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve("chinese-days/package.json"));
const full = require("chinese-days/dist/chinese-days.json") as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};
const shippedYears = readdirSync(join(packageDir, "dist", "years"))
  .map((f) => /^(\d{4})\.json$/.exec(f)?.[1])
  .filter((y): y is string => !!y)
  .map(Number);

describe("the official arrangement kept in the bundle", () => {
  it("holds every year chinese-days ships from the first year on", () => {
    const held = new Set(Object.keys(officialJson.holidays).map((d) => Number(d.slice(0, 4))));
    const wanted = shippedYears.filter((y) => y >= officialJson.firstYear);
    expect(wanted.length).toBeGreaterThan(0);
    expect(wanted.filter((y) => !held.has(y))).toEqual([]);
  });

  it("is the package's whole arrangement for those years, day for day", () => {
    const since = (days: Record<string, string>) =>
      Object.fromEntries(
        Object.entries(days).filter(([d]) => Number(d.slice(0, 4)) >= officialJson.firstYear),
      );
    expect(officialJson.holidays).toEqual(since(full.holidays));
    expect(officialJson.workdays).toEqual(since(full.workdays));
  });
});
