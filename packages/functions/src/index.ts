export { createApp } from "./app.js";
export { type ApiConfig, readConfig } from "./config.js";
export { createDeps, type Deps } from "./deps.js";
export { apiGatewayPath, type Route, routes } from "./routes.js";
export { ensureStaffAccount } from "./use-cases/staff/accounts.js";
