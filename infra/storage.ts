import { Duration, RemovalPolicy } from "aws-cdk-lib";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as s3 from "aws-cdk-lib/aws-s3";
import type { StackContext } from "sst/constructs";
import { EXPORTS_PREFIX } from "../packages/functions/src/files/file-store.js";
import { TABLE_KEYS } from "../packages/store/src/table.js";
import { isProd } from "./defaults.js";

/**
 * Prefix of the ledger exports in the file bucket (objects under it expire, and the API may write
 * only there): the file store's own constant, so the code's keys and the bucket's rules agree.
 */
export { EXPORTS_PREFIX };
export const EXPORTS_EXPIRE_DAYS = 2;

export interface Storage {
  table: dynamodb.Table;
  bucket: s3.Bucket;
}

/**
 * The one DynamoDB table (its shape comes from the store package, so the local setup and AWS
 * create the same thing) and the private file bucket (ledger exports now, attachments later).
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
      { id: "abort-incomplete-uploads", abortIncompleteMultipartUploadAfter: Duration.days(1) },
    ],
    removalPolicy,
  });

  stack.addOutputs({ TableName: table.tableName, FilesBucketName: bucket.bucketName });
  return { table, bucket };
}
