import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** One call a site made to the stub API. */
export interface ApiCall {
  path: string;
  /** X-Lianxin-Client-Address: the client's address as the site forwarded it. */
  address: string | undefined;
  /** Whether the call carried the site secret the stub was given. */
  withSecret: boolean;
}

/**
 * A stand-in for the API that answers every call 503 (the pages then render their
 * "unavailable" state) and records what the site sent. For tests of the built sites' servers
 * that need no database.
 */
export async function startStubApi(siteSecret: string) {
  const calls: ApiCall[] = [];
  const server = createServer((req, res) => {
    calls.push({
      path: req.url ?? "",
      address: req.headers["x-lianxin-client-address"] as string | undefined,
      withSecret: req.headers["x-lianxin-site-secret"] === siteSecret,
    });
    res.writeHead(503, { "Content-Type": "application/json" }).end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
