import { DynamoDBClient, DynamoDBDocumentClient } from "./sdk.js";

/**
 * A document client. With `endpoint` (DynamoDB Local) it uses fixed dummy credentials,
 * since the emulator accepts any; without, the SDK's normal credential chain (Lambda).
 */
export function createDynamoClient(
  options: { endpoint?: string | undefined; region?: string | undefined } = {},
): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: options.region ?? (options.endpoint ? "local" : undefined),
    ...(options.endpoint
      ? {
          endpoint: options.endpoint,
          credentials: { accessKeyId: "local", secretAccessKey: "local" },
        }
      : {}),
    maxAttempts: 3,
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
