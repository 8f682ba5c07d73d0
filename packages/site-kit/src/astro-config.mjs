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
