export type { DynamoDbLocalHandle, StartDynamoDbLocalOptions } from "./dynamodb-local.js";
export { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from "./dynamodb-local.js";
export { FriendlyError, isFriendlyError } from "./errors.js";
export { repoRoot } from "./paths.js";
export { assertPortFree, findFreePort, isPortFree, portFromEnv } from "./ports.js";
export type { PublicSiteHandle, StartPublicSiteOptions } from "./public-site.js";
export { publicSiteEntry, startPublicSite, waitForHttp } from "./public-site.js";
