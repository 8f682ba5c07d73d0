/**
 * A table kept in .data/ from before an index existed is upgraded in place by the local
 * start (ensureTable), so the portal keeps working on old data.
 */
import { CreateTableCommand, DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { createDynamoClient, ensureTable, TABLE_KEYS } from "@lianxin/store";
import { expect, inject, it } from "vitest";

it("adds missing indexes to an old table", { timeout: 360_000 }, async () => {
  const client = createDynamoClient({ endpoint: inject("dynamoEndpoint"), region: "local" });
  const TableName = `old-${Date.now()}`;
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
