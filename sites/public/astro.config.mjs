// @ts-check
import node from "@astrojs/node";
import react from "@astrojs/react";
import { defineConfig, passthroughImageService } from "astro/config";

// The residents' site: server-rendered pages, one small React island (the submission form).
export default defineConfig({
  output: "server",
  adapter: node({ mode: "standalone" }),
  integrations: [react()],
  // sharp cannot be downloaded here; the site serves no processed images.
  image: { service: passthroughImageService() },
  // Astro's own origin check compares against a URL whose host is "localhost" unless
  // security.allowedDomains lists the public host (unknown at build time), so it would refuse
  // every form post. src/middleware.ts does the cross-site check instead (src/lib/csrf.ts).
  security: { checkOrigin: false },
  build: { inlineStylesheets: "always" },
  devToolbar: { enabled: false },
});
