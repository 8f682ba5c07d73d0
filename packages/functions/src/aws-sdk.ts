import { createRequire } from "node:module";

/**
 * An AWS SDK package besides DynamoDB's (SSM, S3, Lambda), loaded with `require` on first
 * use, as @lianxin/store loads the DynamoDB client (its sdk.ts says why: the SDK is CommonJS,
 * and through the ESM loader every load pays for lexing its index). On Lambda `require`
 * finds the runtime's copy, which the bundles leave out. Callers name the package, typed by
 * its `typeof import(...)`.
 */
export const loadSdk = createRequire(import.meta.url) as <T>(name: string) => T;
