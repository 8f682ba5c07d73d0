import { fileURLToPath } from "node:url";
import { Match, Template } from "aws-cdk-lib/assertions";
import { App, getStack } from "sst/constructs";
import { initProject } from "sst/project.js";
import { beforeAll, describe, expect, it } from "vitest";
import { API_THROTTLE, ApiStack } from "../../infra/api.js";
import { APP_NAME } from "../../infra/defaults.js";
import { JOB_SCHEDULE, JobsStack } from "../../infra/jobs.js";
import { API_FILE_ACTIONS, API_TABLE_ACTIONS, JOB_TABLE_ACTIONS } from "../../infra/permissions.js";
import { EXPORTS_EXPIRE_DAYS, EXPORTS_PREFIX, StorageStack } from "../../infra/storage.js";
import { apiGatewayPath, routes } from "../../packages/functions/src/routes.js";
import { TABLE_KEYS } from "../../packages/store/src/table.js";
import config from "../../sst.config.js";

/**
 * Synthesizes the SST app offline (DESIGN.md's recipe: NODE_ENV=test keeps SST from looking up
 * the CDK bootstrap stack) for a disposable stage and for prod, and asserts on the CloudFormation.
 * Synthesis bundles the API handler with esbuild, so this also proves that it bundles.
 */
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const REGION = "ap-east-1";
const ACCOUNT = "123456789012";

interface Synth {
  storage: Template;
  api: Template;
  jobs: Template;
  all: Template[];
}

async function synth(stage: string): Promise<Synth> {
  await initProject({ root: repoRoot, stage, region: REGION });
  const app = new App({ mode: "deploy", name: APP_NAME, stage, region: REGION, account: ACCOUNT });
  await config.stacks(app);
  await app.finish();
  const storage = Template.fromStack(getStack(StorageStack));
  const api = Template.fromStack(getStack(ApiStack));
  const jobs = Template.fromStack(getStack(JobsStack));
  return { storage, api, jobs, all: [storage, api, jobs] };
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

let dev: Synth;
let prod: Synth;
const timings: Record<string, number> = {};

beforeAll(async () => {
  for (const stage of ["dev", "prod"] as const) {
    const started = performance.now();
    const result = await synth(stage);
    timings[stage] = Math.round(performance.now() - started);
    if (stage === "dev") dev = result;
    else prod = result;
  }
  console.info(`SST synth: dev ${timings.dev} ms, prod ${timings.prod} ms`);
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
        LifecycleConfiguration: {
          Rules: Match.arrayWith([
            Match.objectLike({
              Prefix: EXPORTS_PREFIX,
              ExpirationInDays: EXPORTS_EXPIRE_DAYS,
              Status: "Enabled",
            }),
          ]),
        },
      });
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
      const dynamo = statementsOf(api).filter((s) =>
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
  it("lets the API function put and get objects under exports/ only", () => {
    for (const { api } of [dev, prod]) {
      const s3 = statementsOf(api).filter((s) => list(s.Action).some((a) => a.startsWith("s3:")));
      expect(s3).toHaveLength(1);
      const statement = s3[0] as Statement;
      expect(statement.Effect).toBe("Allow");
      expect(list(statement.Action).sort()).toEqual([...API_FILE_ACTIONS].sort());
      const resources = list(statement.Resource).map((r) => JSON.stringify(r));
      expect(resources).toHaveLength(1);
      // The bucket's ARN arrives as a cross-stack import, followed by "/exports/*".
      expect(resources[0]).toContain("Fn::ImportValue");
      expect(resources[0]).toContain(`/${EXPORTS_PREFIX}*`);
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
    const dynamo = statementsOf(dev.jobs).filter((s) =>
      list(s.Action).some((a) => a.startsWith("dynamodb:")),
    );
    expect(dynamo).toHaveLength(1);
    expect(list(dynamo[0]?.Action ?? []).sort()).toEqual([...JOB_TABLE_ACTIONS].sort());
  });
});

describe("the whole app", () => {
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
        expect(fn.Properties?.Runtime, id).toBe("nodejs22.x");
      }
    }
  });

  it("synthesizes each stage in well under a minute", () => {
    expect(timings.dev).toBeLessThan(60_000);
    expect(timings.prod).toBeLessThan(60_000);
  });
});
