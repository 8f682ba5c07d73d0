// The only place a site reads its environment (at run time, not at build time): both sites
// call the same API with the same settings.

import { parseTrustedProxies } from "./client-address.server.js";

export interface SiteConfig {
  /** Base URL of the Lianxin API, without a trailing slash. */
  apiUrl: string;
  /** Shared secret that lets the API trust X-Lianxin-Client-Address; null when unset. */
  siteSecret: string | null;
  /** How long one API call may take before the page gives up, in milliseconds. */
  apiTimeoutMs: number;
  /**
   * The site's own public URL (`LIANXIN_SITE_URL`): decides its cookies' Secure flag (cookies.ts),
   * never the request's Host. Unset (deployed behind CloudFront): https is assumed.
   */
  siteUrl: string | null;
  /**
   * `LIANXIN_TRUSTED_PROXIES`: the proxies (addresses and CIDR ranges, comma-separated) whose
   * X-Forwarded-For the Node server believes (client-address.server.ts); empty by default, so
   * the socket's peer is the client. Not read on AWS, where CloudFront's viewer address is used.
   */
  trustedProxies: string[];
}

export const DEFAULT_API_URL = "http://127.0.0.1:3000";

export function readConfig(env: Record<string, string | undefined> = process.env): SiteConfig {
  const apiUrl = (env.LIANXIN_API_URL?.trim() || DEFAULT_API_URL).replace(/\/+$/, "");
  const secret = env.LIANXIN_SITE_SECRET?.trim();
  const timeout = Number(env.LIANXIN_API_TIMEOUT_MS);
  return {
    apiUrl,
    siteSecret: secret ? secret : null,
    apiTimeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : 8000,
    siteUrl: env.LIANXIN_SITE_URL?.trim() || null,
    trustedProxies: parseTrustedProxies(env.LIANXIN_TRUSTED_PROXIES),
  };
}
