export * from "./limits.js";
export * from "./months.js";
export * from "./shanghai.js";
export * from "./working-calendar.js";
