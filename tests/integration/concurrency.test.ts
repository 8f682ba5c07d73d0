import { formatLedgerNo, ledgerYear, parseLedgerNo } from "@lianxin/core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createTestApi,
  newIdempotencyKey,
  smellyCreek,
  submit,
  type TestApi,
} from "../support/api.js";
import { expectCountersMatchRecount } from "../support/recount.js";
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
      {
        limits: {
          submissionsPerHour: 10_000,
          wrongCodesPer15Minutes: 5,
          messagesPerHour: 20,
          uploadsPerHour: 60,
        },
      },
      { simulate },
    );
  });

  const year = ledgerYear(new Date());
  const voidsNow = async () => api.deps.store.listLedgerVoids(year);
  const sequenceOf = (ledgerNo: string) => parseLedgerNo(ledgerNo)?.sequence ?? 0;

  it("gives 50 parallel submissions 50 distinct numbers; 20 replays after take none", async () => {
    const voidsBefore = (await voidsNow()).length;
    const keys = Array.from({ length: 50 }, () => newIdempotencyKey());
    // Fifty residents, each from their own address (one address's window is one item, which
    // its own submissions write one at a time; its hourly limit keeps that queue short).
    const responses = await Promise.all(
      keys.map((key, i) =>
        submit(api, { ...smellyCreek, title: `并发 ${i}` }, { key, from: `198.51.100.${i + 1}` }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    const receipts = await Promise.all(responses.map((r) => r.json()));
    const sequences = receipts.map((r) => sequenceOf(r.ledgerNo)).sort((a, b) => a - b);
    // Nothing else submits meanwhile: 50 numbers in a row, each one a concern.
    expect(sequences).toEqual(Array.from({ length: 50 }, (_, i) => (sequences[0] ?? 0) + i));
    for (const r of receipts)
      expect(await api.deps.store.getConcernWithEvents(r.ledgerNo)).not.toBeNull();

    // Replays of an answered key are read from its record: the same receipt, no number used.
    const replays = await Promise.all(
      Array.from({ length: 20 }, () =>
        submit(api, { ...smellyCreek, title: "并发 7" }, { key: keys[7] }),
      ),
    );
    expect(replays.map((r) => r.status)).toEqual(Array(20).fill(201));
    for (const r of replays) expect(await r.json()).toEqual(receipts[7]);
    const next = await (await submit(api, smellyCreek)).json();
    expect(sequenceOf(next.ledgerNo)).toBe((sequences.at(-1) ?? 0) + 1);
    expect((await voidsNow()).length).toBe(voidsBefore);
    await expectCountersMatchRecount(api);
    if (simulate) expect(api.simulator?.stats.transactionsCancelled).toBeGreaterThan(0);
  });

  it("makes one concern of 20 concurrent first tries with one key; each other number is void", async () => {
    const key = newIdempotencyKey();
    const before = sequenceOf((await (await submit(api, smellyCreek)).json()).ledgerNo);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => submit(api, smellyCreek, { key })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    const receipts = await Promise.all(responses.map((r) => r.json()));
    expect(new Set(receipts.map((r) => JSON.stringify(r))).size).toBe(1);
    const after = sequenceOf((await (await submit(api, smellyCreek)).json()).ledgerNo);
    // Each first try reserved a number (the key was unknown when it looked): one holds the
    // concern, every other one a void record saying why, and nothing is left unaccounted.
    expect(after - before - 1).toBe(20);
    const voids = new Map((await voidsNow()).map((v) => [sequenceOf(v.ledgerNo), v]));
    for (let n = before + 1; n < after; n++) {
      if (n === sequenceOf(receipts[0].ledgerNo)) {
        expect(voids.has(n)).toBe(false);
        continue;
      }
      expect(voids.get(n)).toMatchObject({ reason: "duplicate_request", voidedBy: "submission" });
      expect(await api.deps.store.getConcernWithEvents(formatLedgerNo(year, n))).toBeNull();
    }
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
    await expectCountersMatchRecount(api);
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
