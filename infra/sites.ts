import { mkdirSync } from "node:fs";
import { Duration, Fn, Lazy, type Stack } from "aws-cdk-lib";
import {
  AccessLevel,
  AllowedMethods,
  CachedMethods,
  CachePolicy,
  type CfnDistribution,
  type Distribution,
  ResponseHeadersPolicy,
  S3OriginAccessControl,
  Signing,
  ViewerProtocolPolicy,
} from "aws-cdk-lib/aws-cloudfront";
import { S3BucketOrigin } from "aws-cdk-lib/aws-cloudfront-origins";
import type { CfnPolicy } from "aws-cdk-lib/aws-iam";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import { Bucket } from "aws-cdk-lib/aws-s3";
import { AstroSite, type StackContext, use } from "sst/constructs";
import type { Plan } from "sst/constructs/SsrSite.js";
import {
  HSTS_MAX_AGE_SECONDS,
  PERMISSIONS_POLICY,
} from "../packages/site-kit/src/security-headers.js";
import { ApiStack } from "./api.js";
import { FUNCTION_NODEJS, LOG_RETENTION } from "./defaults.js";
import { PUBLIC_PREFIX, StorageStack } from "./storage.js";

const LOG_RETENTION_KEY = LOG_RETENTION.toUpperCase() as Uppercase<typeof LOG_RETENTION>;

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
 * CloudFront adds this header, with a value only the deployed stack knows, to every request it
 * makes to a site's server function; the function trusts CloudFront's viewer address only
 * when the header matches. The function URL itself is public (SST's alternative, IAM auth,
 * signs each request in a Lambda@Edge function: latency on every page, and bodies over 1 MB,
 * such as a roster workbook, cut off), so a caller who reaches it directly could otherwise
 * claim any address and walk around the API's per-address submission limit.
 */
export const ORIGIN_VERIFY_HEADER = "x-lianxin-origin-verify";
export const ORIGIN_VERIFY_ENV = "LIANXIN_ORIGIN_VERIFY";

/**
 * The header's value: the UUID part of the stack's id. It is made by CloudFormation at the
 * stack's creation, differs per stage, is never in the repo, and is seen only by those who can
 * read the stack (and they can read the function's environment anyway).
 */
const originVerifyValue = (stack: Stack) => Fn.select(2, Fn.split("/", stack.stackId));

/**
 * Runs first in each site's server function, before astro-sst reads the event. astro-sst takes
 * Astro's `clientAddress` (which the sites forward to the API as the resident's address) from
 * `X-Forwarded-For`, and a Lambda function URL keeps only that header's leftmost entry: the one
 * the client can write itself. So the header is replaced by the viewer's address as CloudFront
 * saw it (`CloudFront-Viewer-Address`, "ip:port", forwarded by SST's AllViewerExceptHostHeader
 * origin request policy) when the request carries CloudFront's origin-verify header, or else
 * (a call that bypassed CloudFront) by the caller's own address. The verify header goes no
 * further.
 */
export const CLIENT_ADDRESS_INJECTION = [
  "{",
  "  const h = event.headers || (event.headers = {});",
  `  const expected = process.env.${ORIGIN_VERIFY_ENV};`,
  `  const viaCloudFront = Boolean(expected) && h["${ORIGIN_VERIFY_HEADER}"] === expected;`,
  `  delete h["${ORIGIN_VERIFY_HEADER}"];`,
  '  const viewer = viaCloudFront ? h["cloudfront-viewer-address"] : undefined;',
  '  const address = viewer && viewer.lastIndexOf(":") > 0',
  '    ? viewer.slice(0, viewer.lastIndexOf(":"))',
  "    : event.requestContext && event.requestContext.http && event.requestContext.http.sourceIp;",
  '  if (address) h["x-forwarded-for"] = address;',
  '  else delete h["x-forwarded-for"];',
  "}",
].join("\n");

/**
 * Puts the origin-verify header on the distribution's origin for the server function (the one
 * whose domain is the function URL). CDK's HttpOrigin takes custom headers, but SST makes that
 * origin itself, so this amends the synthesized distribution; it fails loudly if an SST
 * upgrade changes the shape.
 */
function addOriginVerifyHeader(stack: Stack, site: AstroSite, value: string): void {
  const distribution = site.cdk?.distribution.node.defaultChild as CfnDistribution | undefined;
  if (!distribution) throw new Error("AstroSite made no distribution: check the sst upgrade");
  const config = stack.resolve(distribution.distributionConfig) as {
    origins?: { domainName?: unknown }[];
  };
  const indexes = (config.origins ?? []).flatMap((origin, i) =>
    JSON.stringify(origin.domainName).includes('"FunctionUrl"') ? [i] : [],
  );
  if (indexes.length !== 1) {
    throw new Error(
      `expected one function URL origin, found ${indexes.length}: check the sst upgrade`,
    );
  }
  distribution.addPropertyOverride(`DistributionConfig.Origins.${indexes[0]}.OriginCustomHeaders`, [
    { HeaderName: ORIGIN_VERIFY_HEADER, HeaderValue: value },
  ]);
}

/** The inline policy by which SST lets every SSR server invalidate its site's distribution. */
const SERVER_INVALIDATOR_POLICY = "ServerFunctionInvalidatorPolicy";

interface PolicyStatementJson {
  Action: string | string[];
  Resource: unknown;
}

/**
 * Takes back what SST grants every SSR server function but an Astro server never uses: read and
 * write on the site's asset bucket (Next.js's incremental cache) and CloudFront invalidation
 * (Next.js's revalidation). CloudFront reads the assets itself (through its origin access
 * identity) and the server only renders pages, so its role keeps the bound secret's
 * `ssm:GetParameters` and nothing else. The grants are made inside AstroSite, so this amends the
 * server role's policies; it fails loudly if an SST upgrade changes their shape.
 */
function withoutUnusedServerGrants(stack: Stack, site: AstroSite): void {
  const role = site.cdk?.function?.role;
  const bucket = site.cdk?.bucket;
  const defaultPolicy = role?.node.tryFindChild("DefaultPolicy");
  const invalidator = site.node.tryFindChild(SERVER_INVALIDATOR_POLICY);
  const cfnPolicy = defaultPolicy?.node.defaultChild as CfnPolicy | undefined;
  if (!(bucket && cfnPolicy && invalidator && "policyDocument" in cfnPolicy)) {
    throw new Error("AstroSite's server role is not as expected: check the sst upgrade");
  }
  site.node.tryRemoveChild(SERVER_INVALIDATOR_POLICY);
  const bucketArn = JSON.stringify(stack.resolve(bucket.bucketArn));
  const onSiteBucket = (resource: unknown) => JSON.stringify(resource).includes(bucketArn);
  const rendered: unknown = cfnPolicy.policyDocument;
  // Lazy: filtered at synthesis, so statements added after this call (bindings) are kept.
  cfnPolicy.policyDocument = Lazy.any({
    produce: () => {
      const document = stack.resolve(rendered) as { Statement?: PolicyStatementJson[] };
      const statements = (document.Statement ?? []).filter(
        (statement) =>
          ![statement.Resource].flat().every(onSiteBucket) ||
          ![statement.Action].flat().every((action) => action.startsWith("s3:")),
      );
      if (statements.length === 0) {
        throw new Error("a site server's role would be left with no statement: bind its secret");
      }
      return { ...document, Statement: statements };
    },
  });
}

/**
 * What CloudFront adds to every response of both sites, pages and static assets alike: HSTS (two
 * years, subdomains) and the Permissions-Policy, with site-kit's values. The pages' own
 * Permissions-Policy (the sites' middleware) wins over CloudFront's (`override: false`): the
 * residents' submission page allows geolocation for itself ("使用我的位置", issue 15), every
 * other page sends the same denying value, and static assets get CloudFront's. No Content-Security-Policy: Astro sends one per
 * page with the hashes of that page's inline scripts and styles, which a static header would
 * contradict (browsers enforce both), and no other header: the pages carry theirs.
 */
function siteResponseHeaders(stack: Stack): ResponseHeadersPolicy {
  return new ResponseHeadersPolicy(stack, "SiteResponseHeaders", {
    comment: "Lianxin sites: HSTS and Permissions-Policy (the CSP comes per page from Astro)",
    securityHeadersBehavior: {
      strictTransportSecurity: {
        accessControlMaxAge: Duration.seconds(HSTS_MAX_AGE_SECONDS),
        includeSubdomains: true,
        override: true,
      },
    },
    customHeadersBehavior: {
      customHeaders: [{ header: "Permissions-Policy", value: PERMISSIONS_POLICY, override: false }],
    },
  });
}

/** The public site's path for the notices' approved photos: the files bucket's `public/`. */
export const PUBLIC_FILES_PATH = `${PUBLIC_PREFIX}*`;

/**
 * Serves the files bucket's `public/` (notices' "after" photos, copied there by the API when
 * admin approves them) at the same path of the public site's own distribution: cached
 * (CachingOptimized), GET and HEAD only, HTTPS, with the sites' response headers. CloudFront
 * signs its requests to the bucket with an origin access control; the bucket stays private
 * (Block Public Access on) and its policy (storage.ts) lets CloudFront read `public/` and
 * nothing else. Notices are cached pages, so 5-minute signed links could not serve them.
 *
 * A behaviour added to the distribution AstroSite made (`addBehavior`), rather than through
 * AstroSite's `cdk.distribution` props: those props are merged over SST's own, and a
 * `additionalBehaviors` there would replace SST's behaviours for the static assets. The
 * bucket is imported by name: given the stack's own bucket, CDK would write the grant into
 * the storage stack's bucket policy, naming this distribution, and the two stacks would
 * depend on each other; storage.ts grants the read instead.
 */
function servePublicFiles(
  stack: Stack,
  site: AstroSite,
  files: Bucket,
  responseHeadersPolicy: ResponseHeadersPolicy,
): void {
  const distribution = site.cdk?.distribution as Distribution | undefined;
  if (!(distribution && "addBehavior" in distribution)) {
    throw new Error("AstroSite made no CloudFront Distribution: check the sst upgrade");
  }
  const bucket = Bucket.fromBucketAttributes(stack, "PublicFilesBucket", {
    bucketArn: files.bucketArn,
    bucketName: files.bucketName,
    bucketRegionalDomainName: files.bucketRegionalDomainName,
  });
  const originAccessControl = new S3OriginAccessControl(stack, "PublicFilesOac", {
    description: "Lianxin public site: reads the files bucket's public/ prefix",
    signing: Signing.SIGV4_ALWAYS,
  });
  distribution.addBehavior(
    PUBLIC_FILES_PATH,
    S3BucketOrigin.withOriginAccessControl(bucket, {
      originAccessControl,
      originAccessLevels: [AccessLevel.READ],
    }),
    {
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachedMethods: CachedMethods.CACHE_GET_HEAD,
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      compress: true,
      responseHeadersPolicy,
    },
  );
}

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
 * from a Lambda server function) with the one response headers policy above. The server functions call the API server to server: its URL
 * arrives as `LIANXIN_API_URL`; `LIANXIN_SITE_SECRET` is bound (an SSM marker the site's
 * middleware resolves at its first request, `packages/site-kit/src/secrets.server.ts`), which
 * grants `ssm:GetParameters` on that one secret's two parameter paths: all a server may do.
 */
/** The sites' variable naming the file store's origin (lib/files-origin.server.ts, csp.ts). */
export const FILES_ORIGIN_ENV = "LIANXIN_FILES_ORIGIN";

export function SitesStack({ stack }: StackContext) {
  const { api, secrets } = use(ApiStack);
  const { bucket: files } = use(StorageStack);
  const originVerify = originVerifyValue(stack);
  const responseHeadersPolicy = siteResponseHeaders(stack);
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
      environment: {
        LIANXIN_API_URL: api.url,
        [ORIGIN_VERIFY_ENV]: originVerify,
        // The files bucket's origin (presigned POSTs, 5-minute links): the pages that show or
        // send photos let it into their CSP (img-src, connect-src, form-action).
        [FILES_ORIGIN_ENV]: `https://${files.bucketRegionalDomainName}`,
      },
      bind: [secrets.LIANXIN_SITE_SECRET],
      // As every function: ESM, minified, the AWS SDK left out (the Lambda runtime provides the
      // SSM client that the secret loader imports).
      nodejs: FUNCTION_NODEJS,
      cdk: {
        transform: withClientAddress,
        // On both behaviours SST makes: the pages (server) and the assets (S3).
        responseHeadersPolicy,
        // SST keeps a site server's logs three days by default; ours, as long as every function's.
        server: { logRetention: RetentionDays[LOG_RETENTION_KEY] },
      },
    });
    // Before addOriginVerifyHeader: resolving the distribution's config there fixes (caches)
    // its lazily rendered origins and behaviours.
    if (id === SITE_BUILDS.public.id) servePublicFiles(stack, site, files, responseHeadersPolicy);
    addOriginVerifyHeader(stack, site, originVerify);
    withoutUnusedServerGrants(stack, site);
    stack.addOutputs({ [output]: site.url ?? "" });
    return site;
  });
  return { sites };
}
