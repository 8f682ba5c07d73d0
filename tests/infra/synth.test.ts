import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { Match, Template } from "aws-cdk-lib/assertions";
import { App, getStack } from "sst/constructs";
import { initProject } from "sst/project.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_THROTTLE, ApiStack, EXPORT_WORKER_TIMEOUT_SECONDS } from "../../infra/api.js";
import { APP_NAME, DEFAULT_REGION } from "../../infra/defaults.js";
import { JOB_SCHEDULE, JobsStack } from "../../infra/jobs.js";
import {
  API_ATTACHMENT_FILE_ACTIONS,
  API_FILE_ACTIONS,
  API_TABLE_ACTIONS,
  BACKFILL_TABLE_ACTIONS,
  EXPORT_WORKER_FILE_ACTIONS,
  EXPORT_WORKER_TABLE_ACTIONS,
  JOB_FILE_ACTIONS,
  JOB_TABLE_ACTIONS,
  SMS_SENDER_TABLE_ACTIONS,
  UPLOAD_PROCESSOR_FILE_ACTIONS,
  UPLOAD_PROCESSOR_TABLE_ACTIONS,
} from "../../infra/permissions.js";
import { JIEBA_BINARY_FILE, JIEBA_BINARY_PACKAGE } from "../../infra/person-tagger.js";
import {
  CLIENT_ADDRESS_INJECTION,
  FILES_ORIGIN_ENV,
  ORIGIN_VERIFY_ENV,
  ORIGIN_VERIFY_HEADER,
  PUBLIC_FILES_PATH,
  SITE_BUILDS,
  SitesStack,
} from "../../infra/sites.js";
import {
  SMS_SEND_ACTION,
  SMS_SENDER_SCHEDULE,
  SMS_SENDER_TIMEOUT_SECONDS,
} from "../../infra/sms.js";
import {
  EXPORTS_EXPIRE_DAYS,
  EXPORTS_PREFIX,
  FILES_CORS_MAX_AGE_SECONDS,
  FILES_PREFIX,
  PUBLIC_PREFIX,
  STAGED_EXPIRE_DAYS,
  STAGED_PREFIX,
  StorageStack,
  UPLOADS_EXPIRE_DAYS,
  UPLOADS_PREFIX,
} from "../../infra/storage.js";
import {
  SHARP_BINARY_PACKAGE,
  SHARP_LIBVIPS_PACKAGE,
  UPLOAD_PROCESSOR_MEMORY_MB,
  UPLOAD_PROCESSOR_RESERVED_CONCURRENCY,
  UPLOAD_PROCESSOR_RETRY_ATTEMPTS,
  UPLOAD_PROCESSOR_TIMEOUT_SECONDS,
} from "../../infra/upload-processor.js";
import { apiGatewayPath, routes } from "../../packages/functions/src/routes.js";
import {
  JIEBA_DICTIONARY,
  JIEBA_PACKAGE,
} from "../../packages/functions/src/text/person-tagger.js";
import {
  HSTS_MAX_AGE_SECONDS,
  PERMISSIONS_POLICY,
} from "../../packages/site-kit/src/security-headers.js";
import { TABLE_KEYS } from "../../packages/store/src/table.js";
import config from "../../sst.config.js";

/**
 * Synthesizes the SST app offline (DESIGN.md's recipe: NODE_ENV=test keeps SST from looking up
 * the CDK bootstrap stack) for a disposable stage and for prod, and asserts on the CloudFormation.
 * Synthesis bundles the API handler with esbuild, so this also proves that it bundles.
 */
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const execFileAsync = promisify(execFile);
const REGION = DEFAULT_REGION;
const ACCOUNT = "123456789012";

interface Synth {
  storage: Template;
  api: Template;
  jobs: Template;
  sites: Template;
  all: Template[];
  /** The cloud assembly's folder: each function's package is staged there (`asset.<hash>`). */
  outdir: string;
}

async function synth(stage: string): Promise<Synth> {
  await initProject({ root: repoRoot, stage, region: REGION });
  const app = new App({ mode: "deploy", name: APP_NAME, stage, region: REGION, account: ACCOUNT });
  await config.stacks(app);
  await app.finish();
  const storage = Template.fromStack(getStack(StorageStack));
  const api = Template.fromStack(getStack(ApiStack));
  const jobs = Template.fromStack(getStack(JobsStack));
  const sites = Template.fromStack(getStack(SitesStack));
  return { storage, api, jobs, sites, all: [storage, api, jobs, sites], outdir: app.outdir };
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;
const resourcesOf = (t: Template, type: string): Resources => t.findResources(type) as Resources;
const only = <T>(record: Record<string, T>): T => {
  const values = Object.values(record);
  expect(values).toHaveLength(1);
  return values[0] as T;
};

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

/** Every IAM statement in a template: inline policies, managed policies and roles' own. */
function statementsOf(t: Template): Statement[] {
  const docs: unknown[] = [];
  for (const r of Object.values(resourcesOf(t, "AWS::IAM::Policy"))) {
    docs.push(r.Properties?.PolicyDocument);
  }
  for (const r of Object.values(resourcesOf(t, "AWS::IAM::ManagedPolicy"))) {
    docs.push(r.Properties?.PolicyDocument);
  }
  for (const r of Object.values(resourcesOf(t, "AWS::IAM::Role"))) {
    for (const p of (r.Properties?.Policies as { PolicyDocument: unknown }[] | undefined) ?? []) {
      docs.push(p.PolicyDocument);
    }
  }
  return docs.flatMap((d) => ((d as { Statement?: Statement[] })?.Statement ?? []) as Statement[]);
}

const list = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);

/** The statements of one function's role: the function found by its handler's suffix. */
function statementsOfFunction(t: Template, handlerSuffix: string): Statement[] {
  const fns = Object.values(resourcesOf(t, "AWS::Lambda::Function")).filter((f) =>
    String(f.Properties?.Handler).endsWith(handlerSuffix),
  );
  expect(fns, handlerSuffix).toHaveLength(1);
  const roleRef = fns[0]?.Properties?.Role as { "Fn::GetAtt": [string, string] } | undefined;
  const role = roleRef?.["Fn::GetAtt"][0] ?? "";
  const docs: unknown[] = [];
  for (const r of Object.values(resourcesOf(t, "AWS::IAM::Policy"))) {
    const roles = (r.Properties?.Roles as { Ref: string }[] | undefined) ?? [];
    if (roles.some((x) => x.Ref === role)) docs.push(r.Properties?.PolicyDocument);
  }
  const inline = resourcesOf(t, "AWS::IAM::Role")[role]?.Properties?.Policies as
    | { PolicyDocument: unknown }[]
    | undefined;
  for (const p of inline ?? []) docs.push(p.PolicyDocument);
  return docs.flatMap((d) => ((d as { Statement?: Statement[] })?.Statement ?? []) as Statement[]);
}

/**
 * A role's S3 grants as prefix → actions (sorted): every S3 statement must name exactly one
 * resource, the objects under one prefix of the files bucket (`…/<prefix>*`).
 */
function s3GrantsByPrefix(statements: Statement[]): Record<string, string[]> {
  const grants: Record<string, string[]> = {};
  for (const statement of statements) {
    const actions = list(statement.Action);
    if (!actions.some((a) => a.startsWith("s3:"))) continue;
    expect(statement.Effect).toBe("Allow");
    const resources = list(statement.Resource).map((r) => JSON.stringify(r));
    expect(resources, JSON.stringify(statement)).toHaveLength(1);
    const prefix = /"\/([a-z]+\/)\*"/.exec(resources[0] as string)?.[1];
    expect(prefix, `${resources[0]} is one prefix of the bucket`).toBeDefined();
    expect(grants[prefix as string], `one statement for ${prefix}`).toBeUndefined();
    grants[prefix as string] = [...actions].sort();
  }
  return grants;
}
const sorted = (actions: readonly string[]) => [...actions].sort();

let dev: Synth;
let prod: Synth;
const PUBLIC_URL_ENV = "LIANXIN_PUBLIC_SITE_URL";
const STAFF_URL_ENV = "LIANXIN_STAFF_SITE_URL";
const SITE_URLS = {
  public: "https://lianxin.example.gov.cn/",
  staff: "https://staff.lianxin.example.gov.cn",
} as const;
const timings: Record<string, number> = {};
let synthStartedAt = 0;

beforeAll(async () => {
  // AstroSite does not build in tests (NODE_ENV=test): it reads each site's AWS build.
  for (const { path } of Object.values(SITE_BUILDS)) {
    const meta = join(repoRoot, path, "dist", "sst.buildMeta.json");
    if (!existsSync(meta)) {
      throw new Error(
        `${meta} is missing: run \`npm test\` (or \`pnpm --filter <site> build:aws\`)`,
      );
    }
  }
  synthStartedAt = Date.now();
  // The sites' URLs, as a deploy sets them: the files bucket's CORS allows these origins.
  const saved = { public: process.env[PUBLIC_URL_ENV], staff: process.env[STAFF_URL_ENV] };
  process.env[PUBLIC_URL_ENV] = SITE_URLS.public;
  process.env[STAFF_URL_ENV] = SITE_URLS.staff;
  try {
    for (const stage of ["dev", "prod"] as const) {
      const started = performance.now();
      const result = await synth(stage);
      timings[stage] = Math.round(performance.now() - started);
      if (stage === "dev") dev = result;
      else prod = result;
    }
  } finally {
    for (const [name, value] of [
      [PUBLIC_URL_ENV, saved.public],
      [STAFF_URL_ENV, saved.staff],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  console.info(`SST synth: dev ${timings.dev} ms, prod ${timings.prod} ms`);
});

// Each synthesis stages every function's package in a temporary folder (about 56 MB, jieba's
// 15 MB included): removed once the assertions are done (CDK_OUTDIR, if set, is left alone).
afterAll(() => {
  for (const s of [dev, prod]) {
    if (s?.outdir.startsWith(join(tmpdir(), "cdk.out"))) {
      rmSync(s.outdir, { recursive: true, force: true });
    }
  }
});

describe("storage stack", () => {
  it("builds the table from the store package's shape", () => {
    const indexes = Object.values(TABLE_KEYS.indexes);
    for (const { storage } of [dev, prod]) {
      storage.resourceCountIs("AWS::DynamoDB::Table", 1);
      storage.hasResourceProperties("AWS::DynamoDB::Table", {
        KeySchema: [
          { AttributeName: TABLE_KEYS.partitionKey, KeyType: "HASH" },
          { AttributeName: TABLE_KEYS.sortKey, KeyType: "RANGE" },
        ],
        BillingMode: "PAY_PER_REQUEST",
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        TimeToLiveSpecification: { AttributeName: TABLE_KEYS.ttlAttribute, Enabled: true },
        SSESpecification: { SSEEnabled: true },
        GlobalSecondaryIndexes: indexes.map((index) => ({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: "HASH" },
            { AttributeName: index.sortKey, KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        })),
      });
      const table = only(resourcesOf(storage, "AWS::DynamoDB::Table"));
      const attributes = table.Properties?.AttributeDefinitions as { AttributeName: string }[];
      expect(attributes.map((a) => a.AttributeName).sort()).toEqual(
        [
          TABLE_KEYS.partitionKey,
          TABLE_KEYS.sortKey,
          ...indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
        ].sort(),
      );
    }
  });

  it("protects and retains the prod table and bucket", () => {
    prod.storage.hasResource("AWS::DynamoDB::Table", {
      DeletionPolicy: "Retain",
      UpdateReplacePolicy: "Retain",
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
    prod.storage.hasResource("AWS::S3::Bucket", {
      DeletionPolicy: "Retain",
      UpdateReplacePolicy: "Retain",
    });
  });

  it("makes other stages disposable", () => {
    dev.storage.hasResource("AWS::DynamoDB::Table", {
      DeletionPolicy: "Delete",
      Properties: Match.objectLike({ DeletionProtectionEnabled: false }),
    });
    dev.storage.hasResource("AWS::S3::Bucket", { DeletionPolicy: "Delete" });
    // Emptied first, or removing a stage with a fresh export in it would fail.
    dev.storage.resourceCountIs("Custom::S3AutoDeleteObjects", 1);
    prod.storage.resourceCountIs("Custom::S3AutoDeleteObjects", 0);
  });

  it("keeps the file bucket private, TLS-only, with exports expiring", () => {
    for (const { storage } of [dev, prod]) {
      storage.resourceCountIs("AWS::S3::Bucket", 1);
      storage.hasResourceProperties("AWS::S3::Bucket", {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            { ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } },
          ],
        },
      });
      // Exports after 2 days; uploads and staged files never claimed after a day.
      const bucket = only(resourcesOf(storage, "AWS::S3::Bucket"));
      const lifecycle = bucket.Properties?.LifecycleConfiguration as
        | { Rules: Record<string, unknown>[] }
        | undefined;
      const rules = lifecycle?.Rules ?? [];
      const expiring = rules
        .filter((rule) => rule.Prefix !== undefined)
        .map((rule) => ({ prefix: rule.Prefix, days: rule.ExpirationInDays, on: rule.Status }));
      expect(expiring).toEqual([
        { prefix: EXPORTS_PREFIX, days: EXPORTS_EXPIRE_DAYS, on: "Enabled" },
        { prefix: UPLOADS_PREFIX, days: UPLOADS_EXPIRE_DAYS, on: "Enabled" },
        { prefix: STAGED_PREFIX, days: STAGED_EXPIRE_DAYS, on: "Enabled" },
      ]);
      expect([UPLOADS_EXPIRE_DAYS, STAGED_EXPIRE_DAYS]).toEqual([1, 1]);
      // Nothing else expires: not files/ (claimed attachments), not public/.
      expect(rules.filter((rule) => rule.Prefix === undefined)).toEqual([
        expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
      ]);
      storage.hasResourceProperties("AWS::S3::BucketPolicy", {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: "Deny",
              Action: "s3:*",
              Condition: { Bool: { "aws:SecureTransport": "false" } },
            }),
          ]),
        },
      });
    }
  });
});

describe("storage stack: attachments (issue 15)", () => {
  const processorOf = (t: Template) => {
    const found = Object.entries(resourcesOf(t, "AWS::Lambda::Function")).filter(([, f]) =>
      String(f.Properties?.Handler).endsWith("upload-processor.handler"),
    );
    expect(found).toHaveLength(1);
    return found[0] as [string, { Properties?: Record<string, unknown> }];
  };

  it("lets the two sites' pages POST to the bucket, and nothing else cross-origin", () => {
    for (const { storage } of [dev, prod]) {
      const bucket = only(resourcesOf(storage, "AWS::S3::Bucket"));
      expect(bucket.Properties?.CorsConfiguration).toEqual({
        CorsRules: [
          {
            Id: "site-uploads",
            AllowedMethods: ["POST"],
            AllowedOrigins: [
              "https://lianxin.example.gov.cn",
              "https://staff.lianxin.example.gov.cn",
            ],
            MaxAge: FILES_CORS_MAX_AGE_SECONDS,
          },
        ],
      });
      expect(FILES_CORS_MAX_AGE_SECONDS).toBe(3000);
    }
  });

  it("notifies the upload processor of objects created under uploads/, and of nothing else", () => {
    for (const { storage } of [dev, prod]) {
      const [processorId] = processorOf(storage);
      const notifications = only(resourcesOf(storage, "Custom::S3BucketNotifications"));
      const bucketId = Object.keys(resourcesOf(storage, "AWS::S3::Bucket"))[0];
      expect(notifications.Properties?.BucketName).toEqual({ Ref: bucketId });
      expect(notifications.Properties?.NotificationConfiguration).toEqual({
        LambdaFunctionConfigurations: [
          {
            Events: ["s3:ObjectCreated:*"],
            Filter: { Key: { FilterRules: [{ Name: "prefix", Value: UPLOADS_PREFIX }] } },
            LambdaFunctionArn: { "Fn::GetAtt": [processorId, "Arn"] },
          },
        ],
      });
      // S3 may invoke it, for this bucket and account only.
      const permissions = Object.values(resourcesOf(storage, "AWS::Lambda::Permission")).filter(
        (p) => JSON.stringify(p.Properties?.FunctionName).includes(`"${processorId}"`),
      );
      expect(permissions).toHaveLength(1);
      expect(permissions[0]?.Properties).toEqual(
        expect.objectContaining({
          Action: "lambda:InvokeFunction",
          Principal: "s3.amazonaws.com",
          SourceAccount: ACCOUNT,
          SourceArn: { "Fn::GetAtt": [bucketId, "Arn"] },
        }),
      );
    }
  });

  it("lets CloudFront, of this account, read public/ and nothing else; no one else is let in", () => {
    for (const { storage } of [dev, prod]) {
      const policy = only(resourcesOf(storage, "AWS::S3::BucketPolicy"));
      const document = policy.Properties?.PolicyDocument as
        | { Statement: (Statement & { Principal?: unknown; Condition?: unknown })[] }
        | undefined;
      const statements = document?.Statement ?? [];
      const cloudFront = statements.filter((st) =>
        JSON.stringify(st.Principal).includes("cloudfront.amazonaws.com"),
      );
      expect(cloudFront).toHaveLength(1);
      const bucketId = Object.keys(resourcesOf(storage, "AWS::S3::Bucket"))[0];
      expect(cloudFront[0]).toEqual(
        expect.objectContaining({
          Effect: "Allow",
          Principal: { Service: "cloudfront.amazonaws.com" },
          Action: "s3:GetObject",
          Resource: {
            "Fn::Join": ["", [{ "Fn::GetAtt": [bucketId, "Arn"] }, `/${PUBLIC_PREFIX}*`]],
          },
          Condition: {
            StringEquals: { "aws:SourceAccount": ACCOUNT },
            ArnLike: {
              "aws:SourceArn": {
                "Fn::Join": [
                  "",
                  ["arn:", { Ref: "AWS::Partition" }, `:cloudfront::${ACCOUNT}:distribution/*`],
                ],
              },
            },
          },
        }),
      );
      // Every other Allow is CDK's emptying of a disposable stage's bucket (its own role).
      const otherAllows = statements.filter((st) => st.Effect === "Allow" && st !== cloudFront[0]);
      for (const statement of otherAllows) {
        expect(JSON.stringify(statement.Principal)).toContain("CustomS3AutoDeleteObjects");
      }
      expect(otherAllows.length).toBe(storage === dev.storage ? 1 : 0);
    }
  });

  it("runs the processor on arm64 with the measured memory and time, capped and retried", () => {
    for (const { storage } of [dev, prod]) {
      const [, fn] = processorOf(storage);
      expect(fn.Properties?.Architectures).toEqual(["arm64"]);
      expect(fn.Properties?.Runtime).toBe("nodejs22.x");
      expect(fn.Properties?.MemorySize).toBe(UPLOAD_PROCESSOR_MEMORY_MB);
      expect(fn.Properties?.Timeout).toBe(UPLOAD_PROCESSOR_TIMEOUT_SECONDS);
      expect([UPLOAD_PROCESSOR_MEMORY_MB, UPLOAD_PROCESSOR_TIMEOUT_SECONDS]).toEqual([1024, 30]);
      expect(fn.Properties?.ReservedConcurrentExecutions).toBe(
        UPLOAD_PROCESSOR_RESERVED_CONCURRENCY,
      );
      expect(UPLOAD_PROCESSOR_RESERVED_CONCURRENCY).toBeLessThanOrEqual(10);
      const env =
        (fn.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)
          ?.Variables ?? {};
      expect(Object.keys(env)).toEqual(expect.arrayContaining(["TABLE_NAME", "FILES_BUCKET"]));
      expect(Object.keys(env).filter((k) => k.startsWith("SST_Secret"))).toEqual([]);
      const [processorId] = processorOf(storage);
      const invokeConfig = Object.values(
        resourcesOf(storage, "AWS::Lambda::EventInvokeConfig"),
      ).filter((c) => JSON.stringify(c.Properties?.FunctionName).includes(`"${processorId}"`));
      expect(invokeConfig.map((c) => c.Properties?.MaximumRetryAttempts)).toEqual([
        UPLOAD_PROCESSOR_RETRY_ATTEMPTS,
      ]);
    }
  });

  it("grants the processor exactly its table actions and its three prefixes, nothing more", () => {
    for (const { storage } of [dev, prod]) {
      const statements = statementsOfFunction(storage, "upload-processor.handler");
      const dynamo = statements.filter((s) =>
        list(s.Action).some((a) => a.startsWith("dynamodb:")),
      );
      expect(dynamo).toHaveLength(1);
      expect(sorted(list(dynamo[0]?.Action ?? []))).toEqual(sorted(UPLOAD_PROCESSOR_TABLE_ACTIONS));
      expect(sorted(UPLOAD_PROCESSOR_TABLE_ACTIONS)).toEqual([
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "dynamodb:Query",
        "dynamodb:TransactWriteItems",
        "dynamodb:UpdateItem",
      ]);
      const table = JSON.stringify(dynamo[0]?.Resource);
      expect(table).toContain("/index/*");
      expect(s3GrantsByPrefix(statements)).toEqual({
        [UPLOADS_PREFIX]: ["s3:DeleteObject", "s3:GetObject"],
        [STAGED_PREFIX]: ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"],
        [FILES_PREFIX]: ["s3:PutObject"],
      });
      expect(UPLOAD_PROCESSOR_FILE_ACTIONS).toEqual({
        uploads: ["s3:GetObject", "s3:DeleteObject"],
        staged: ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"],
        files: ["s3:PutObject"],
      });
      // Besides: X-Ray's put actions (SST traces every function); no SSM, no wildcard.
      const rest = statements
        .flatMap((s) => list(s.Action))
        .filter((a) => !a.startsWith("dynamodb:") && !a.startsWith("s3:"));
      expect(
        rest.every((a) => a.startsWith("xray:Put")),
        rest.join(),
      ).toBe(true);
    }
  });
});

describe("api stack", () => {
  const routeKeys = routes.map((r) => `${r.method} ${apiGatewayPath(r.path)}`);

  it("serves exactly the shared route list, every route through a Lambda integration", () => {
    for (const { api } of [dev, prod]) {
      const declared = Object.values(resourcesOf(api, "AWS::ApiGatewayV2::Route"));
      expect(declared.map((r) => r.Properties?.RouteKey).sort()).toEqual([...routeKeys].sort());

      const integrations = resourcesOf(api, "AWS::ApiGatewayV2::Integration");
      const functions = resourcesOf(api, "AWS::Lambda::Function");
      for (const route of declared) {
        // Target: "integrations/<IntegrationId>" as { Fn::Join: ["", ["integrations/", { Ref }]] }
        const target = JSON.stringify(route.Properties?.Target);
        const integrationId = Object.keys(integrations).find((id) =>
          target.includes(`"Ref":"${id}"`),
        );
        expect(integrationId, `${route.Properties?.RouteKey} has an integration`).toBeDefined();
        const integration = integrations[integrationId as string];
        expect(integration?.Properties?.IntegrationType).toBe("AWS_PROXY");
        const uri = JSON.stringify(integration?.Properties?.IntegrationUri);
        const fn = Object.keys(functions).find((id) => uri.includes(`"${id}"`));
        expect(fn, `${route.Properties?.RouteKey} reaches a function`).toBeDefined();
        expect(functions[fn as string]?.Properties?.Handler).toMatch(/lambda\.handler$/);
      }
    }
  });

  it("runs one arm64 nodejs22.x handler with the table name and bound secrets", () => {
    const functions = Object.values(resourcesOf(dev.api, "AWS::Lambda::Function")).filter((f) =>
      String(f.Properties?.Handler).endsWith("lambda.handler"),
    );
    expect(functions).toHaveLength(1);
    dev.api.hasResourceProperties("AWS::Lambda::Function", {
      Handler: Match.stringLikeRegexp("lambda\\.handler$"),
      Runtime: "nodejs22.x",
      Architectures: ["arm64"],
      MemorySize: 512,
      Timeout: 10,
      Environment: {
        Variables: Match.objectLike({
          TABLE_NAME: Match.anyValue(),
          FILES_BUCKET: Match.anyValue(),
          SST_Secret_value_SESSION_SIGNING_KEY: "__FETCH_FROM_SSM__",
          SST_Secret_value_LIANXIN_SITE_SECRET: "__FETCH_FROM_SSM__",
          SST_Secret_value_RESIDENT_KEY: "__FETCH_FROM_SSM__",
        }),
      },
    });
  });

  it("throttles the default stage and allows cross-origin GET only", () => {
    for (const { api } of [dev, prod]) {
      api.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
        StageName: "$default",
        DefaultRouteSettings: Match.objectLike({
          ThrottlingBurstLimit: API_THROTTLE.burst,
          ThrottlingRateLimit: API_THROTTLE.rate,
        }),
      });
      const httpApi = only(resourcesOf(api, "AWS::ApiGatewayV2::Api"));
      const cors = httpApi.Properties?.CorsConfiguration as Record<string, unknown>;
      expect(cors.AllowMethods).toEqual(["GET"]);
      expect(cors.AllowOrigins).toEqual(["*"]);
      expect(cors.AllowCredentials).toBe(false);
      expect(cors.AllowHeaders ?? []).toEqual([]);
    }
  });

  it("grants the API function only its DynamoDB actions, on this table and its indexes", () => {
    for (const { api } of [dev, prod]) {
      const dynamo = statementsOfFunction(api, "lambda.handler").filter((s) =>
        list(s.Action).some((a) => a.startsWith("dynamodb:")),
      );
      expect(dynamo).toHaveLength(1);
      const statement = dynamo[0] as Statement;
      expect(statement.Effect).toBe("Allow");
      expect(list(statement.Action).sort()).toEqual([...API_TABLE_ACTIONS].sort());
      const resources = list(statement.Resource).map((r) => JSON.stringify(r));
      expect(resources).toHaveLength(2);
      // The table's ARN arrives as a cross-stack import; the second is that ARN + "/index/*".
      expect(resources.every((r) => r.includes("Fn::ImportValue"))).toBe(true);
      expect(resources[1]).toContain("/index/*");
    }
  });
});

describe("api stack: the file bucket", () => {
  it("lets the API function act on exports/ and the attachments' prefixes only, each its own way", () => {
    for (const { api } of [dev, prod]) {
      const statements = statementsOfFunction(api, "lambda.handler");
      const grants = s3GrantsByPrefix(statements);
      expect(grants).toEqual({
        [EXPORTS_PREFIX]: sorted(API_FILE_ACTIONS),
        [UPLOADS_PREFIX]: sorted(API_ATTACHMENT_FILE_ACTIONS.uploads),
        [STAGED_PREFIX]: sorted(API_ATTACHMENT_FILE_ACTIONS.staged),
        [FILES_PREFIX]: sorted(API_ATTACHMENT_FILE_ACTIONS.files),
        [PUBLIC_PREFIX]: sorted(API_ATTACHMENT_FILE_ACTIONS.public),
      });
      // As issue 15 lists them: sign the POST, move claimed files, sign links, publish.
      expect(grants).toEqual({
        "exports/": ["s3:GetObject", "s3:PutObject"],
        "uploads/": ["s3:PutObject"],
        "staged/": ["s3:DeleteObject", "s3:GetObject"],
        "files/": ["s3:GetObject", "s3:PutObject"],
        "public/": ["s3:PutObject"],
      });
      // The bucket's ARN arrives as a cross-stack import.
      for (const statement of statements.filter((st) =>
        JSON.stringify(st.Action).includes("s3:"),
      )) {
        expect(JSON.stringify(statement.Resource)).toContain("Fn::ImportValue");
      }
    }
  });
});

describe("api stack: the export worker", () => {
  const worker = (t: Template) =>
    Object.entries(resourcesOf(t, "AWS::Lambda::Function")).find(([, f]) =>
      String(f.Properties?.Handler).endsWith("export-worker.handler"),
    );

  it("runs with 15 minutes, the table and the bucket, and no secret", () => {
    for (const { api } of [dev, prod]) {
      const [, fn] = worker(api) ?? [];
      expect(fn?.Properties?.Runtime).toBe("nodejs22.x");
      expect(fn?.Properties?.Timeout).toBe(EXPORT_WORKER_TIMEOUT_SECONDS);
      const env =
        (fn?.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)
          ?.Variables ?? {};
      expect(Object.keys(env)).toEqual(expect.arrayContaining(["TABLE_NAME", "FILES_BUCKET"]));
      expect(Object.keys(env).filter((k) => k.startsWith("SST_Secret"))).toEqual([]);
    }
  });

  it("may read the ledger, step its job and write files under exports/, nothing more", () => {
    for (const { api } of [dev, prod]) {
      const statements = statementsOfFunction(api, "export-worker.handler");
      const dynamo = statements.filter((s) =>
        list(s.Action).some((a) => a.startsWith("dynamodb:")),
      );
      expect(dynamo).toHaveLength(1);
      expect(list(dynamo[0]?.Action ?? []).sort()).toEqual([...EXPORT_WORKER_TABLE_ACTIONS].sort());
      const s3 = statements.filter((s) => list(s.Action).some((a) => a.startsWith("s3:")));
      expect(s3).toHaveLength(1);
      expect(list(s3[0]?.Action ?? [])).toEqual([...EXPORT_WORKER_FILE_ACTIONS]);
      expect(JSON.stringify(s3[0]?.Resource)).toContain(`/${EXPORTS_PREFIX}*`);
      expect(statements.filter((s) => list(s.Action).some((a) => a.startsWith("ssm:")))).toEqual(
        [],
      );
    }
  });

  it("is one of the two functions the API may invoke: it and the SMS sender", () => {
    for (const { api } of [dev, prod]) {
      const [workerId] = worker(api) ?? [];
      const [senderId] = smsSenderOf(api) ?? [];
      const [, apiFn] =
        Object.entries(resourcesOf(api, "AWS::Lambda::Function")).find(([, f]) =>
          String(f.Properties?.Handler).endsWith("lambda.handler"),
        ) ?? [];
      const env =
        (apiFn?.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)
          ?.Variables ?? {};
      expect(env.EXPORT_WORKER).toEqual({ Ref: workerId });
      expect(env.SMS_SENDER).toEqual({ Ref: senderId });
      const invoke = statementsOfFunction(api, "lambda.handler").filter((s) =>
        list(s.Action).some((a) => a.startsWith("lambda:")),
      );
      expect(invoke).toHaveLength(1);
      expect(list(invoke[0]?.Action ?? [])).toEqual(["lambda:InvokeFunction"]);
      expect(list(invoke[0]?.Resource)).toEqual([
        { "Fn::GetAtt": [workerId, "Arn"] },
        { "Fn::GetAtt": [senderId, "Arn"] },
      ]);
    }
  });
});

const smsSenderOf = (t: Template) =>
  Object.entries(resourcesOf(t, "AWS::Lambda::Function")).find(([, f]) =>
    String(f.Properties?.Handler).endsWith("sms-sender.handler"),
  );

describe("api stack: the SMS sender", () => {
  it("runs every minute with the table, binding the resident key and no other secret", () => {
    for (const { api } of [dev, prod]) {
      const [senderId, fn] = smsSenderOf(api) ?? [];
      expect(fn?.Properties?.Runtime).toBe("nodejs22.x");
      expect(fn?.Properties?.Timeout).toBe(SMS_SENDER_TIMEOUT_SECONDS);
      const env =
        (fn?.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)
          ?.Variables ?? {};
      expect(Object.keys(env)).toEqual(expect.arrayContaining(["TABLE_NAME", "SMS_PROVIDER"]));
      expect(Object.keys(env).filter((k) => k.startsWith("SST_Secret_value"))).toEqual([
        "SST_Secret_value_RESIDENT_KEY",
      ]);
      const rule = Object.values(resourcesOf(api, "AWS::Events::Rule")).find((r) =>
        JSON.stringify(r.Properties?.Targets).includes(senderId ?? "?"),
      );
      expect(rule?.Properties?.ScheduleExpression).toBe(SMS_SENDER_SCHEDULE);
    }
  });

  it("may work the outbox, read an alert's head, and send a text message; no other role may send", () => {
    for (const { api, jobs, sites } of [dev, prod]) {
      const statements = statementsOfFunction(api, "sms-sender.handler");
      const dynamo = statements.filter((s) =>
        list(s.Action).some((a) => a.startsWith("dynamodb:")),
      );
      expect(dynamo).toHaveLength(1);
      expect(list(dynamo[0]?.Action ?? []).sort()).toEqual([...SMS_SENDER_TABLE_ACTIONS].sort());
      // The outbox (Query, UpdateItem, PutItem), and an urgent alert's head: the directory
      // (Query) and the head's account (GetItem). Nothing that deletes or scans.
      expect([...SMS_SENDER_TABLE_ACTIONS].sort()).toEqual([
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "dynamodb:Query",
        "dynamodb:UpdateItem",
      ]);
      const sms = statements.filter((s) => list(s.Action).some((a) => a.startsWith("sms-voice:")));
      expect(sms.map((s) => list(s.Action))).toEqual([[SMS_SEND_ACTION]]);
      expect(statements.filter((s) => list(s.Action).some((a) => a.startsWith("s3:")))).toEqual([]);
      const everyone = [api, jobs, sites].flatMap((t) => statementsOf(t));
      const senders = everyone.filter((s) => JSON.stringify(s.Action).includes("sms-voice"));
      expect(senders).toHaveLength(1);
    }
  });
});

describe("api stack: the 我的诉求 backfill", () => {
  it("runs with each deployment, binding only the resident key, reading months and putting items", () => {
    for (const { api } of [dev, prod]) {
      const [id, fn] =
        Object.entries(resourcesOf(api, "AWS::Lambda::Function")).find(([, f]) =>
          String(f.Properties?.Handler).endsWith("resident-index-backfill.handler"),
        ) ?? [];
      expect(fn?.Properties?.Runtime).toBe("nodejs22.x");
      const env =
        (fn?.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)
          ?.Variables ?? {};
      expect(Object.keys(env).filter((k) => k.startsWith("SST_Secret_value"))).toEqual([
        "SST_Secret_value_RESIDENT_KEY",
      ]);
      // The Script's custom resource runs it on create and on every update.
      const script = only(resourcesOf(api, "Custom::SSTScript"));
      expect(script.Properties?.UserCreateFunction).toEqual({ Ref: id });
      expect(script.Properties?.UserUpdateFunction).toEqual({ Ref: id });
      const dynamo = statementsOfFunction(api, "resident-index-backfill.handler").filter((s) =>
        list(s.Action).some((a) => a.startsWith("dynamodb:")),
      );
      expect(dynamo).toHaveLength(1);
      expect(list(dynamo[0]?.Action ?? []).sort()).toEqual([...BACKFILL_TABLE_ACTIONS].sort());
    }
  });
});

describe("jobs stack", () => {
  it("runs the escalation job on a schedule", () => {
    const rule = only(resourcesOf(dev.jobs, "AWS::Events::Rule"));
    expect(rule.Properties?.ScheduleExpression).toBe(JOB_SCHEDULE);
    // The rule targets the job's function, which runs on nodejs22.x.
    const targets = rule.Properties?.Targets as Array<{ Arn: { "Fn::GetAtt": [string, string] } }>;
    const fnId = targets[0]?.Arn["Fn::GetAtt"][0] ?? "";
    const fn = resourcesOf(dev.jobs, "AWS::Lambda::Function")[fnId];
    expect(fn?.Properties?.Runtime).toBe("nodejs22.x");
    expect(fn?.Properties?.Timeout).toBe(120);
  });

  it("grants the job only its DynamoDB actions, on this table and its indexes", () => {
    for (const { jobs } of [dev, prod]) {
      const dynamo = statementsOf(jobs).filter((s) =>
        list(s.Action).some((a) => a.startsWith("dynamodb:")),
      );
      expect(dynamo).toHaveLength(1);
      const statement = dynamo[0] as Statement;
      expect(statement.Effect).toBe("Allow");
      expect(list(statement.Action).sort()).toEqual([...JOB_TABLE_ACTIONS].sort());
      const resources = list(statement.Resource).map((r) => JSON.stringify(r));
      expect(resources).toHaveLength(2);
      expect(resources.every((r) => r.includes("Fn::ImportValue"))).toBe(true);
      expect(resources[1]).toContain("/index/*");
    }
  });

  it("gives the job the staged/ to files/ move and one secret, the resident key", () => {
    for (const { jobs } of [dev, prod]) {
      const statements = statementsOf(jobs);
      const touches = (prefix: string) =>
        statements.filter((s) => list(s.Action).some((a) => a.startsWith(prefix)));
      // It retries attaching claimed photos whose move failed in the request.
      expect(s3GrantsByPrefix(touches("s3:"))).toEqual({
        [STAGED_PREFIX]: sorted(JOB_FILE_ACTIONS.staged),
        [FILES_PREFIX]: sorted(JOB_FILE_ACTIONS.files),
      });
      expect(JOB_FILE_ACTIONS).toEqual({
        staged: ["s3:GetObject", "s3:DeleteObject"],
        files: ["s3:PutObject"],
      });
      const fn = Object.values(resourcesOf(jobs, "AWS::Lambda::Function")).find((f) =>
        String(f.Properties?.Handler).endsWith("job.handler"),
      );
      const env = (fn?.Properties?.Environment as { Variables?: Record<string, unknown> })
        ?.Variables;
      // The word index's terms are keyed with the resident key (issue 16); no other secret.
      expect(Object.keys(env ?? {}).filter((k) => k.startsWith("SST_Secret_value"))).toEqual([
        "SST_Secret_value_RESIDENT_KEY",
      ]);
      const ssm = JSON.stringify(touches("ssm:"));
      expect(ssm).toContain("RESIDENT_KEY");
      expect(ssm).not.toContain("SESSION_SIGNING_KEY");
      expect(ssm).not.toContain("LIANXIN_SITE_SECRET");
      expect(JSON.stringify(env?.FILES_BUCKET)).toContain("Fn::ImportValue");
    }
  });
});

describe("the functions' packages: jieba where masking runs", () => {
  type Fn = { Properties?: Record<string, unknown> };
  const functionsOf = (t: Template) => Object.values(resourcesOf(t, "AWS::Lambda::Function"));
  const byHandler = (t: Template, suffix: string): Fn => {
    const fns = functionsOf(t).filter((f) => String(f.Properties?.Handler).endsWith(suffix));
    expect(fns, suffix).toHaveLength(1);
    return fns[0] as Fn;
  };
  /** A function's package as synthesis staged it: `asset.<hash>` for `S3Key` `<hash>.zip`. */
  const packageOf = (s: Synth, fn: Fn): string => {
    const key = String((fn.Properties?.Code as { S3Key?: unknown } | undefined)?.S3Key);
    const dir = join(s.outdir, `asset.${key.replace(/\.zip$/, "")}`);
    expect(existsSync(dir), `${String(fn.Properties?.Handler)}: ${dir}`).toBe(true);
    return dir;
  };
  const filesIn = (dir: string) =>
    (readdirSync(dir, { recursive: true }) as string[]).map((f) => f.split(sep).join("/"));
  /** The ELF header's machine field (offset 18, little-endian): 183 is EM_AARCH64. */
  const elfMachine = (file: string) => {
    const header = readFileSync(file).subarray(0, 20);
    expect(header.subarray(0, 4).toString("latin1")).toBe("\x7fELF");
    return header.readUInt16LE(18);
  };
  const MASKING_HANDLERS = ["/lambda.handler", "/job.handler"];
  const masking = (s: Synth) => [
    { name: "API", fn: byHandler(s.api, MASKING_HANDLERS[0] as string) },
    { name: "job", fn: byHandler(s.jobs, MASKING_HANDLERS[1] as string) },
  ];

  it("packs jieba, its arm64 binary and its dictionary with the API and the job", () => {
    for (const s of [dev, prod]) {
      for (const { name, fn } of masking(s)) {
        expect(fn.Properties?.Architectures, name).toEqual(["arm64"]);
        const dir = packageOf(s, fn);
        const binary = join(dir, "node_modules", JIEBA_BINARY_PACKAGE, JIEBA_BINARY_FILE);
        expect(existsSync(binary), `${name}: ${binary}`).toBe(true);
        expect(elfMachine(binary), `${name}: an aarch64 binary`).toBe(183);
        expect(statSync(binary).size).toBeGreaterThan(1_000_000);
        // Resolved as the tagger resolves them, from the handler's file in the package.
        const handlerFile = join(
          dir,
          `${String(fn.Properties?.Handler).replace(/\.[^.]+$/, "")}.mjs`,
        );
        expect(existsSync(handlerFile), handlerFile).toBe(true);
        const resolve = createRequire(handlerFile).resolve;
        const dictionary = resolve(JIEBA_DICTIONARY);
        expect(dictionary.startsWith(dir), `${name}: ${dictionary}`).toBe(true);
        expect(statSync(dictionary).size).toBeGreaterThan(4_000_000);
        expect(readFileSync(dictionary, "utf8").slice(0, 200)).toMatch(/^\S+ \d+ [a-z]+\n/);
        expect(resolve(JIEBA_PACKAGE).startsWith(dir), name).toBe(true);
        const { optionalDependencies = {} } = JSON.parse(
          readFileSync(resolve(`${JIEBA_PACKAGE}/package.json`), "utf8"),
        );
        // The binary is the build jieba's loader asks for.
        expect(optionalDependencies[JIEBA_BINARY_PACKAGE], name).toBe(
          JSON.parse(readFileSync(resolve(`${JIEBA_BINARY_PACKAGE}/package.json`), "utf8")).version,
        );
        // Nothing else of jieba: no x64 build, no idf.txt (keyword extraction only).
        const jieba = filesIn(dir).filter((f) => f.includes("jieba") && !f.endsWith("/"));
        expect(jieba.filter((f) => /\.(node|txt)$/.test(f)).sort(), name).toEqual(
          [
            `node_modules/${JIEBA_BINARY_PACKAGE}/${JIEBA_BINARY_FILE}`,
            `node_modules/${JIEBA_DICTIONARY}`,
          ].sort(),
        );
      }
    }
  });

  it("packs no jieba with any other function: the export worker, the sites, SST's own", () => {
    for (const s of [dev, prod]) {
      const masks = (fn: Fn) =>
        MASKING_HANDLERS.some((h) => String(fn.Properties?.Handler).endsWith(h));
      const others = [s.storage, s.api, s.jobs, s.sites]
        .flatMap(functionsOf)
        .filter((fn) => !masks(fn));
      expect(
        others.some((fn) => String(fn.Properties?.Handler).endsWith("export-worker.handler")),
      ).toBe(true);
      for (const fn of others) {
        const code = fn.Properties?.Code as { S3Key?: unknown } | undefined;
        // CDK's and SST's inline helpers have no package here.
        if (typeof code?.S3Key !== "string") continue;
        const files = filesIn(packageOf(s, fn));
        expect(
          files.filter((f) => f.includes("jieba")),
          String(fn.Properties?.Handler),
        ).toEqual([]);
      }
    }
  });
});

describe("the functions' packages: sharp with the upload processor only", () => {
  type Fn = { Properties?: Record<string, unknown> };
  const packageOf = (s: Synth, fn: Fn): string => {
    const key = String((fn.Properties?.Code as { S3Key?: unknown } | undefined)?.S3Key);
    const dir = join(s.outdir, `asset.${key.replace(/\.zip$/, "")}`);
    expect(existsSync(dir), `${String(fn.Properties?.Handler)}: ${dir}`).toBe(true);
    return dir;
  };
  const filesIn = (dir: string) =>
    (readdirSync(dir, { recursive: true }) as string[]).map((f) => f.split(sep).join("/"));
  const elfMachine = (file: string) => {
    const header = readFileSync(file).subarray(0, 20);
    expect(header.subarray(0, 4).toString("latin1")).toBe("\x7fELF");
    return header.readUInt16LE(18);
  };
  const processor = (s: Synth): Fn => {
    const fns = Object.values(resourcesOf(s.storage, "AWS::Lambda::Function")).filter((f) =>
      String(f.Properties?.Handler).endsWith("upload-processor.handler"),
    );
    expect(fns).toHaveLength(1);
    return fns[0] as Fn;
  };
  const functionsRequire = createRequire(join(repoRoot, "packages", "functions", "package.json"));
  const versionOf = (pkg: string) =>
    JSON.parse(
      readFileSync(
        join(dirname(functionsRequire.resolve(`${pkg}/package`)), "package.json"),
        "utf8",
      ),
    ).version as string;

  it("packs sharp, its arm64 add-on and libvips, where the bundle's import finds them", () => {
    const addOnFile = `sharp-linux-arm64-${versionOf(SHARP_BINARY_PACKAGE)}.node`;
    for (const s of [dev, prod]) {
      const fn = processor(s);
      const dir = packageOf(s, fn);
      const addOn = join(dir, "node_modules", SHARP_BINARY_PACKAGE, "lib", addOnFile);
      expect(existsSync(addOn), addOn).toBe(true);
      expect(elfMachine(addOn), "an aarch64 add-on").toBe(183);
      const libvipsLib = join(dir, "node_modules", SHARP_LIBVIPS_PACKAGE, "lib");
      const so = readdirSync(libvipsLib).filter((f) => /^libvips-cpp\.so\.[\d.]+$/.test(f));
      expect(so).toHaveLength(1);
      expect(elfMachine(join(libvipsLib, so[0] as string)), "an aarch64 libvips").toBe(183);
      expect(statSync(join(libvipsLib, so[0] as string)).size).toBeGreaterThan(10_000_000);
      // The add-on's RPATH names its sibling package, which is where it is.
      expect(
        readFileSync(addOn).includes(Buffer.from("$ORIGIN/../../sharp-libvips-linux-arm64/lib")),
      ).toBe(true);

      // Resolved as at run time: sharp from the handler's file, the rest from sharp's.
      const handlerFile = join(
        dir,
        `${String(fn.Properties?.Handler).replace(/\.[^.]+$/, "")}.mjs`,
      );
      expect(existsSync(handlerFile), handlerFile).toBe(true);
      const sharpEntry = createRequire(handlerFile).resolve("sharp");
      expect(sharpEntry.startsWith(join(dir, "node_modules", "sharp")), sharpEntry).toBe(true);
      expect(existsSync(join(dir, "node_modules", "sharp", "dist", "index.mjs"))).toBe(true);
      const fromSharp = createRequire(sharpEntry).resolve;
      for (const spec of [
        `${SHARP_BINARY_PACKAGE}/sharp.node`,
        `${SHARP_LIBVIPS_PACKAGE}/package`,
        `${SHARP_LIBVIPS_PACKAGE}/versions`,
        "@img/colour",
        "detect-libc",
        "semver",
      ]) {
        expect(fromSharp(spec).startsWith(dir), spec).toBe(true);
      }
      // sharp is not in the bundle, and no x64 build and no C++ source came along.
      const files = filesIn(dir);
      expect(files.filter((f) => /x64|\.cc$|\.gyp$/.test(f))).toEqual([]);
      expect(files.filter((f) => f.endsWith(".node"))).toEqual([
        `node_modules/${SHARP_BINARY_PACKAGE}/lib/${addOnFile}`,
      ]);
      expect(readFileSync(handlerFile, "utf8")).not.toContain("sharp-libvips");
      // About 20 MB, far under Lambda's 250 MB.
      const bytes = files.reduce(
        (sum, f) => sum + (statSync(join(dir, f)).isFile() ? statSync(join(dir, f)).size : 0),
        0,
      );
      expect(bytes).toBeLessThan(30_000_000);
    }
  });

  it("packs sharp with no other function", () => {
    for (const s of [dev, prod]) {
      const own = processor(s);
      const others = [s.storage, s.api, s.jobs, s.sites]
        .flatMap((t) => Object.values(resourcesOf(t, "AWS::Lambda::Function")) as Fn[])
        .filter((fn) => fn !== own);
      for (const fn of others) {
        const code = fn.Properties?.Code as { S3Key?: unknown } | undefined;
        if (typeof code?.S3Key !== "string") continue;
        const files = filesIn(packageOf(s, fn));
        expect(
          files.filter((f) => f.includes("@img/") || f.startsWith("node_modules/sharp/")),
          String(fn.Properties?.Handler),
        ).toEqual([]);
      }
    }
  });
});

describe("sites stack", () => {
  type Fn = { Properties?: Record<string, unknown> };
  const serverFunctions = (t: Template): Fn[] =>
    Object.values(resourcesOf(t, "AWS::Lambda::Function")).filter(
      (f) => f.Properties?.Description === "Server handler for Astro",
    );

  it("puts each site behind its own CloudFront distribution", () => {
    for (const { sites } of [dev, prod]) {
      sites.resourceCountIs("AWS::CloudFront::Distribution", 2);
      const outputs = sites.findOutputs("*");
      for (const { output } of Object.values(SITE_BUILDS)) {
        expect(JSON.stringify(outputs[output]?.Value)).toContain("Distribution");
      }
    }
  });

  it("runs both sites' servers on nodejs22.x with the API URL and the bound site secret", () => {
    for (const { sites } of [dev, prod]) {
      const servers = serverFunctions(sites);
      expect(servers.map((f) => String(f.Properties?.Handler)).sort()).toEqual(
        Object.values(SITE_BUILDS)
          // SST's wrapper around astro-sst's entry: it runs CLIENT_ADDRESS_INJECTION first.
          .map(({ path }) => `${path}/dist/server/server-index.handler`)
          .sort(),
      );
      for (const fn of servers) {
        expect(fn.Properties?.Runtime).toBe("nodejs22.x");
        const env =
          (fn.Properties?.Environment as { Variables?: Record<string, unknown> })?.Variables ?? {};
        // The API's URL, imported from the API stack.
        expect(JSON.stringify(env.LIANXIN_API_URL)).toMatch(/Fn::ImportValue.*ApiStack.*Api/);
        // The files bucket's https origin, for the photo pages' CSP.
        expect(JSON.stringify(env[FILES_ORIGIN_ENV])).toMatch(/https:\/\/.*RegionalDomainName/);
        expect(env.SST_Secret_value_LIANXIN_SITE_SECRET).toBe("__FETCH_FROM_SSM__");
        expect(env.SST_Secret_value_SESSION_SIGNING_KEY).toBeUndefined();
      }
    }
  });

  it("has CloudFront prove itself to the server functions with the stack's own value", () => {
    for (const { sites } of [dev, prod]) {
      const verifyValues = serverFunctions(sites).map((fn) => {
        const env = fn.Properties?.Environment as { Variables?: Record<string, unknown> };
        return env?.Variables?.[ORIGIN_VERIFY_ENV];
      });
      // Made from the stack's id at deploy time: no literal in the template or the repo.
      const expected = { "Fn::Select": [2, { "Fn::Split": ["/", { Ref: "AWS::StackId" }] }] };
      expect(verifyValues).toEqual([expected, expected]);
      for (const distribution of Object.values(
        resourcesOf(sites, "AWS::CloudFront::Distribution"),
      )) {
        type Origin = { DomainName: unknown; OriginCustomHeaders?: unknown };
        const config = distribution.Properties?.DistributionConfig as { Origins?: Origin[] };
        const origins = config?.Origins ?? [];
        const toFunction = origins.filter((o) =>
          JSON.stringify(o.DomainName).includes("FunctionUrl"),
        );
        expect(toFunction).toHaveLength(1);
        expect(toFunction[0]?.OriginCustomHeaders).toEqual([
          { HeaderName: ORIGIN_VERIFY_HEADER, HeaderValue: expected },
        ]);
        // The bucket's origin does not get it.
        for (const other of origins.filter((o) => o !== toFunction[0])) {
          expect(other.OriginCustomHeaders).toBeUndefined();
        }
      }
    }
  });

  it("has CloudFront add HSTS and Permissions-Policy to both sites, and no static CSP", () => {
    for (const { sites } of [dev, prod]) {
      const policies = resourcesOf(sites, "AWS::CloudFront::ResponseHeadersPolicy");
      expect(Object.keys(policies)).toHaveLength(1);
      const [policyId, policy] = Object.entries(policies)[0] ?? ["", {}];
      type Config = {
        SecurityHeadersConfig?: Record<string, unknown>;
        CustomHeadersConfig?: { Items?: { Header: string; Value: string; Override: boolean }[] };
      };
      const config = policy.Properties?.ResponseHeadersPolicyConfig as Config;
      // HSTS and nothing else among the security headers: no ContentSecurityPolicy (Astro's
      // per-page policy, with its hashes, would be contradicted), no frame or referrer rules.
      expect(config.SecurityHeadersConfig).toEqual({
        StrictTransportSecurity: {
          AccessControlMaxAgeSec: HSTS_MAX_AGE_SECONDS,
          IncludeSubdomains: true,
          Override: true,
        },
      });
      expect(HSTS_MAX_AGE_SECONDS).toBeGreaterThanOrEqual(2 * 365 * 24 * 3600);
      expect(config.CustomHeadersConfig?.Items).toEqual([
        // The page's own wins: the submission page allows geolocation for itself (issue 15).
        { Header: "Permissions-Policy", Value: PERMISSIONS_POLICY, Override: false },
      ]);
      expect(PERMISSIONS_POLICY).toMatch(/(^|, )geolocation=\(\)(,|$)/);
      expect(PERMISSIONS_POLICY).toMatch(/(^|, )camera=\(\)(,|$)/);
      expect(PERMISSIONS_POLICY).toMatch(/(^|, )microphone=\(\)(,|$)/);
      expect(JSON.stringify(sites.toJSON()).toLowerCase()).not.toContain("content-security-policy");

      // On every behaviour of both distributions: the pages and the static assets.
      const distributions = Object.values(resourcesOf(sites, "AWS::CloudFront::Distribution"));
      expect(distributions).toHaveLength(2);
      for (const distribution of distributions) {
        type Behavior = { ResponseHeadersPolicyId?: unknown; PathPattern?: string };
        const config = distribution.Properties?.DistributionConfig as {
          DefaultCacheBehavior: Behavior;
          CacheBehaviors?: Behavior[];
        };
        const behaviors = [config.DefaultCacheBehavior, ...(config.CacheBehaviors ?? [])];
        expect(behaviors.length).toBeGreaterThan(1);
        for (const behavior of behaviors) {
          expect(behavior.ResponseHeadersPolicyId, behavior.PathPattern ?? "default").toEqual({
            Ref: policyId,
          });
        }
      }
    }
  });

  it("serves the files bucket's public/ on the public site, through an origin access control", () => {
    // The storage stack's bucket, imported by its regional domain name (the sites' own asset
    // buckets are in this stack).
    const isFilesBucket = (domainName: unknown) =>
      /Fn::ImportValue.*StorageStack.*RegionalDomainName/.test(JSON.stringify(domainName));
    for (const { sites } of [dev, prod]) {
      type Origin = {
        Id: string;
        DomainName: unknown;
        OriginAccessControlId?: unknown;
        S3OriginConfig?: unknown;
      };
      type Behavior = Record<string, unknown> & { PathPattern?: string; TargetOriginId?: string };
      const configs = Object.values(resourcesOf(sites, "AWS::CloudFront::Distribution")).map(
        (d) =>
          d.Properties?.DistributionConfig as { Origins: Origin[]; CacheBehaviors?: Behavior[] },
      );
      const withFiles = configs.filter((c) => c.Origins.some((o) => isFilesBucket(o.DomainName)));
      // The public site's distribution only (its output names it).
      expect(withFiles).toHaveLength(1);
      const config = withFiles[0] as (typeof configs)[number];
      const publicDistribution = Object.entries(
        resourcesOf(sites, "AWS::CloudFront::Distribution"),
      ).find(([, d]) => d.Properties?.DistributionConfig === config)?.[0];
      expect(JSON.stringify(sites.findOutputs("*")[SITE_BUILDS.public.output]?.Value)).toContain(
        `"${publicDistribution}"`,
      );
      const origin = config.Origins.find((o) => isFilesBucket(o.DomainName)) as Origin;
      // The storage stack's bucket, by its regional domain name, signed by the OAC.
      expect(JSON.stringify(origin.DomainName)).toMatch(
        /Fn::ImportValue.*StorageStack.*RegionalDomainName/,
      );
      const oacs = resourcesOf(sites, "AWS::CloudFront::OriginAccessControl");
      const [oacId, oac] = Object.entries(oacs)[0] ?? [];
      expect(Object.keys(oacs)).toHaveLength(1);
      expect(oac?.Properties?.OriginAccessControlConfig).toEqual(
        expect.objectContaining({
          OriginAccessControlOriginType: "s3",
          SigningBehavior: "always",
          SigningProtocol: "sigv4",
        }),
      );
      expect(origin.OriginAccessControlId).toEqual({ "Fn::GetAtt": [oacId, "Id"] });
      expect(origin.S3OriginConfig).toEqual({ OriginAccessIdentity: "" });

      const behaviors = (config.CacheBehaviors ?? []).filter((b) => b.TargetOriginId === origin.Id);
      expect(behaviors).toHaveLength(1);
      expect(behaviors[0]).toEqual(
        expect.objectContaining({
          PathPattern: PUBLIC_FILES_PATH,
          AllowedMethods: ["GET", "HEAD"],
          CachedMethods: ["GET", "HEAD"],
          // CloudFront's managed CachingOptimized policy.
          CachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6",
          ViewerProtocolPolicy: "redirect-to-https",
          Compress: true,
        }),
      );
      expect(PUBLIC_FILES_PATH).toBe(`${PUBLIC_PREFIX}*`);
      // No other behaviour of either site reaches the files bucket.
      for (const c of configs) {
        for (const b of c.CacheBehaviors ?? []) {
          if (b !== behaviors[0]) expect(b.TargetOriginId).not.toBe(origin.Id);
        }
      }
    }
  });

  it("gives the site servers' roles nothing but reading the site secret", () => {
    for (const { sites } of [dev, prod]) {
      const policies = Object.values(resourcesOf(sites, "AWS::IAM::Policy"));
      const roles = resourcesOf(sites, "AWS::IAM::Role");
      for (const fn of serverFunctions(sites)) {
        const role = fn.Properties?.Role as { "Fn::GetAtt": [string, string] } | undefined;
        const roleId = role?.["Fn::GetAtt"][0] ?? "";
        expect(roles[roleId], "the server's role").toBeDefined();
        const attached = policies.filter((p) =>
          JSON.stringify(p.Properties?.Roles).includes(`{"Ref":"${roleId}"}`),
        );
        const statements = attached.flatMap(
          (p) =>
            (p.Properties?.PolicyDocument as { Statement?: Statement[] } | undefined)?.Statement ??
            [],
        );
        // Not SST's defaults for SSR servers: no asset bucket, no CloudFront invalidation.
        expect(statements.flatMap((st) => list(st.Action))).toEqual(["ssm:GetParameters"]);
        expect(roles[roleId]?.Properties?.Policies).toBeUndefined();
        const managed = (roles[roleId]?.Properties?.ManagedPolicyArns as unknown[]) ?? [];
        expect(managed).toHaveLength(1);
        expect(JSON.stringify(managed[0])).toContain(
          ":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
        );
      }
    }
  });

  it("lets the site servers read only the site secret from SSM", () => {
    const ssm = statementsOf(dev.sites).filter((s) =>
      list(s.Action).some((a) => a.startsWith("ssm:")),
    );
    expect(ssm).toHaveLength(2);
    for (const statement of ssm) {
      expect(list(statement.Action)).toEqual(["ssm:GetParameters"]);
      const resources = list(statement.Resource).map((r) => JSON.stringify(r));
      expect(resources).toHaveLength(2);
      expect(resources.every((r) => r.includes("Secret/LIANXIN_SITE_SECRET/value"))).toBe(true);
    }
  });
});

describe("sites stack: the bundled server functions", () => {
  /** A Lambda function URL event (payload 2.0), as CloudFront's origin request makes it. */
  const urlEvent = (path: string, headers: Record<string, string>) => ({
    version: "2.0",
    rawPath: path,
    rawQueryString: "",
    headers: { host: "abc.lambda-url.ap-east-1.on.aws", accept: "text/html", ...headers },
    requestContext: { http: { method: "GET", path, sourceIp: "192.0.2.10" } },
    isBase64Encoded: false,
  });
  /** The wrapper SST bundled for a site in this run (`.sst/artifacts/<construct>/<path>/…`). */
  function bundledServer(sitePath: string): string {
    const artifacts = join(repoRoot, ".sst", "artifacts");
    const files = readdirSync(artifacts)
      .map((dir) => join(artifacts, dir, sitePath, "dist", "server", "server-index.mjs"))
      .filter((file) => existsSync(file) && statSync(file).mtimeMs >= synthStartedAt)
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
    expect(files.length, `a bundled server for ${sitePath}`).toBeGreaterThan(0);
    return files[0] as string;
  }

  /** Invokes a bundled handler in a fresh Node process (as Lambda would); status and headers. */
  async function invoke(file: string, event: unknown, env: Record<string, string> = {}) {
    const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(file).href)});
      const res = await handler(JSON.parse(process.env.EVENT), {});
      process.stdout.write(JSON.stringify({ status: res.statusCode, headers: res.headers }));`;
    const { stdout } = await execFileAsync(
      process.execPath,
      ["--input-type=module", "--eval", script],
      { env: { ...process.env, ...env, EVENT: JSON.stringify(event) } },
    );
    const { status, headers } = JSON.parse(stdout) as {
      status: number;
      headers?: Record<string, string>;
    };
    const lower = Object.fromEntries(
      Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
    );
    return { status, headers: lower };
  }

  it("takes the resident's address from CloudFront, never from X-Forwarded-For", () => {
    const secret = "stack-uuid-0000";
    const run = (headers: Record<string, string>, sourceIp = "192.0.2.10") => {
      const event = {
        headers: { ...headers } as Record<string, string | undefined>,
        requestContext: { http: { sourceIp } },
      };
      const env = { [ORIGIN_VERIFY_ENV]: secret };
      new Function("event", "process", CLIENT_ADDRESS_INJECTION)(event, { env });
      // The proof is for this function only: Astro and the API never see it.
      expect(event.headers[ORIGIN_VERIFY_HEADER]).toBeUndefined();
      return event.headers["x-forwarded-for"];
    };
    const spoofed = { "x-forwarded-for": "198.51.100.66" };
    const viaCloudFront = { [ORIGIN_VERIFY_HEADER]: secret };
    expect(
      run({ ...spoofed, ...viaCloudFront, "cloudfront-viewer-address": "203.0.113.9:4711" }),
    ).toBe("203.0.113.9");
    expect(run({ ...viaCloudFront, "cloudfront-viewer-address": "2001:db8::1:4711" })).toBe(
      "2001:db8::1",
    );
    // A call that bypassed CloudFront: the caller's own address, whatever it claims.
    expect(run(spoofed)).toBe("192.0.2.10");
    expect(run({ ...spoofed, "cloudfront-viewer-address": "203.0.113.9:4711" })).toBe("192.0.2.10");
    expect(
      run({ [ORIGIN_VERIFY_HEADER]: "guess", "cloudfront-viewer-address": "203.0.113.9:4711" }),
    ).toBe("192.0.2.10");
  });

  it("renders pages on Node with their CSP and forwards CloudFront's viewer address", async () => {
    const seen: unknown[] = [];
    const api = createServer((req, res) => {
      seen.push(req.headers["x-lianxin-client-address"]);
      res.writeHead(503, { "Content-Type": "application/json" }).end("{}");
    });
    await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
    const env = {
      LIANXIN_API_URL: `http://127.0.0.1:${(api.address() as AddressInfo).port}`,
      [ORIGIN_VERIFY_ENV]: "stack-uuid-0000",
    };
    try {
      const home = urlEvent("/", {
        "x-forwarded-for": "198.51.100.66",
        "cloudfront-viewer-address": "203.0.113.9:4711",
        [ORIGIN_VERIFY_HEADER]: "stack-uuid-0000",
      });
      const page = await invoke(bundledServer(SITE_BUILDS.public.path), home, env);
      expect(page.status).toBe(200);
      expect(seen.length).toBeGreaterThan(0);
      expect(new Set(seen)).toEqual(new Set(["203.0.113.9"]));

      const login = urlEvent("/login", {});
      const staffPage = await invoke(bundledServer(SITE_BUILDS.staff.path), login, env);
      expect(staffPage.status).toBe(200);
      // Astro's per-page CSP arrives through astro-sst and the function URL, as on Node (the
      // one CSP: CloudFront adds none), with the middleware's headers.
      for (const { headers } of [page, staffPage]) {
        const csp = headers["content-security-policy"] ?? "";
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toMatch(/script-src 'self'( 'sha256-[^']+')+;/);
        expect(csp).not.toContain("unsafe-inline");
        expect(headers["permissions-policy"]).toBe(PERMISSIONS_POLICY);
        expect(headers["x-content-type-options"]).toBe("nosniff");
      }
    } finally {
      await new Promise((resolve) => api.close(resolve));
    }
  });
});

describe("region and stage", () => {
  /** sst.config.ts's `config` with the CLI's globals (`--stage`, `--region`). */
  const regionOf = async (globals: { region?: string }) =>
    (await config.config({ stage: "dev", ...globals } as Parameters<typeof config.config>[0]))
      .region;

  it("takes the region from --region, else AWS_REGION, else the one default", async () => {
    const saved = process.env.AWS_REGION;
    try {
      delete process.env.AWS_REGION;
      expect(await regionOf({})).toBe(DEFAULT_REGION);
      process.env.AWS_REGION = "ap-southeast-1";
      expect(await regionOf({})).toBe("ap-southeast-1");
      expect(await regionOf({ region: "eu-west-1" })).toBe("eu-west-1");
    } finally {
      if (saved === undefined) delete process.env.AWS_REGION;
      else process.env.AWS_REGION = saved;
    }
  });

  it("names the stacks and secrets after the stage it was given", () => {
    // The last synthesis was prod's; SST names stacks `<stage>-<app>-<Stack>`.
    expect(getStack(StorageStack).stackName).toBe(`prod-${APP_NAME}-StorageStack`);
    expect(JSON.stringify(prod.api.toJSON())).toContain(`/sst/${APP_NAME}/prod/Secret/`);
    expect(JSON.stringify(dev.api.toJSON())).toContain(`/sst/${APP_NAME}/dev/Secret/`);
    expect(JSON.stringify(dev.api.toJSON())).not.toContain("/prod/");
  });
});

describe("the whole app", () => {
  it("keeps our functions' logs and the API's access log for a year, not forever", () => {
    for (const { api, jobs, sites } of [dev, prod]) {
      for (const t of [api, jobs, sites]) {
        const retention = Object.values(resourcesOf(t, "Custom::LogRetention"));
        // Ours: the API, the job and the site servers (CDK's and SST's own helpers aside).
        const ours = Object.entries(resourcesOf(t, "AWS::Lambda::Function")).filter(
          ([, f]) => f.Properties?.Handler !== "index.handler",
        );
        expect(ours.length).toBeGreaterThan(0);
        for (const [logicalId] of ours) {
          const of = retention.filter((r) =>
            JSON.stringify(r.Properties?.LogGroupName).includes(`"Ref":"${logicalId}"`),
          );
          expect(
            of.map((r) => r.Properties?.RetentionInDays),
            logicalId,
          ).toEqual([365]);
        }
      }
      // In the storage stack, beside CDK's helpers: the upload processor.
      for (const { storage } of [dev, prod]) {
        const [processorId] =
          Object.entries(resourcesOf(storage, "AWS::Lambda::Function")).find(([, f]) =>
            String(f.Properties?.Handler).endsWith("upload-processor.handler"),
          ) ?? [];
        const of = Object.values(resourcesOf(storage, "Custom::LogRetention")).filter((r) =>
          JSON.stringify(r.Properties?.LogGroupName).includes(`"Ref":"${processorId}"`),
        );
        expect(of.map((r) => r.Properties?.RetentionInDays)).toEqual([365]);
      }
      const accessLogs = Object.values(resourcesOf(api, "AWS::Logs::LogGroup"));
      expect(accessLogs.map((g) => g.Properties?.RetentionInDays)).toEqual([365]);
    }
  });

  it("has no IAM statement granting dynamodb:* or DynamoDB on every resource", () => {
    for (const template of [...dev.all, ...prod.all]) {
      for (const statement of statementsOf(template)) {
        if (statement.Effect !== "Allow") continue;
        const actions = list(statement.Action);
        expect(actions).not.toContain("*");
        expect(actions).not.toContain("dynamodb:*");
        expect(actions).not.toContain("s3:*");
        if (actions.some((a) => a.toLowerCase().startsWith("dynamodb:"))) {
          expect(list(statement.Resource)).not.toContain("*");
        }
      }
    }
  });

  it("runs every Lambda function on nodejs22.x", () => {
    for (const template of [...dev.all, ...prod.all]) {
      for (const [id, fn] of Object.entries(resourcesOf(template, "AWS::Lambda::Function"))) {
        // CDK's own handler of the bucket's notifications (inline Python) is not ours.
        if (String(fn.Properties?.Description).includes("Custom::S3BucketNotifications")) continue;
        expect(fn.Properties?.Runtime, id).toBe("nodejs22.x");
      }
    }
  });
});
