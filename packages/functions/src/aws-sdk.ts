import { createRequire } from "node:module";

/**
 * The AWS SDK clients this package uses besides DynamoDB's (SSM, S3, Lambda), loaded with
 * `require` on first use, as @lianxin/store loads the DynamoDB client (its sdk.ts says why:
 * the SDK is CommonJS, and through the ESM loader every load pays for lexing its index). On
 * Lambda `require` finds the runtime's copy, which the bundles leave out.
 */
const load = createRequire(import.meta.url);

export const ssmSdk = () => load("@aws-sdk/client-ssm") as typeof import("@aws-sdk/client-ssm");
export const s3Sdk = () => load("@aws-sdk/client-s3") as typeof import("@aws-sdk/client-s3");
export const presignerSdk = () =>
  load("@aws-sdk/s3-request-presigner") as typeof import("@aws-sdk/s3-request-presigner");
export const lambdaSdk = () =>
  load("@aws-sdk/client-lambda") as typeof import("@aws-sdk/client-lambda");
