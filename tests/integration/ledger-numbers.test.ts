import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { formatLedgerNo, ledgerYear, ORPHAN_AFTER_MS, parseLedgerNo } from "@lianxin/core";
import { runEscalationJob } from "@lianxin/functions";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, smellyCreek, submit, type TestApi } from "../support/api.js";

/**
 * Every reserved ledger number holds its concern or a void record (store README, "Ledger
 * numbers"). Here the app's client fails chosen transactions, as a dying connection or a
 * cancelled write would: a failure the submission sees voids its number at once, with the
 * reason; one it cannot report (its void fails too) leaves an orphan, which the escalation
 * job voids once it is 10 minutes old, and only once.
 */

type Command = { constructor: { name: string }; input: unknown };
type Send = (command: Command, ...rest: unknown[]) => Promise<unknown>;

/** The client with its `send` passed through `around`, everything else as it was. */
function aroundSend(
  client: DynamoDBDocumentClient,
  around: (command: Command, send: () => Promise<unknown>) => Promise<unknown>,
): DynamoDBDocumentClient {
  const send = client.send.bind(client) as unknown as Send;
  const wrapped = (command: Command, ...rest: unknown[]) =>
    around(command, () => send(command, ...rest));
  return new Proxy(client, {
    get: (target, property, receiver) =>
      property === "send" ? wrapped : Reflect.get(target, property, receiver),
  });
}

/** What the next transactions do: "ok", or fail like a reset connection. */
let transactions: "ok" | "fail-concern" | "fail-all" = "ok";

const failing = (client: DynamoDBDocumentClient) =>
  aroundSend(client, async (command, send) => {
    const items = (
      command.input as { TransactItems?: Array<{ Put?: { Item?: { entity?: string } } }> }
    ).TransactItems;
    const isConcernWrite = items?.some((i) => i.Put?.Item?.entity === "idempotency");
    if (
      command.constructor.name === "TransactWriteCommand" &&
      (transactions === "fail-all" || (transactions === "fail-concern" && isConcernWrite))
    ) {
      throw Object.assign(new Error("socket hang up"), { name: "TimeoutError" });
    }
    return send();
  });

let api: TestApi;
let clock = new Date();
const year = ledgerYear(clock);
const sequenceOf = (ledgerNo: string) => parseLedgerNo(ledgerNo)?.sequence ?? 0;
/** The number the next submission reserves. */
const nextNumber = async () => {
  const probe = await (await submit(api, smellyCreek)).json();
  return sequenceOf(probe.ledgerNo) + 1;
};

beforeAll(async () => {
  api = await createTestApi({ now: () => clock }, { wrapClient: failing });
});

describe("ledger numbers", () => {
  it("voids at once, with its reason, a number whose concern could not be written", async () => {
    const number = await nextNumber();
    transactions = "fail-concern";
    const failed = await submit(api, smellyCreek);
    transactions = "ok";
    expect(failed.status).toBe(503);
    const voids = await api.deps.store.listLedgerVoids(year);
    expect(voids.find((v) => v.ledgerNo === formatLedgerNo(year, number))).toMatchObject({
      reason: "write_failed",
      detail: "TimeoutError",
      voidedBy: "submission",
    });
    // The number is never reused: the next submission takes the one after.
    expect(await nextNumber()).toBe(number + 2);
  });

  it("voids the number of a submission refused by its window after the gate let it in", async () => {
    // Transactions wait until two gate reads are done, so both submissions see room.
    let gateReads = 0;
    let release = () => {};
    const bothRead = new Promise<void>((resolve) => {
      release = resolve;
    });
    const afterTwoGates = (client: DynamoDBDocumentClient) =>
      aroundSend(client, async (command, send) => {
        const name = command.constructor.name;
        if (name === "TransactWriteCommand") await bothRead;
        const result = await send();
        if (name === "BatchGetCommand" && ++gateReads === 2) release();
        return result;
      });
    const limited = await createTestApi(
      {
        limits: {
          submissionsPerHour: 1,
          wrongCodesPer15Minutes: 5,
          messagesPerHour: 20,
          uploadsPerHour: 60,
        },
      },
      { wrapClient: afterTwoGates },
    );
    // Two at once from one address: both see room, both reserve; one write fills the window.
    const answers = await Promise.all(
      [0, 1].map(() => submit(limited, smellyCreek, { from: "203.0.113.9" })),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 429]);
    const voids = await limited.deps.store.listLedgerVoids(year);
    expect(voids.map((v) => v.reason)).toEqual(["rate_limited"]);
    // A third is refused by the gate read, before a number is reserved.
    expect((await submit(limited, smellyCreek, { from: "203.0.113.9" })).status).toBe(429);
    expect(await limited.deps.store.listLedgerVoids(year)).toHaveLength(1);
  });

  it("leaves the job to void an orphaned number after 10 minutes, once", async () => {
    const number = await nextNumber();
    const ledgerNo = formatLedgerNo(year, number);
    transactions = "fail-all"; // the concern's write and its void both fail: an orphan
    expect((await submit(api, smellyCreek)).status).toBe(503);
    transactions = "ok";
    const voidOf = async () =>
      (await api.deps.store.listLedgerVoids(year)).filter((v) => v.ledgerNo === ledgerNo);
    expect(await voidOf()).toEqual([]);

    const start = clock;
    const at = (ms: number) => {
      clock = new Date(start.getTime() + ms);
    };
    expect((await runEscalationJob(api.deps)).numbersVoided).toBe(0); // first sighting
    at(ORPHAN_AFTER_MS - 60_000);
    expect((await runEscalationJob(api.deps)).numbersVoided).toBe(0); // too young
    at(ORPHAN_AFTER_MS + 1_000);
    expect((await runEscalationJob(api.deps)).numbersVoided).toBe(1);
    expect(await voidOf()).toEqual([
      expect.objectContaining({ reason: "orphaned", voidedBy: "escalation_job" }),
    ]);
    at(2 * ORPHAN_AFTER_MS);
    expect((await runEscalationJob(api.deps)).numbersVoided).toBe(0);
    expect(await voidOf()).toHaveLength(1);
    // And every number so far is accounted for: a concern or a void.
    const { lastSequence, audit } = await api.deps.store.readLedgerAudit(year);
    expect(audit.accountedThrough).toBe(lastSequence);
  });
});
