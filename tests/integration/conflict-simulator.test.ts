import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { createDynamoClient } from "@lianxin/store";
import { type SimulatedClient, simulateConflicts } from "@lianxin/store/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestTable } from "../support/database.js";

/**
 * The conflict simulator against DynamoDB Local: what real DynamoDB does to concurrent
 * writers (store README, "Conflict simulator"), and what it leaves alone.
 */
let tableName: string;
let plain: ReturnType<typeof createDynamoClient>;
let client: SimulatedClient;

beforeAll(async () => {
  const table = await createTestTable();
  tableName = table.tableName;
  plain = createDynamoClient({ endpoint: table.endpoint, region: "local" });
  // A fixed latency wide enough that "at the same time" is certain on a busy machine.
  client = simulateConflicts(createDynamoClient({ endpoint: table.endpoint, region: "local" }), {
    latencyMs: 150,
  });
});
afterAll(() => {
  plain.destroy();
  client.destroy();
});

const key = (pk: string, sk = "ITEM") => ({ pk, sk });
const put = (pk: string, extra: Record<string, unknown> = {}) => ({
  Put: { TableName: tableName, Item: { ...key(pk), ...extra } },
});
const add = (pk: string) => ({
  Update: {
    TableName: tableName,
    Key: key(pk),
    UpdateExpression: "ADD n :one",
    ExpressionAttributeValues: { ":one": 1 },
  },
});
const transact = (items: object[]) =>
  client.send(new TransactWriteCommand({ TransactItems: items as never }));
const settle = (promises: Promise<unknown>[]) => Promise.allSettled(promises);
const read = async (pk: string) =>
  (await plain.send(new GetCommand({ TableName: tableName, Key: key(pk), ConsistentRead: true })))
    .Item;

describe("conflict simulator", () => {
  it("cancels the second of two overlapping transactions, TransactionConflict at the item", async () => {
    const [first, second] = await settle([
      transact([put("A1"), add("SHARED")]),
      // Started while the first is in flight: its item 1 (SHARED) is held.
      new Promise((r) => setTimeout(r, 20)).then(() => transact([put("B1"), add("SHARED")])),
    ]);
    expect(first?.status).toBe("fulfilled");
    expect(second?.status).toBe("rejected");
    const error = (second as PromiseRejectedResult).reason;
    expect(error.name).toBe("TransactionCanceledException");
    expect(error.CancellationReasons.map((r: { Code: string }) => r.Code)).toEqual([
      "None",
      "TransactionConflict",
    ]);
    // The cancelled transaction wrote nothing; the first wrote everything.
    expect(await read("B1")).toBeUndefined();
    expect(await read("A1")).toBeDefined();
    expect((await read("SHARED"))?.n).toBe(1);
    expect(client.simulator.stats.transactionsCancelled).toBeGreaterThanOrEqual(1);
    expect(client.simulator.held()).toEqual([]);
  });

  it("refuses a single Put to a held item with TransactionConflictException", async () => {
    const [tx, single] = await settle([
      transact([put("HELD", { by: "transaction" })]),
      new Promise((r) => setTimeout(r, 20)).then(() =>
        client.send(new PutCommand({ TableName: tableName, Item: { ...key("HELD"), by: "put" } })),
      ),
    ]);
    expect(tx?.status).toBe("fulfilled");
    expect(single?.status).toBe("rejected");
    expect((single as PromiseRejectedResult).reason.name).toBe("TransactionConflictException");
    expect((await read("HELD"))?.by).toBe("transaction");
    // Once the transaction has answered, the item is free again.
    await client.send(
      new PutCommand({ TableName: tableName, Item: { ...key("HELD"), by: "put" } }),
    );
    expect((await read("HELD"))?.by).toBe("put");
  });

  it("lets transactions on disjoint items both commit", async () => {
    const results = await settle([
      transact([put("D1"), add("D-COUNT-1")]),
      transact([put("D2"), add("D-COUNT-2")]),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    expect(await read("D1")).toBeDefined();
    expect(await read("D2")).toBeDefined();
  });

  it("never makes reads conflict", async () => {
    await plain.send(new PutCommand({ TableName: tableName, Item: { ...key("R"), v: 1 } }));
    const started = Date.now();
    const [tx, got, queried] = await settle([
      transact([put("R", { v: 2 })]),
      new Promise((r) => setTimeout(r, 20)).then(() =>
        client.send(new GetCommand({ TableName: tableName, Key: key("R"), ConsistentRead: true })),
      ),
      new Promise((r) => setTimeout(r, 20)).then(() =>
        client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: "pk = :pk",
            ExpressionAttributeValues: { ":pk": "R" },
          }),
        ),
      ),
    ]);
    expect([tx, got, queried].map((r) => r?.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "fulfilled",
    ]);
    // Read while the transaction held the item: the last committed state, before or after.
    expect([1, 2]).toContain(
      (got as unknown as PromiseFulfilledResult<{ Item: { v: number } }>).value.Item.v,
    );
    expect(
      (queried as unknown as PromiseFulfilledResult<{ Items: unknown[] }>).value.Items,
    ).toHaveLength(1);
    // Every round trip took its latency.
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect((await read("R"))?.v).toBe(2);
  });

  it("draws a seeded latency of 5–10 ms per round trip by default", async () => {
    const timed = simulateConflicts(plain);
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      await timed.send(new GetCommand({ TableName: tableName, Key: key("R") }));
      times.push(performance.now() - t0);
    }
    expect(Math.min(...times)).toBeGreaterThanOrEqual(4.5);
    expect(timed.simulator.stats.requests.GetCommand).toBe(10);
  });
});
