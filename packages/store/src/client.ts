import { DynamoDBClient, DynamoDBDocumentClient } from "./sdk.js";

/**
 * How long one call to DynamoDB may take: to connect, and for each attempt (the SDK retries
 * once). DynamoDB answers in milliseconds, so a stalled connection fails in about 2 s and the
 * caller answers 503 with Retry-After instead of hanging (http/errors.ts). DynamoDB Local, a
 * JVM sharing two cores with the tests, can legitimately take seconds: it gets more time.
 * The attempt's limit is enforced: without `throwOnRequestTimeout` the SDK of the lockfile
 * only warns when `requestTimeout` passes (the attempt then waits on a silent socket for the
 * default 5 minutes), and in older SDKs, as the Lambda runtime may bring, `requestTimeout` is
 * the socket's idle time, which `socketTimeout` gives in the newer ones.
 */
export const DYNAMODB_TIMEOUTS = {
  aws: { connectionTimeout: 1_000, requestTimeout: 2_000 },
  local: { connectionTimeout: 1_000, requestTimeout: 10_000 },
} as const;

/**
 * A document client. With `endpoint` (DynamoDB Local) it uses fixed dummy credentials,
 * since the emulator accepts any; without, the SDK's normal credential chain (Lambda).
 */
export function createDynamoClient(
  options: { endpoint?: string | undefined; region?: string | undefined } = {},
): DynamoDBDocumentClient {
  const timeouts = options.endpoint ? DYNAMODB_TIMEOUTS.local : DYNAMODB_TIMEOUTS.aws;
  const client = new DynamoDBClient({
    requestHandler: {
      ...timeouts,
      socketTimeout: timeouts.requestTimeout,
      throwOnRequestTimeout: true,
    },
    region: options.region ?? (options.endpoint ? "local" : undefined),
    ...(options.endpoint
      ? {
          endpoint: options.endpoint,
          credentials: { accessKeyId: "local", secretAccessKey: "local" },
        }
      : {}),
    maxAttempts: 2,
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
