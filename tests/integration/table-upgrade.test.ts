/**
 * A table kept in .data/ from before an index existed is upgraded in place by the local
 * start (ensureTable), so the portal keeps working on old data.
 *
 * It runs on a DynamoDB Local of its own: on the run's shared instance, busy with every
 * other test file, DynamoDB Local was seen to leave a new index CREATING for minutes.
 */
import { CreateTableCommand, DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { startDynamoDbLocal } from "@lianxin/local";
import { createDynamoClient, ensureTable, TABLE_KEYS } from "@lianxin/store";
import { afterAll, beforeAll, expect, it } from "vitest";

let db: Awaited<ReturnType<typeof startDynamoDbLocal>>;
beforeAll(async () => {
  db = await startDynamoDbLocal({ port: 0 });
});
afterAll(async () => {
  await db?.stop();
});

it("adds missing indexes to an old table", { timeout: 360_000 }, async () => {
  const client = createDynamoClient({ endpoint: db.endpoint, region: "local" });
  const TableName = "old-table";
  await client.send(
    new CreateTableCommand({
      TableName,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [
        { AttributeName: "pk", AttributeType: "S" },
        { AttributeName: "sk", AttributeType: "S" },
      ],
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
    }),
  );
  expect(await ensureTable(client, TableName)).toBe(false);
  const t = await client.send(new DescribeTableCommand({ TableName }));
  const names = (t.Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName).sort();
  expect(names).toEqual(
    Object.values(TABLE_KEYS.indexes)
      .map((i) => i.name)
      .sort(),
  );
  client.destroy();
});
