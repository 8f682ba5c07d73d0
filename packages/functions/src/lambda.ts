import { defaultIsContentTypeBinary, handle } from "hono/aws-lambda";
import { createApp } from "./app.js";
import { readConfig } from "./config.js";
import { createDeps } from "./deps.js";

/**
 * A CSV ledger goes base64 like a binary: as text its UTF-8 byte-order mark (which Excel
 * needs to read Chinese) would be dropped when the body is decoded.
 */
const isContentTypeBinary = (contentType: string) =>
  /^text\/csv/i.test(contentType) || defaultIsContentTypeBinary(contentType);

/**
 * AWS Lambda entry (API Gateway v2 HTTP API events). The app is built once per
 * container, on first use, so importing this module has no side effects.
 */
let lambdaHandler: ReturnType<typeof handle> | undefined;

export const handler: ReturnType<typeof handle> = (event, context) => {
  lambdaHandler ??= handle(createApp(createDeps(readConfig())), { isContentTypeBinary });
  return lambdaHandler(event, context);
};
