// CommonJS on purpose: a bundler sees this require and inlines the JSON (SST v2's esbuild 0.18
// cannot parse `import … with { type: "json" }`, and cannot see through createRequire).
module.exports = require("chinese-days/dist/chinese-days.json");
