// The local (Node) build's server entry, in place of @astrojs/node's own: astro-config.mjs's
// `nodeAdapter()` points the adapter here, so Vite bundles this file into each site's
// dist/server/entry.mjs and `node dist/server/entry.mjs` runs it. Same handler as @astrojs/node's
// standalone mode (static files, then pages), in our own node:http server, with one step first:
// the client's address is decided from the socket (client-address.server.ts, with
// LIANXIN_TRUSTED_PROXIES) and put in X-Forwarded-For as the only entry, because Astro's
// NodeApp.createRequest takes that header's first value as `clientAddress`, unchecked, and the
// sites forward `clientAddress` to the API. On AWS, astro-sst runs instead of this file, and
// infra/sites.ts's injection does the same with CloudFront's viewer address.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createExports as astroNodeExports } from "@astrojs/node/server.js";
import { clientAddressOf, type TrustedProxies, trustedProxies } from "./client-address.server.js";
import { readConfig } from "./config.server.js";

type Manifest = Parameters<typeof astroNodeExports>[0];
type Options = Parameters<typeof astroNodeExports>[1];
type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/**
 * Wraps a Node request handler: before it runs, X-Forwarded-For holds exactly the client's
 * address as decided here (or is gone when the socket has none), whatever the client sent.
 */
export function withClientAddress(handler: Handler, trusted: TrustedProxies): Handler {
  return (req, res) => {
    const address = clientAddressOf(
      req.headers["x-forwarded-for"],
      req.socket.remoteAddress,
      trusted,
    );
    if (address) req.headers["x-forwarded-for"] = address;
    else delete req.headers["x-forwarded-for"];
    return handler(req, res);
  };
}

/** Where to listen: HOST and PORT as @astrojs/node reads them, else astro.config's server. */
function listenAddress(options: Options): { host: string; port: number } {
  const configured =
    typeof options.host === "boolean" ? (options.host ? "0.0.0.0" : "localhost") : options.host;
  const port = process.env.PORT ? Number(process.env.PORT) : (options.port ?? 8080);
  return { host: process.env.HOST ?? configured, port };
}

function serve(handler: Handler, options: Options) {
  const { host, port } = listenAddress(options);
  const server = createServer((req, res) => {
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500).end("Internal server error");
    });
  });
  server.listen(port, host, () => {
    const trusted = readConfig().trustedProxies;
    console.log(
      `listening on http://${host.includes(":") ? `[${host}]` : host}:${port}` +
        (trusted.length > 0 ? `, trusting X-Forwarded-For from ${trusted.join(", ")}` : ""),
    );
  });
  return server;
}

interface Exports {
  options: Options;
  handler: Handler;
  startServer: () => ReturnType<typeof serve>;
}

let exported: Exports | undefined;

/**
 * What the built entry exports (the adapter's `exports`): @astrojs/node's, with the handler
 * wrapped. Reads LIANXIN_TRUSTED_PROXIES once, here: a bad value stops the server at start.
 */
export function createExports(manifest: Manifest, options: Options): Exports {
  const inner = astroNodeExports(manifest, { ...options, mode: "standalone" });
  const trusted = trustedProxies(readConfig().trustedProxies);
  const handler = withClientAddress(inner.handler as Handler, trusted);
  exported = { options: inner.options, handler, startServer: () => serve(handler, options) };
  return exported;
}

/** Called by the built entry after createExports: starts the server (as @astrojs/node would). */
export function start(manifest: Manifest, options: Options): void {
  if (process.env.ASTRO_NODE_AUTOSTART === "disabled") return;
  (exported ?? createExports(manifest, options)).startServer();
}
