import { Duration, RemovalPolicy } from "aws-cdk-lib";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as iam from "aws-cdk-lib/aws-iam";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as s3n from "aws-cdk-lib/aws-s3-notifications";
import type { StackContext } from "sst/constructs";
import {
  EXPORTS_PREFIX,
  FILES_PREFIX,
  PUBLIC_PREFIX,
  STAGED_PREFIX,
  UPLOADS_PREFIX,
} from "../packages/functions/src/files/file-store.js";
import { TABLE_KEYS } from "../packages/store/src/table.js";
import { isProd } from "./defaults.js";
import { uploadProcessor } from "./upload-processor.js";

/**
 * Prefix of the ledger exports in the file bucket (objects under it expire): the file store's
 * own constant, as are the others below, so the code's keys and the bucket's rules agree.
 */
export { EXPORTS_PREFIX };
export const EXPORTS_EXPIRE_DAYS = 2;

/**
 * The attachments' prefixes (issue 15), the file store's own constants too. `uploads/`: where
 * the browsers' presigned POSTs land; nothing serves it. `staged/`: the processor's outputs
 * until a submission claims them. `files/`: claimed files, served by 5-minute signed links
 * only. `public/`: approved "after" photos of notices, served by the public site's CDN.
 * Uploads and staged files never claimed are deleted after a day.
 */
export { FILES_PREFIX, PUBLIC_PREFIX, STAGED_PREFIX, UPLOADS_PREFIX };
export const UPLOADS_EXPIRE_DAYS = 1;
export const STAGED_EXPIRE_DAYS = 1;

/** How long a browser may cache the bucket's answer to a CORS preflight. */
export const FILES_CORS_MAX_AGE_SECONDS = 3000;

/**
 * The origins whose pages may POST uploads to the bucket (CORS), from the deploy's
 * environment: `LIANXIN_PUBLIC_SITE_URL` (also the SMS links' target) and
 * `LIANXIN_STAFF_SITE_URL`, each the site's https URL (its custom domain, or the CloudFront
 * address the first deploy printed). They cannot be read from the sites stack, which is
 * deployed after this one (and depends on it). Unset, there is no CORS rule: pages' scripts
 * cannot upload (the no-JavaScript form, a plain navigation, still can). Never `*`.
 */
export function filesCorsOrigins(env: Record<string, string | undefined> = process.env): string[] {
  const origins = ["LIANXIN_PUBLIC_SITE_URL", "LIANXIN_STAFF_SITE_URL"].flatMap((name) => {
    const value = env[name]?.trim();
    if (!value) return [];
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new Error(`${name} must be the site's https URL, not ${JSON.stringify(value)}`);
    }
    if (url.protocol !== "https:") throw new Error(`${name} must be an https URL`);
    return [url.origin];
  });
  return [...new Set(origins)];
}

/** The service that reads `public/` for the public site's CDN (origin access control). */
export const CLOUDFRONT_SERVICE = "cloudfront.amazonaws.com";

export interface Storage {
  table: dynamodb.Table;
  bucket: s3.Bucket;
  uploadProcessor: ReturnType<typeof uploadProcessor>;
}

/**
 * The one DynamoDB table (its shape comes from the store package, so the local setup and AWS
 * create the same thing), the private file bucket (ledger exports and attachments) and the
 * upload processor on the bucket's uploads. The processor lives here, beside the bucket: the
 * notification is part of the bucket, so a function in a later stack would make this stack
 * depend on that one while that one depends on this (a cycle); an imported bucket's
 * notification instead needs a custom resource merging into a configuration another stack owns.
 * On `prod` both are retained and the table is deletion-protected; other stages are
 * disposable (sst.config.ts sets DESTROY as their default removal policy).
 */
export function StorageStack({ stack, app }: StackContext): Storage {
  const prod = isProd(app.stage);
  const removalPolicy = prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
  const string = dynamodb.AttributeType.STRING;

  const table = new dynamodb.Table(stack, "Table", {
    partitionKey: { name: TABLE_KEYS.partitionKey, type: string },
    sortKey: { name: TABLE_KEYS.sortKey, type: string },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    timeToLiveAttribute: TABLE_KEYS.ttlAttribute,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    encryption: dynamodb.TableEncryption.AWS_MANAGED,
    deletionProtection: prod,
    removalPolicy,
  });
  for (const index of Object.values(TABLE_KEYS.indexes)) {
    table.addGlobalSecondaryIndex({
      indexName: index.name,
      partitionKey: { name: index.partitionKey, type: string },
      sortKey: { name: index.sortKey, type: string },
      projectionType: dynamodb.ProjectionType.ALL,
    });
  }

  const bucket = new s3.Bucket(stack, "Files", {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    lifecycleRules: [
      {
        id: "expire-exports",
        prefix: EXPORTS_PREFIX,
        expiration: Duration.days(EXPORTS_EXPIRE_DAYS),
      },
      {
        id: "expire-uploads",
        prefix: UPLOADS_PREFIX,
        expiration: Duration.days(UPLOADS_EXPIRE_DAYS),
      },
      { id: "expire-staged", prefix: STAGED_PREFIX, expiration: Duration.days(STAGED_EXPIRE_DAYS) },
      { id: "abort-incomplete-uploads", abortIncompleteMultipartUploadAfter: Duration.days(1) },
    ],
    cors: filesCorsRules(),
    removalPolicy,
  });

  // The public site's CDN reads public/ through its origin access control (sites.ts). Only
  // CloudFront, only public/, only for a distribution of this account: the distribution is
  // made in the sites stack, after this one, so its own ARN cannot be named here without a
  // cycle (infra/README.md, "Attachments"). The fixed aws:SourceAccount keeps the
  // statement non-public for Block Public Access (which stays on: BLOCK_ALL).
  bucket.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: "PublicSiteCdnReadsPublicPrefix",
      effect: iam.Effect.ALLOW,
      principals: [new iam.ServicePrincipal(CLOUDFRONT_SERVICE)],
      actions: ["s3:GetObject"],
      resources: [bucket.arnForObjects(`${PUBLIC_PREFIX}*`)],
      conditions: {
        StringEquals: { "aws:SourceAccount": stack.account },
        ArnLike: {
          "aws:SourceArn": `arn:${stack.partition}:cloudfront::${stack.account}:distribution/*`,
        },
      },
    }),
  );

  const processor = uploadProcessor(stack, {
    table,
    bucket,
    prefixes: { uploads: UPLOADS_PREFIX, staged: STAGED_PREFIX, files: FILES_PREFIX },
  });
  bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(processor), {
    prefix: UPLOADS_PREFIX,
  });

  stack.addOutputs({ TableName: table.tableName, FilesBucketName: bucket.bucketName });
  return { table, bucket, uploadProcessor: processor };
}

/** The bucket's CORS: the sites' pages may POST (the presigned uploads), nothing else. */
function filesCorsRules(): s3.CorsRule[] | undefined {
  const origins = filesCorsOrigins();
  if (origins.length === 0) return undefined;
  return [
    {
      id: "site-uploads",
      allowedMethods: [s3.HttpMethods.POST],
      allowedOrigins: origins,
      maxAge: FILES_CORS_MAX_AGE_SECONDS,
    },
  ];
}
