import type { DynamoDBDocumentClient } from "./sdk.js";
import {
  type AttributeDefinition,
  CreateTableCommand,
  DescribeTableCommand,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from "./sdk.js";

/**
 * The one table's shape, shared by the local setup and (later) the SST stack so that
 * both create the same thing. Generic key names: items of many kinds share the table.
 */
export const TABLE_KEYS = {
  partitionKey: "pk",
  sortKey: "sk",
  /** Epoch seconds after which DynamoDB may expire an item (idempotency, rate limits). */
  ttlAttribute: "expiresAt",
  /** Overloaded indexes: what each holds is listed in README.md and built in keys.ts. */
  indexes: {
    /** Owner lists: a department's concerns, notices by state, a department's staff, the access log. */
    gsi1: { name: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" },
    /** Concerns by village: the contact leader's view. */
    gsi2: { name: "gsi2", partitionKey: "gsi2pk", sortKey: "gsi2sk" },
    /** Every concern of the town: admin's and inspectors' view. */
    gsi3: { name: "gsi3", partitionKey: "gsi3pk", sortKey: "gsi3sk" },
    /** Concerns by registration month (Asia/Shanghai): the ledger export's date range. */
    gsi4: { name: "gsi4", partitionKey: "gsi4pk", sortKey: "gsi4sk" },
  },
} as const;

const indexes = Object.values(TABLE_KEYS.indexes);

const attributeDefinitions: AttributeDefinition[] = [
  TABLE_KEYS.partitionKey,
  TABLE_KEYS.sortKey,
  ...indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
].map((name) => ({ AttributeName: name, AttributeType: "S" }));

const keySchema = (hash: string, range: string): KeySchemaElement[] => [
  { AttributeName: hash, KeyType: "HASH" },
  { AttributeName: range, KeyType: "RANGE" },
];

const globalSecondaryIndexes: GlobalSecondaryIndex[] = indexes.map((i) => ({
  IndexName: i.name,
  KeySchema: keySchema(i.partitionKey, i.sortKey),
  Projection: { ProjectionType: "ALL" },
}));

/**
 * Creates the table if it does not exist, and adds any index it lacks (a table kept in
 * `.data/` from before an index was added); returns true when it created the table.
 */
export async function ensureTable(
  client: DynamoDBDocumentClient,
  tableName: string,
): Promise<boolean> {
  try {
    const existing = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const have = new Set((existing.Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
    for (const index of globalSecondaryIndexes.filter((i) => !have.has(i.IndexName))) {
      // One index per UpdateTable call, as DynamoDB requires.
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: attributeDefinitions,
          GlobalSecondaryIndexUpdates: [{ Create: index }],
        }),
      );
      await waitForIndexes(client, tableName);
    }
    return false;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: attributeDefinitions,
        KeySchema: keySchema(TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey),
        GlobalSecondaryIndexes: globalSecondaryIndexes,
      }),
    );
  } catch (error) {
    // Another process created it first: fine.
    if (error instanceof ResourceInUseException) return false;
    throw error;
  }
  await waitUntilTableExists({ client, maxWaitTime: 60 }, { TableName: tableName });
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: TABLE_KEYS.ttlAttribute, Enabled: true },
    }),
  );
  return true;
}

/** Waits until every index is ACTIVE: DynamoDB refuses the next index while one is building. */
async function waitForIndexes(client: DynamoDBDocumentClient, tableName: string): Promise<void> {
  // Seconds when idle; DynamoDB Local under a busy test run can take minutes.
  for (let attempt = 0; attempt < 1200; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const busy = (Table?.GlobalSecondaryIndexes ?? []).some((i) => i.IndexStatus !== "ACTIVE");
    if (Table?.TableStatus === "ACTIVE" && !busy) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`indexes of ${tableName} did not become active within five minutes`);
}
