import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { App } from "../app.js";
import { type HttpRequest, wholeBodyBytes } from "./exchange.js";

/**
 * The app on a Node socket (the local stack). The body is read up to one byte past what its
 * route takes, so that an oversized upload is refused (413) without being held in memory;
 * the rest is drained unread.
 */
/** A Host header a URL can be built from: a name or address, and a port. */
const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

async function requestOf(incoming: IncomingMessage, limit: number): Promise<HttpRequest> {
  const chunks: Buffer[] = [];
  let kept = 0;
  for await (const chunk of incoming) {
    const piece = chunk as Buffer;
    if (kept > limit) continue;
    chunks.push(piece);
    kept += piece.byteLength;
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  // The Host is only used to read the path; nothing public repeats it (see open311 discovery).
  const url = new URL(incoming.url ?? "/", `http://${headers.host ?? "localhost"}`);
  return {
    method: (incoming.method ?? "GET").toUpperCase(),
    url: url.href,
    path: url.pathname,
    query: url.searchParams,
    headers,
    body: Buffer.concat(chunks),
    ...(incoming.socket.remoteAddress ? { clientIp: incoming.socket.remoteAddress } : {}),
  };
}

/** 400 for a request whose Host or target no URL can be made of, before any route sees it. */
function refuseMalformed(outgoing: ServerResponse, what: "host" | "target") {
  const body = JSON.stringify({
    error: {
      code: "validation_failed",
      message: "请求格式不正确 (malformed request)",
      fields: {
        [what]:
          what === "host"
            ? "Host 头无效 (invalid Host header)"
            : "请求路径无效 (invalid request target)",
      },
    },
  });
  outgoing.writeHead(400, {
    "content-type": "application/json",
    "cache-control": "no-store",
    "content-length": String(Buffer.byteLength(body)),
  });
  outgoing.end(body);
}

async function serveOne(app: App, incoming: IncomingMessage, outgoing: ServerResponse) {
  const host = incoming.headers.host;
  if (host !== undefined && !HOST.test(host)) return refuseMalformed(outgoing, "host");
  let path: string;
  try {
    path = new URL(incoming.url ?? "/", "http://localhost").pathname;
  } catch {
    return refuseMalformed(outgoing, "target");
  }
  const limit = app.bodyLimit(incoming.method ?? "GET", path);
  const response = await app.handle(await requestOf(incoming, limit));
  const { body } = response;
  if (body instanceof Readable) {
    outgoing.writeHead(response.status, response.headers);
    body.pipe(outgoing);
    return;
  }
  const bytes = wholeBodyBytes(body);
  const bodyless = response.status === 204 || response.status === 304;
  outgoing.writeHead(
    response.status,
    bodyless
      ? response.headers
      : { ...response.headers, "content-length": String(bytes.byteLength) },
  );
  outgoing.end(bodyless ? undefined : bytes);
}

export function createNodeServer(app: App): Server {
  return createServer((incoming, outgoing) => {
    serveOne(app, incoming, outgoing).catch((error: unknown) => {
      console.error(JSON.stringify({ level: "error", msg: "local server", error: String(error) }));
      if (!outgoing.headersSent) outgoing.writeHead(500);
      outgoing.end();
    });
  });
}
