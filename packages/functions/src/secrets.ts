import { loadSecrets as loadBound } from "@lianxin/site-kit/secrets.server";
import { loadSdk } from "./aws-sdk.js";

/**
 * The bound secrets (SST `Config.Secret`) into `process.env`, once per container before the
 * deps are built: site-kit's one loader, with the SSM client loaded through `require` (a
 * third of the SDK's import time is the ESM loader lexing it: aws-sdk.ts).
 */
export function loadSecrets(env: Record<string, string | undefined> = process.env) {
  return loadBound(env, undefined, () =>
    loadSdk<typeof import("@aws-sdk/client-ssm")>("@aws-sdk/client-ssm"),
  );
}
