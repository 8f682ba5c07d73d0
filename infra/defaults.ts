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

/** The one stage whose data must survive `sst remove` and accidental deletes. */
export const PROD_STAGE = "prod";

export function isProd(stage: string): boolean {
  return stage === PROD_STAGE;
}
