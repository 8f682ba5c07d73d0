import { handle } from "hono/aws-lambda";
import { createApp } from "./app.js";
import { readConfig } from "./config.js";
import { createDeps } from "./deps.js";

/**
 * AWS Lambda entry (API Gateway v2 HTTP API events). The app is built once per
 * container, on first use, so importing this module has no side effects.
 */
let lambdaHandler: ReturnType<typeof handle> | undefined;

export const handler: ReturnType<typeof handle> = (event, context) => {
  lambdaHandler ??= handle(createApp(createDeps(readConfig())));
  return lambdaHandler(event, context);
};
