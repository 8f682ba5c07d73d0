import type { Context } from "./exchange.js";

/**
 * The resident's address, for abuse limits. Behind a site, the connection is the site's
 * server, so the site forwards the resident's address; that header is believed only with
 * the shared site secret, never from the open internet.
 */
export function clientAddress(c: Context, siteSecret: string | undefined): string {
  const forwarded = c.req.header("x-lianxin-client-address");
  if (forwarded && siteSecret && c.req.header("x-lianxin-site-secret") === siteSecret) {
    return forwarded.trim().slice(0, 64);
  }
  return c.req.clientIp ?? "unknown";
}
