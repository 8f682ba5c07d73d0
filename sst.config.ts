import type { SSTConfig } from "sst";
import { ApiStack } from "./infra/api.js";
import {
  APP_NAME,
  DEFAULT_REGION,
  FUNCTION_NODEJS,
  isProd,
  LOG_RETENTION,
} from "./infra/defaults.js";
import { JobsStack } from "./infra/jobs.js";
import { SitesStack } from "./infra/sites.js";
import { StorageStack } from "./infra/storage.js";

/**
 * SST v2 app (CDK underneath). Deploy: `pnpm sst deploy --stage prod` (see infra/README.md).
 * Region: `--region`, else AWS_REGION, else DEFAULT_REGION.
 */
const config: SSTConfig = {
  config(globals) {
    return {
      name: APP_NAME,
      region: globals.region ?? process.env.AWS_REGION ?? DEFAULT_REGION,
    };
  },
  stacks(app) {
    // Disposable stages tear down completely; prod keeps its data (storage sets RETAIN itself).
    if (!isProd(app.stage)) app.setDefaultRemovalPolicy("destroy");
    app.setDefaultFunctionProps({
      runtime: "nodejs22.x",
      architecture: "arm_64",
      memorySize: 512,
      timeout: 10,
      // ESM, minified, the AWS SDK left out (the Lambda runtime provides it).
      nodejs: FUNCTION_NODEJS,
      // A year of function logs (China's Cybersecurity Law asks for at least six months of
      // network logs); without it CloudWatch keeps them, and bills for them, forever.
      logRetention: LOG_RETENTION,
    });
    app.stack(StorageStack).stack(ApiStack).stack(JobsStack).stack(SitesStack);
  },
};

export default config;
