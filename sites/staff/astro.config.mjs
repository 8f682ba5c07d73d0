// @ts-check
import { fileURLToPath } from "node:url";
import react from "@astrojs/react";
import { nodeAdapter, SITE_CSP } from "@lianxin/site-kit/astro-config";
import { defineConfig, passthroughImageService } from "astro/config";
import aws from "astro-sst";

// One config, two builds (as on the public site):
// - local (default): @astrojs/node standalone into dist/ (`npm start`, the browser tests), its
//   server entry site-kit's (the client's address from the socket and LIANXIN_TRUSTED_PROXIES).
// - AWS (`pnpm build:aws`, LIANXIN_ASTRO_TARGET=aws): the astro-sst adapter for SST's AstroSite.
//   AstroSite reads `<path>/dist/sst.buildMeta.json` and `<path>/dist/server/`, and that meta's
//   paths are relative to Astro's root, so this build takes dist-aws/ as its root (sources stay
//   in src/ and public/) and writes dist-aws/dist/. infra/sites.ts points AstroSite at dist-aws/.
//   astro-sst writes the meta relative to the working directory: build:aws runs in dist-aws/.
const forAws = process.env.LIANXIN_ASTRO_TARGET === "aws";
const here = (/** @type {string} */ path) => fileURLToPath(new URL(path, import.meta.url));
const awsLayout = {
  root: here("./dist-aws/"),
  srcDir: here("./src/"),
  publicDir: here("./public/"),
  outDir: here("./dist-aws/dist/"),
  cacheDir: here("./node_modules/.astro-aws/"),
};

// The staff back office: server-rendered pages that work without JavaScript; small React
// islands only enhance them (a ticking "time left", confirm dialogs). The session token stays
// in an httpOnly cookie and is only ever read by this server.
export default defineConfig({
  ...(forAws ? awsLayout : {}),
  output: "server",
  adapter: forAws ? aws() : nodeAdapter(),
  integrations: [react()],
  server: { port: 4322 },
  // sharp cannot be downloaded here; the site serves no processed images.
  image: { service: passthroughImageService() },
  // As on the public site: Astro's own origin check sees every host as "localhost" without
  // security.allowedDomains, so src/middleware.ts refuses cross-site posts instead.
  security: { checkOrigin: false },
  build: { inlineStylesheets: "always" },
  devToolbar: { enabled: false },
  // A strict Content-Security-Policy on every page, with the hashes Astro computes (site-kit).
  experimental: { csp: SITE_CSP },
});
