import { mkdirSync } from "node:fs";
import { AstroSite, type StackContext, use } from "sst/constructs";
import type { Plan } from "sst/constructs/SsrSite.js";
import { ApiStack } from "./api.js";
import { FUNCTION_NODEJS } from "./defaults.js";

/**
 * Where SST's AstroSite finds each site's AWS build. AstroSite reads `<path>/dist/` (the
 * astro-sst build meta and `server/entry.mjs`), so each site's `build:aws` takes `dist-aws/` as
 * its Astro root and writes `dist-aws/dist/`; the local @astrojs/node build keeps `dist/`.
 */
export const SITE_BUILDS = {
  public: { id: "PublicSite", path: "sites/public/dist-aws", output: "PublicSiteUrl" },
  staff: { id: "StaffSite", path: "sites/staff/dist-aws", output: "StaffSiteUrl" },
} as const;

/** The sites' server functions: same runtime as every other function (DESIGN.md). */
export const SITE_SERVER = {
  runtime: "nodejs22.x",
  memorySize: "1024 MB",
  timeout: "10 seconds",
} as const;

/**
 * Runs first in each site's server function, before astro-sst reads the event. astro-sst takes
 * Astro's `clientAddress` (which the sites forward to the API as the resident's address) from
 * `X-Forwarded-For`, and a Lambda function URL keeps only that header's leftmost entry: the one
 * the client can write itself. So the header is replaced by the viewer's address as CloudFront
 * saw it (`CloudFront-Viewer-Address`, "ip:port", forwarded by SST's AllViewerExceptHostHeader
 * origin request policy), or, on a call that bypassed CloudFront, the caller's own address.
 */
export const CLIENT_ADDRESS_INJECTION = [
  "{",
  "  const h = event.headers || (event.headers = {});",
  '  const viewer = h["cloudfront-viewer-address"];',
  '  const address = viewer && viewer.lastIndexOf(":") > 0',
  '    ? viewer.slice(0, viewer.lastIndexOf(":"))',
  "    : event.requestContext && event.requestContext.http && event.requestContext.http.sourceIp;",
  '  if (address) h["x-forwarded-for"] = address;',
  '  else delete h["x-forwarded-for"];',
  "}",
].join("\n");

/** AstroSite's plan, amended: the server function runs CLIENT_ADDRESS_INJECTION first. */
function withClientAddress(plan: Plan): void {
  const server = plan.origins.regionalServer;
  if (server?.type !== "function") {
    throw new Error("AstroSite's plan has no regional server function: check the sst upgrade");
  }
  server.injections = [...(server.injections ?? []), CLIENT_ADDRESS_INJECTION];
}

/**
 * Both Astro sites, each behind its own CloudFront distribution (static assets from S3, pages
 * from a Lambda server function). The server functions call the API server to server: its URL
 * arrives as `LIANXIN_API_URL`; `LIANXIN_SITE_SECRET` is bound (an SSM marker the site's
 * middleware resolves at its first request, `src/lib/secrets.server.ts`), which grants
 * `ssm:GetParameters` on that one secret's two parameter paths only.
 */
export function SitesStack({ stack }: StackContext) {
  const { api, secrets } = use(ApiStack);
  const sites = Object.values(SITE_BUILDS).map(({ id, path, output }) => {
    // AstroSite wants the folder to exist before it runs the build command inside it.
    mkdirSync(path, { recursive: true });
    const site = new AstroSite(stack, id, {
      path,
      // sst-env.d.ts lands in dist-aws/ (ignored), not in the sources.
      typesPath: ".",
      // Runs in `path` on `sst deploy`/`sst build`; synth tests (NODE_ENV=test) skip it and use
      // the build that `npm test` made beforehand.
      buildCommand: "cd .. && pnpm run build:aws",
      ...SITE_SERVER,
      environment: { LIANXIN_API_URL: api.url },
      bind: [secrets.LIANXIN_SITE_SECRET],
      // As every function: ESM, minified, the AWS SDK left out (the Lambda runtime provides the
      // SSM client that the secret loader imports).
      nodejs: FUNCTION_NODEJS,
      cdk: { transform: withClientAddress },
    });
    stack.addOutputs({ [output]: site.url ?? "" });
    return site;
  });
  return { sites };
}
