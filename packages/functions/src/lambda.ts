import { Readable } from "node:stream";
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from "aws-lambda";
import { type App, createApp } from "./app.js";
import { readConfig } from "./config.js";
import { createDeps } from "./deps.js";
import { type HttpRequest, type HttpResponse, wholeBodyBytes } from "./http/exchange.js";
import { loadSecrets } from "./secrets.js";

/** An API Gateway HTTP API event (payload 2.0) as the app's request. */
export function requestOfEvent(event: APIGatewayProxyEventV2): HttpRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined) headers[name.toLowerCase()] = value;
  }
  // Payload 2.0 moves cookies out of the headers.
  if (event.cookies?.length) headers.cookie = event.cookies.join("; ");
  const query = event.rawQueryString ?? "";
  // API Gateway's own domain (what it routed on), not a Host header the client chose.
  const host = event.requestContext.domainName ?? headers.host ?? "localhost";
  const body = event.body
    ? Buffer.from(event.body, event.isBase64Encoded ? "base64" : "utf8")
    : new Uint8Array();
  return {
    method: event.requestContext.http.method.toUpperCase(),
    url: `https://${host}${event.rawPath}${query ? `?${query}` : ""}`,
    path: event.rawPath,
    query: new URLSearchParams(query),
    headers,
    body,
    clientIp: event.requestContext.http.sourceIp,
  };
}

/**
 * Text goes as it is; anything else base64. A CSV ledger counts as binary: as text its
 * UTF-8 byte-order mark (which Excel needs to read Chinese) would be dropped.
 */
const TEXTUAL =
  /^(text\/(plain|html|css|javascript)|application\/([\w.+-]*json|[\w.+-]*xml|javascript)|image\/svg\+xml)\b/i;

async function bytesOf(body: HttpResponse["body"]): Promise<Buffer> {
  if (!(body instanceof Readable)) return wholeBodyBytes(body);
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** The app's answer as API Gateway's result. */
export async function resultOfResponse(
  response: HttpResponse,
): Promise<APIGatewayProxyResultV2 & { statusCode: number; body: string }> {
  const type = response.headers["content-type"] ?? "";
  const textual = type ? TEXTUAL.test(type) : typeof response.body === "string";
  const bytes = await bytesOf(response.body);
  return {
    statusCode: response.status,
    headers: response.headers,
    body: bytes.toString(textual ? "utf8" : "base64"),
    isBase64Encoded: !textual,
  };
}

/**
 * AWS Lambda entry (API Gateway v2 HTTP API events). The app is built once per
 * container, on first use, after the bound secrets are read from SSM (secrets.ts), so
 * importing this module has no side effects. A failed start is retried on the next event.
 */
let ready: Promise<App> | undefined;

async function start(): Promise<App> {
  await loadSecrets();
  return createApp(createDeps(readConfig()));
}

export async function handler(event: APIGatewayProxyEventV2, _context?: Context) {
  ready ??= start().catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  const app = await ready;
  return resultOfResponse(await app.handle(requestOfEvent(event)));
}
