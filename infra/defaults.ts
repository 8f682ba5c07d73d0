import type { FunctionProps } from "sst/constructs";

/**
 * The deployment defaults, written once. `sst deploy --region …` or AWS_REGION overrides the
 * region; the stage comes from `--stage` (SST's personal stage when absent).
 */

/** The SST app name: it prefixes every stack (`<stage>-lianxin-<Stack>`) and SSM path. */
export const APP_NAME = "lianxin";

/**
 * Hong Kong: the AWS commercial region nearest the town that needs no separate China account
 * (cn-north-1 / cn-northwest-1 are a separate partition with ICP licensing). It is an opt-in
 * region: enable it in the account before the first deploy.
 */
export const DEFAULT_REGION = "ap-east-1";

/** How long CloudWatch keeps the functions' and the API's access logs. */
export const LOG_RETENTION = "one_year";

/** The one stage whose data must survive `sst remove` and accidental deletes. */
export const PROD_STAGE = "prod";

export function isProd(stage: string): boolean {
  return stage === PROD_STAGE;
}

type NodeJsBundling = NonNullable<FunctionProps["nodejs"]>;

/**
 * How SST bundles every function (esbuild): ESM, minified, and the AWS SDK v3 left out, since
 * the Lambda runtime provides it. `pnpm bench:lambda` bundles with these same options.
 */
export const FUNCTION_NODEJS = {
  format: "esm",
  minify: true,
  esbuild: { external: ["@aws-sdk/*"] },
} satisfies NodeJsBundling;

/**
 * The API function: code splitting on, so that what it imports dynamically (exceljs, about
 * 1 MB, for xlsx ledgers) lands in its own chunk in the same package, loaded on the first
 * export only, never at cold start. (An `external` + `install` would instead run `npm install`
 * at every synth, offline tests included, and float exceljs's dependencies past the lockfile.)
 * SST replaces, not merges, a function's `nodejs` props: hence the spread.
 */
export const API_NODEJS = { ...FUNCTION_NODEJS, splitting: true } satisfies NodeJsBundling;
