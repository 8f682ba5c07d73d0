/**
 * Smoke test of the test setup: the run's DynamoDB Local answers, creates a table and runs
 * transactions (which dynalite, for one, cannot).
 */
import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  GetItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

const endpoint = inject("dynamoEndpoint");
const client = new DynamoDBClient({
  endpoint,
  region: "local",
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
});
const tableName = `smoke-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

describe("DynamoDB Local from the global setup", () => {
  beforeAll(async () => {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
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
  });

  afterAll(async () => {
    await client.send(new DeleteTableCommand({ TableName: tableName }));
    client.destroy();
  });

  it("is a local endpoint", () => {
    expect(endpoint).toMatch(/^https?:\/\//);
  });

  it("commits a transaction atomically and cancels a conflicting one", async () => {
    const put = (sk: string, value: string) => ({
      Put: {
        TableName: tableName,
        Item: { pk: { S: "smoke" }, sk: { S: sk }, value: { S: value } },
        ConditionExpression: "attribute_not_exists(pk)",
      },
    });
    await client.send(
      new TransactWriteItemsCommand({ TransactItems: [put("a", "1"), put("b", "2")] }),
    );

    const read = async (sk: string) =>
      (
        await client.send(
          new GetItemCommand({ TableName: tableName, Key: { pk: { S: "smoke" }, sk: { S: sk } } }),
        )
      ).Item?.value?.S;
    expect(await read("a")).toBe("1");
    expect(await read("b")).toBe("2");

    // "b" exists, so the whole transaction fails and "c" is not written either.
    await expect(
      client.send(new TransactWriteItemsCommand({ TransactItems: [put("c", "3"), put("b", "x")] })),
    ).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(await read("c")).toBeUndefined();
    expect(await read("b")).toBe("2");
  });
});
