export {
  AccountExistsError,
  createFirstAdmin,
  type FirstAdminOptions,
  generatePassword,
} from "./admin/create-first-admin.js";
export type { DynamoDbLocalHandle, StartDynamoDbLocalOptions } from "./dynamodb-local.js";
export { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from "./dynamodb-local.js";
export { FriendlyError, isFriendlyError } from "./errors.js";
export { repoRoot } from "./paths.js";
export { assertPortFree, findFreePort, isPortFree, portFromEnv } from "./ports.js";
export type {
  PublicSiteHandle,
  SiteEntry,
  SiteHandle,
  StartPublicSiteOptions,
  StartSiteOptions,
} from "./public-site.js";
export {
  publicSite,
  publicSiteEntry,
  staffSite,
  staffSiteEntry,
  startPublicSite,
  startSite,
  startStaffSite,
  waitForHttp,
} from "./public-site.js";
