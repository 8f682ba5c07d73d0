import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { Api, Config, Function as SstFunction, type StackContext, use } from "sst/constructs";
import { parseTownArea } from "../packages/core/src/concern/place.js";
import { API_FUNCTION_TIMEOUT_SECONDS } from "../packages/functions/src/request-deadline.js";
import { apiGatewayPath, routes } from "../packages/functions/src/routes.js";
import { residentIndexBackfill } from "./backfills.js";
import { API_NODEJS, LOG_RETENTION } from "./defaults.js";
import {
  API_ATTACHMENT_FILE_ACTIONS,
  API_FILE_ACTIONS,
  API_TABLE_ACTIONS,
  bucketPrefixAccess,
  EXPORT_WORKER_FILE_ACTIONS,
  EXPORT_WORKER_TABLE_ACTIONS,
  tableAccess,
} from "./permissions.js";
import { personTaggerFiles } from "./person-tagger.js";
import { smsSender } from "./sms.js";
import {
  EXPORTS_PREFIX,
  FILES_PREFIX,
  PUBLIC_PREFIX,
  STAGED_PREFIX,
  StorageStack,
  UPLOADS_PREFIX,
} from "./storage.js";

/** Lambda handler of the whole API: one function behind every route (the route list inside). */
export const API_HANDLER = "packages/functions/src/lambda.handler";

/** The export worker's entry and its time limit (Lambda's longest). */
export const EXPORT_WORKER_HANDLER = "packages/functions/src/export-worker.handler";
export const EXPORT_WORKER_TIMEOUT_SECONDS = 900;

/** API Gateway throttling on the default stage, for all routes together. */
export const API_THROTTLE = { burst: 200, rate: 100 } as const;

export interface ApiResources {
  api: Api;
  handler: SstFunction;
  exportWorker: SstFunction;
  smsSender: SstFunction;
  secrets: {
    SESSION_SIGNING_KEY: Config.Secret;
    LIANXIN_SITE_SECRET: Config.Secret;
    RESIDENT_KEY: Config.Secret;
  };
}

/** `GET /api/concerns/{ledgerNo}` for each entry of the shared route list. */
export function apiRouteKeys(): string[] {
  return routes.map((route) => `${route.method} ${apiGatewayPath(route.path)}`);
}

/**
 * The town's area for the API (`TOWN_AREA`: places sent from the portal outside it are
 * refused), from the deploy's `LIANXIN_TOWN_AREA` (`south,west,north,east`, WGS84 degrees).
 * Checked here, so a mistyped area fails the deployment instead of every submission with a
 * place; unset, the API keeps the demo's box around Wuxi.
 */
export function townAreaEnvironment(
  env: Record<string, string | undefined> = process.env,
): Record<string, string> {
  const area = env.LIANXIN_TOWN_AREA?.trim();
  if (!area) return {};
  parseTownArea(area);
  return { TOWN_AREA: area };
}

/**
 * The HTTP API: exactly the routes of `@lianxin/functions` (the local server registers the same
 * list), all on one function. The function gets the table and bucket names through its
 * environment, only the DynamoDB actions it uses, and S3 actions per prefix (exports, and
 * the attachments' uploads/, staged/, files/ and public/), never on the whole bucket; the
 * table is deliberately NOT bound (SST's `bind` on a table grants `dynamodb:*`). The secrets
 * are bound: that grants `ssm:GetParameters` on their two parameter paths only.
 */
export function ApiStack({ stack }: StackContext): ApiResources {
  const { table, bucket } = use(StorageStack);
  const secrets = Config.Secret.create(
    stack,
    "SESSION_SIGNING_KEY",
    "LIANXIN_SITE_SECRET",
    "RESIDENT_KEY",
  );

  const handler = new SstFunction(stack, "ApiHandler", {
    handler: API_HANDLER,
    nodejs: API_NODEJS,
    // It masks what it publishes (notices, Open311 descriptions): jieba goes in its package.
    copyFiles: personTaggerFiles(),
    // The API's request deadline (8 s) is set 2 s under this limit, from the same constant.
    timeout: API_FUNCTION_TIMEOUT_SECONDS,
    environment: {
      TABLE_NAME: table.tableName,
      FILES_BUCKET: bucket.bucketName,
      ...townAreaEnvironment(),
    },
    bind: [secrets.SESSION_SIGNING_KEY, secrets.LIANXIN_SITE_SECRET, secrets.RESIDENT_KEY],
  });
  handler.attachPermissions([
    tableAccess(table, API_TABLE_ACTIONS),
    // Large ledger exports: written under exports/ and handed out as presigned GET links.
    bucketPrefixAccess(bucket, EXPORTS_PREFIX, API_FILE_ACTIONS),
    // Attachments (issue 15), each prefix with its own actions: sign the uploads' POSTs,
    // move claimed files from staged/ to files/, sign links to files/, publish to public/.
    bucketPrefixAccess(bucket, UPLOADS_PREFIX, API_ATTACHMENT_FILE_ACTIONS.uploads),
    bucketPrefixAccess(bucket, STAGED_PREFIX, API_ATTACHMENT_FILE_ACTIONS.staged),
    bucketPrefixAccess(bucket, FILES_PREFIX, API_ATTACHMENT_FILE_ACTIONS.files),
    bucketPrefixAccess(bucket, PUBLIC_PREFIX, API_ATTACHMENT_FILE_ACTIONS.public),
  ]);

  // Background ledger exports: the API records the request and invokes this worker
  // asynchronously; the worker has the time a year of a city's ledger takes (15 minutes).
  // It masks nothing, so it carries no jieba.
  const exportWorker = new SstFunction(stack, "ExportWorker", {
    handler: EXPORT_WORKER_HANDLER,
    timeout: EXPORT_WORKER_TIMEOUT_SECONDS,
    memorySize: 1024,
    environment: { TABLE_NAME: table.tableName, FILES_BUCKET: bucket.bucketName },
  });
  exportWorker.attachPermissions([
    tableAccess(table, EXPORT_WORKER_TABLE_ACTIONS),
    bucketPrefixAccess(bucket, EXPORTS_PREFIX, EXPORT_WORKER_FILE_ACTIONS),
  ]);
  // Residents' SMS: the API writes them with each change and starts the sender at once.
  const sms = smsSender(stack, { table, residentKey: secrets.RESIDENT_KEY });
  // "我的诉求": every deployment lists the concerns from before the index (idempotent).
  residentIndexBackfill(stack, { table, residentKey: secrets.RESIDENT_KEY });

  handler.addEnvironment("EXPORT_WORKER", exportWorker.functionName);
  handler.addEnvironment("SMS_SENDER", sms.fn.functionName);
  handler.attachPermissions([
    new PolicyStatement({
      actions: ["lambda:InvokeFunction"],
      resources: [exportWorker.functionArn, sms.fn.functionArn],
    }),
  ]);

  const api = new Api(stack, "Api", {
    // The sites call the API server to server; browsers only read public data cross-origin.
    // Preflights allow GET with no extra request headers, so no cross-origin POST (its JSON
    // content type needs a preflight) and no access-code header can come from a browser page.
    cors: { allowMethods: ["GET"], allowOrigins: ["*"], allowHeaders: [] },
    defaults: { throttle: API_THROTTLE },
    accessLog: { retention: LOG_RETENTION },
    routes: Object.fromEntries(apiRouteKeys().map((key) => [key, handler])),
  });

  stack.addOutputs({ ApiUrl: api.url });
  return { api, handler, exportWorker, smsSender: sms.fn, secrets };
}
