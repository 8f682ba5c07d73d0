import { parseLedgerNo } from "@lianxin/core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createTestApi,
  newIdempotencyKey,
  smellyCreek,
  submit,
  type TestApi,
} from "../support/api.js";
import { act, loginAs, staff } from "../support/staff.js";

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

  /** The race below: each staff action's answer, its version before and after. */
  const race: Array<{ status: number; code?: string; before: number; after: number }> = [];

  it("races a staff action with submissions to its department; nobody else acts", async () => {
    const cadre = await loginAs(api, "cadre");
    const versionOf = async (ledgerNo: string): Promise<number> =>
      (await (await staff(api, cadre, "GET", `/api/staff/concerns/${ledgerNo}`)).json()).version;
    // Concerns of 环保分局 / 梅泾村, accepted: a first response adds to that department's and
    // village's counters of the month (METRICS#…), which every submission here adds to too.
    const ledgerNos: string[] = [];
    for (let i = 0; i < 4; i++) {
      const filed = await (await submit(api, { ...smellyCreek, title: `先到 ${i}` })).json();
      expect((await act(api, cadre, filed.ledgerNo, { type: "accept" })).status).toBe(200);
      ledgerNos.push(filed.ledgerNo);
    }
    api.simulator?.resetStats();
    for (const ledgerNo of ledgerNos) {
      const before = await versionOf(ledgerNo);
      const [response, ...submissions] = await Promise.all([
        staff(api, cadre, "POST", `/api/staff/concerns/${ledgerNo}/actions`, {
          expectedVersion: before,
          type: "respond",
          method: "phone",
          summary: "电话联系反映人",
        }),
        ...Array.from({ length: 12 }, (_, i) =>
          submit(api, { ...smellyCreek, title: `同时 ${i}` }),
        ),
      ]);
      expect(submissions.map((r) => r.status)).toEqual(Array(12).fill(201));
      const body = await response.json();
      race.push({
        status: response.status,
        code: body.error?.code,
        before,
        after: await versionOf(ledgerNo),
      });
    }
    // Only this action could change these concerns: each one moved exactly when it succeeded.
    for (const { status, code, before, after } of race) {
      expect(after > before).toBe(status === 200);
      if (status !== 200) expect(code).toBe("conflict");
    }
    if (simulate) expect(api.simulator?.stats.conflictsOn.METRICS ?? 0).toBeGreaterThan(0);
  });

  /**
   * Issue #13 ("a 409 conflict means the concern's version changed, and nothing else"). Under
   * the simulator the racing submissions hold the department's and village's month counter
   * items (METRICS#department#env-bureau, METRICS#village#meijing) in their transactions, and
   * the action's transaction, which ADDs to the same items, is cancelled with
   * TransactionConflict at those positions. `commitConcernChanges` sends it again (bounded,
   * within the deadline) instead of answering 409: only a failed version condition is a
   * conflict. Before that, this answered 409 four times out of four.
   */
  it("never answers 409 to that staff action", () => {
    expect(race).toHaveLength(4);
    expect(race.map((r) => r.status)).toEqual([200, 200, 200, 200]);
  });
});
