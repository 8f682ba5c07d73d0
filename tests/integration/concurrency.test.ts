import { parseLedgerNo } from "@lianxin/core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createTestApi,
  newIdempotencyKey,
  smellyCreek,
  submit,
  type TestApi,
} from "../support/api.js";

/**
 * Run twice: on plain DynamoDB Local, which runs transactions one at a time, and under the
 * conflict simulator (`@lianxin/store/simulator`), where concurrent transactions on one item
 * are cancelled with `TransactionConflict` as on AWS and every round trip takes 5–10 ms.
 */
describe.each([
  { mode: "plain DynamoDB Local", simulate: false },
  { mode: "conflict simulator", simulate: true },
])("concurrent submissions ($mode)", ({ simulate }) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(
      { limits: { submissionsPerHour: 10_000, wrongCodesPer15Minutes: 5, messagesPerHour: 20 } },
      { simulate },
    );
  });

  it("gives 50 parallel submissions 50 distinct, gap-free ledger numbers", async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => submit(api, { ...smellyCreek, title: `并发 ${i}` })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    const numbers = await Promise.all(responses.map(async (r) => (await r.json()).ledgerNo));
    const sequences = numbers.map((n) => parseLedgerNo(n)?.sequence ?? 0).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(50);
    expect(sequences).toEqual(Array.from({ length: 50 }, (_, i) => (sequences[0] ?? 0) + i));
    if (simulate) expect(api.simulator?.stats.transactionsCancelled).toBeGreaterThan(0);
  });

  it("creates exactly one concern from 20 parallel replays of one Idempotency-Key", async () => {
    const key = newIdempotencyKey();
    const before = (await (await submit(api, smellyCreek)).json()).ledgerNo;
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => submit(api, smellyCreek, { key })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    const receipts = await Promise.all(responses.map((r) => r.json()));
    expect(new Set(receipts.map((r) => JSON.stringify(r))).size).toBe(1);
    const after = (await (await submit(api, smellyCreek)).json()).ledgerNo;
    // Exactly one number was used between the two probes.
    expect(parseLedgerNo(after)?.sequence).toBe((parseLedgerNo(before)?.sequence ?? 0) + 2);
    expect(parseLedgerNo(receipts[0].ledgerNo)?.sequence).toBe(
      (parseLedgerNo(before)?.sequence ?? 0) + 1,
    );
  });
});
