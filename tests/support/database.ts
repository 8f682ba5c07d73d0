import { randomBytes } from "node:crypto";
import { createDynamoClient, ensureTable } from "@lianxin/store";
import { inject } from "vitest";

/**
 * Creates a fresh table (unique name per call) in the run's DynamoDB Local. Call it once per
 * test file (in beforeAll): files run in parallel and never see each other's data.
 */
export async function createTestTable(): Promise<{ endpoint: string; tableName: string }> {
  const endpoint = inject("dynamoEndpoint");
  const tableName = `test-${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`;
  const client = createDynamoClient({ endpoint, region: "local" });
  try {
    await ensureTable(client, tableName);
  } finally {
    client.destroy();
  }
  return { endpoint, tableName };
}
