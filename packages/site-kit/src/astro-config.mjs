// @ts-check
// What both sites' astro.config.mjs share. Plain JavaScript: Astro loads its config with Node
// before any TypeScript is compiled.
import node from "@astrojs/node";

/**
 * The local build's adapter: @astrojs/node in standalone mode, but with its server entry
 * replaced by site-kit's (`node-server.server.ts`), which decides the client's address from
 * the socket and the configured trusted proxies before Astro reads X-Forwarded-For. The
 * built site still starts with `node dist/server/entry.mjs`.
 * @returns {import("astro").AstroIntegration}
 */
export function nodeAdapter() {
  const inner = node({ mode: "standalone" });
  const configDone = inner.hooks["astro:config:done"];
  if (!configDone)
    throw new Error("@astrojs/node has no astro:config:done hook: check the upgrade");
  return {
    ...inner,
    hooks: {
      ...inner.hooks,
      "astro:config:done": (params) =>
        configDone({
          ...params,
          setAdapter: (adapter) =>
            params.setAdapter({ ...adapter, serverEntrypoint: "@lianxin/site-kit/node-server" }),
        }),
    },
  };
}

/**
 * Astro's Content-Security-Policy (`experimental.csp`). Astro renders it per page with the
 * hashes of that page's inline scripts and styles (the island loader, `client:*` directives,
 * the inlined stylesheets) and of the bundled ones; on-demand pages, which all of ours are,
 * get it as a response header (a prerendered page would get a <meta>), on Node and on AWS
 * alike. Nothing inline is allowed without its hash: no 'unsafe-inline', no style attributes
 * (a chart's height is set from script, through the CSSOM), no inline event handlers.
 * `frame-ancestors` works because it is a header (a <meta> policy would ignore it);
 * X-Frame-Options DENY says the same to older browsers.
 */
export const SITE_CSP = {
  /** @type {"SHA-256"} */
  algorithm: "SHA-256",
  /** @type {`${"default" | "object" | "base" | "form" | "frame"}-${string}`[]} */
  directives: [
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ],
};
