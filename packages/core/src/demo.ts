/**
 * Demo fixtures (`@lianxin/core/demo`): the demo town's directory, staff, grid and reply
 * templates, and the seeded campaign of `npm start`, the tests and the benchmarks. Kept out
 * of the main barrel so that nothing reaches them by accident; no Lambda entry imports them.
 */
export * from "./concern/demo-recent.js";
export * from "./concern/demo-recent-texts.js";
export * from "./directory/demo-directory.js";
export * from "./grid/demo-campaign.js";
export * from "./grid/demo-grid.js";
export * from "./reply/demo-templates.js";
export * from "./staff/demo-staff.js";
