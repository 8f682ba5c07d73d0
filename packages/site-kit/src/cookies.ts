// Whether a site's own cookies (the staff session, the residents' "我的诉求" session) carry
// the Secure flag. Pure: decided by configuration, never by the request.

/**
 * Plain http is allowed only on this machine's loopback addresses (the local runs at
 * http://127.0.0.1:4321 and :4322): browsers drop a Secure cookie set over plain http there,
 * so the flag would make local sign-in impossible.
 */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return h === "localhost" || h.endsWith(".localhost") || h === "::1" || /^127\./.test(h);
}

/**
 * `Secure` always, except when the site's configured URL (`LIANXIN_SITE_URL`, site-kit's
 * `readConfig().siteUrl`) is plain http on a loopback host: the local run. Never decided by
 * the request, whose Host a client chooses (a plain-http request saying `Host: localhost`
 * must not get a cookie without the flag). Unset, as deployed, the cookie is Secure.
 */
export function cookieSecure(siteUrl: string | null): boolean {
  if (!siteUrl) return true;
  let url: URL;
  try {
    url = new URL(siteUrl);
  } catch {
    return true;
  }
  return url.protocol === "https:" || !isLoopbackHost(url.hostname);
}
