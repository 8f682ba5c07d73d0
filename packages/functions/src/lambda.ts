import { defaultIsContentTypeBinary, handle } from "hono/aws-lambda";
import { createApp } from "./app.js";
import { readConfig } from "./config.js";
import { createDeps } from "./deps.js";
import { loadSecrets } from "./secrets.js";

/**
 * A CSV ledger goes base64 like a binary: as text its UTF-8 byte-order mark (which Excel
 * needs to read Chinese) would be dropped when the body is decoded.
 */
const isContentTypeBinary = (contentType: string) =>
  /^text\/csv/i.test(contentType) || defaultIsContentTypeBinary(contentType);

type LambdaHandler = ReturnType<typeof handle>;

/**
 * AWS Lambda entry (API Gateway v2 HTTP API events). The app is built once per
 * container, on first use, after the bound secrets are read from SSM (secrets.ts), so
 * importing this module has no side effects. A failed start is retried on the next event.
 */
let ready: Promise<LambdaHandler> | undefined;

async function start(): Promise<LambdaHandler> {
  await loadSecrets();
  return handle(createApp(createDeps(readConfig())), { isContentTypeBinary });
}

export const handler: LambdaHandler = async (event, context) => {
  ready ??= start().catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  return (await ready)(event, context);
};
