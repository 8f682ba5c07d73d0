// CommonJS on purpose: a bundler sees these requires and inlines the JSON (SST v2's esbuild
// 0.18 cannot parse `import … with { type: "json" }`, and cannot see through createRequire).
//
// Only the years from FIRST_YEAR on, one file each: the whole history since 2004 weighed
// 43 KB in every cold start, and the portal holds nothing older. An earlier date falls back
// to Monday–Friday with a warning, like a year not yet published. When chinese-days ships a
// new year, add its line: official-arrangement.test.ts fails until then.
const years = [
  require("chinese-days/dist/years/2020.json"),
  require("chinese-days/dist/years/2021.json"),
  require("chinese-days/dist/years/2022.json"),
  require("chinese-days/dist/years/2023.json"),
  require("chinese-days/dist/years/2024.json"),
  require("chinese-days/dist/years/2025.json"),
  require("chinese-days/dist/years/2026.json"),
];

module.exports = {
  firstYear: 2020,
  holidays: Object.assign({}, ...years.map((y) => y.holidays)),
  workdays: Object.assign({}, ...years.map((y) => y.workdays)),
};
