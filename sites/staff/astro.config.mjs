// @ts-check
import node from "@astrojs/node";
import react from "@astrojs/react";
import { defineConfig, passthroughImageService } from "astro/config";

// The staff back office: server-rendered pages that work without JavaScript; small React
// islands only enhance them (a ticking "time left", confirm dialogs). The session token stays
// in an httpOnly cookie and is only ever read by this server.
export default defineConfig({
  output: "server",
  adapter: node({ mode: "standalone" }),
  integrations: [react()],
  server: { port: 4322 },
  // sharp cannot be downloaded here; the site serves no processed images.
  image: { service: passthroughImageService() },
  // As on the public site: Astro's origin check sees every host as "localhost" without
  // security.allowedDomains, so src/middleware.ts refuses cross-site posts instead.
  security: { checkOrigin: false },
  build: { inlineStylesheets: "always" },
  devToolbar: { enabled: false },
});
