/**
 * Intake benchmark (issue 13, item 1): residents' submissions (`POST /api/concerns`) through
 * the real app at concurrency 1, 16 and 64, side by side with the app's own final
 * transaction replayed directly against the same DynamoDB Local, in the same run.
 *
 *   pnpm bench:intake            100 / 400 / 800 submissions at concurrency 1 / 16 / 64
 *   pnpm bench:intake --small    40 / 160 / 320, to check the script quickly
 *
 * Options: --counts A,B,C (submissions per level), --warm-up N (default 200), --simulate (the
 * app and the replay both talk through the conflict simulator, `@lianxin/store/simulator`:
 * real DynamoDB's cancellations of concurrent transactions on one item, 5–10 ms a round trip).
 *
 * The app runs with the deployed API's request deadline (REQUEST_DEADLINE_MS.aws). At
 * concurrency 64 one submission in RETRY_EVERY is sent again with its Idempotency-Key
 * RETRY_AFTER_MS later, as a client that gave up would: both answers must be the same
 * receipt. A middleware inside the SDK's retry loop counts every attempt sent after its
 * request's deadline (the goal: none). At the end every ledger number of the year must hold a
 * concern or a void record.
 *
 * Every submission comes from its own client address (forwarded with the site secret, as
 * the sites do), so the hourly allowance never refuses one. A middleware on the store's
 * DynamoDB client counts each submission's requests by command (AsyncLocalStorage carries
 * which submission a request belongs to) and keeps the input of the last TransactWriteItems
 * each submission sent: the one that committed. The replay sends those transactions again
 * straight through a document client, at the same concurrency, each with its partition keys
 * suffixed (fresh items, no collision with the app's or each other's): the same items, the
 * same sizes, the same conditions, without the app's reads and number reservation: at
 * concurrency 1 each right after its submission, at 16 and 64 in four rounds of each, taking
 * turns at going first, after a warm-up that lets DynamoDB Local's JIT settle. Exit 1 if a
 * goal is missed.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { type DynamoDBDocumentClient, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { DEFAULT_SMS_SIGNATURE, formatLedgerNo, ledgerYear } from "@lianxin/core";
import {
  createApp,
  createDeps,
  localSmsSink,
  REQUEST_DEADLINE_MS,
  readConfig,
  withInProcessSms,
} from "@lianxin/functions";
import { prepareLocalDatabase } from "@lianxin/functions/local";
import { createDynamoClient, createStore, currentDeadline } from "@lianxin/store";
import { simulateConflicts } from "@lianxin/store/simulator";
import { startDynamoDbLocal } from "../dynamodb-local.js";
import { fail, log, percentile, positive, runScript } from "./cli.js";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const TABLE = "lianxin-bench-intake";
const SITE_SECRET = "bench-intake-site-secret";
const LEVELS = [1, 16, 64] as const;
/** At concurrency 64, every so many submissions are sent again RETRY_AFTER_MS later. */
const RETRY_EVERY = 20;
const RETRY_AFTER_MS = 300;
/** At 16 and 64, the app and the replay take turns in this many chunks each. */
const ROUNDS = 4;
const WARM_UP_CONCURRENCY = 16;
const GOALS = {
  warmRequests: 3,
  c1LatencyRatio: 2.5,
  c16ThroughputRatio: 0.6,
  c16P99Ms: 1_000,
  c64P99Ms: 3_000,
};

const { values: opts } = parseArgs({
  options: {
    small: { type: "boolean", default: false },
    simulate: { type: "boolean", default: false },
    counts: { type: "string" },
    "warm-up": { type: "string", default: "200" },
  },
});
const counts = (opts.counts ?? (opts.small ? "40,160,320" : "100,400,800"))
  .split(",")
  .map((s) => positive(s, "--counts"));
if (counts.length !== LEVELS.length) fail("--counts takes three numbers, for 1, 16 and 64");
const warmUp = positive(opts["warm-up"], "--warm-up");

const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(1)} ms`);
const rate = (n: number) => `${n.toFixed(1)}/s`;

type Json = Record<string, unknown>;
type Transaction = { TransactItems: Json[] };

/** What one submission did to DynamoDB. */
interface Trace {
  requests: Map<string, number>;
  lastTransaction?: Transaction;
}

const body = (i: number) => ({
  villageId: "meijing",
  groupId: "meijing-01",
  categoryCode: "environment",
  title: `倪巷浜臭水河 ${i}`,
  description: "倪巷浜河水发黑发臭，夏天气味很大，附近居民经常“感冒”，希望尽快治理。",
  address: "梅泾村倪巷组 18 号",
  contactName: "张三",
  // A mobile each: every submission sends its receipt by SMS (through the local sink).
  contactPhone: `139${String(i).padStart(8, "0")}`,
});

/** A distinct client address per submission: 10.x.y.z from its number. */
const address = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

interface Level {
  /** CPU time of this Node process while the level ran (not DynamoDB Local's). */
  cpuMs: number;
  /** CPU time of DynamoDB Local's JVM while the level ran. */
  jvmCpuMs: number;
  concurrency: number;
  count: number;
  seconds: number;
  latencies: number[];
  errors: Map<string, number>;
  requestsPer: number[];
  requestKinds: Map<string, number>;
  transactions: Transaction[];
}

interface ReplayLevel {
  seconds: number;
  /** CPU time of this Node process while the level ran (not DynamoDB Local's). */
  cpuMs: number;
  /** CPU time of DynamoDB Local's JVM while the level ran. */
  jvmCpuMs: number;
  latencies: number[];
  errors: Map<string, number>;
}

/** Runs `count` tasks with `concurrency` in flight; the time taken, in seconds. */
async function pool(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return (performance.now() - t0) / 1000;
}

/**
 * The captured transaction made fresh: partition keys suffixed, the indexes' too (the same
 * index writes, in partitions of their own: a replayed SMS must not join the sender's queue).
 */
function freshCopy(tx: Transaction, suffix: string): Transaction {
  const renameKey = (key: Json) => {
    const copy: Json = { ...key, pk: `${String(key.pk)}${suffix}` };
    for (const name of Object.keys(copy)) {
      if (/^gsi\d+pk$/.test(name)) copy[name] = `${String(copy[name])}${suffix}`;
    }
    return copy;
  };
  return {
    TransactItems: tx.TransactItems.map((entry) => {
      const [kind, op] = Object.entries(entry)[0] as [string, Json];
      const copy: Json = { ...op };
      if (copy.Key) copy.Key = renameKey(copy.Key as Json);
      if (copy.Item) copy.Item = renameKey(copy.Item as Json);
      return { [kind]: copy };
    }),
  };
}

/**
 * `client` with its `send` counted per submission (the Trace in `current`) by command, and
 * the input of each transaction that committed kept: the last one is the submission's own.
 */
function recording(
  client: DynamoDBDocumentClient,
  current: AsyncLocalStorage<Trace>,
): DynamoDBDocumentClient {
  type Send = (command: { input: unknown }, ...rest: unknown[]) => Promise<unknown>;
  const send = client.send.bind(client) as unknown as Send;
  const counted: Send = async (command, ...rest) => {
    const trace = current.getStore();
    const name = command.constructor.name.replace(/Command$/, "");
    if (trace) add(trace.requests, name);
    // Kept by reference: the store builds a new input per transaction and only redraws the
    // counter shards of a cancelled one before sending it again, so after the last answer it
    // holds what committed (freshCopy copies it for each replay).
    const input = name === "TransactWrite" ? (command.input as Transaction) : null;
    const result = await send(command, ...rest);
    if (trace && input) trace.lastTransaction = input;
    return result;
  };
  return new Proxy(client, {
    get: (target, property, receiver) =>
      property === "send" ? counted : Reflect.get(target, property, receiver),
  });
}

/**
 * CPU time a process has used, in ms, from Linux's /proc (clock ticks of 10 ms): DynamoDB
 * Local's JVM, to show how each side's cost splits between it and this process. 0 elsewhere.
 */
function processCpuMs(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

const add = (m: Map<string, number>, k: string, n = 1) => m.set(k, (m.get(k) ?? 0) + n);
const describe = (m: Map<string, number>, per = 1) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${Number.isInteger(v / per) ? v / per : (v / per).toFixed(2)}`)
    .join(", ");

async function main(): Promise<number> {
  log(
    `Lianxin intake benchmark: POST /api/concerns at concurrency ${LEVELS.join(", ")} (${counts.join(" / ")} submissions); their committed transactions replayed directly (at 1 each right after its submission, else in turns with the app)`,
  );
  const db = await startDynamoDbLocal();
  process.once("SIGINT", () => void db.stop().then(() => process.exit(130)));
  try {
    await prepareLocalDatabase({ endpoint: db.endpoint, tableName: TABLE });
    log(
      `  DynamoDB Local (in memory) at ${db.endpoint}, table ${TABLE}, demo directory seeded; load average ${loadavg()[0]?.toFixed(2)}, ${availableParallelism()} CPUs`,
    );

    const current = new AsyncLocalStorage<Trace>();
    const lateAttempts = { count: 0 };
    const base = createDynamoClient({ endpoint: db.endpoint });
    // Inside the SDK's retry loop (finalizeRequest, low priority): every attempt that goes on
    // the wire, checked against the deadline of the request it serves.
    base.middlewareStack.add(
      (next) => async (args) => {
        const deadline = currentDeadline();
        if (deadline && deadline.clock() > deadline.at) lateAttempts.count++;
        return next(args);
      },
      { step: "finalizeRequest", name: "benchIntakeLateAttempts", priority: "low" },
    );
    const simulated = opts.simulate ? simulateConflicts(base) : null;
    // Outermost: what the store sends (under the simulator, cancelled attempts too, as they
    // would be requests on AWS), and the input of each transaction that committed, as the
    // store gave it (plain values), so a document client can send it again.
    const client = recording(simulated ?? base, current);
    const config = readConfig({
      TABLE_NAME: TABLE,
      DYNAMODB_ENDPOINT: db.endpoint,
      LIANXIN_SITE_SECRET: SITE_SECRET,
      FILES_DIR: join(tmpdir(), "lianxin-bench-files"),
    });
    // The SMS sender runs in this process, as with npm start: each submission writes its
    // receipt and starts it; the sink only counts what it is given.
    const sink = { sent: 0 };
    const deps = withInProcessSms(
      createDeps(config, {
        store: createStore(client, TABLE),
        requestDeadlineMs: REQUEST_DEADLINE_MS.aws,
      }),
      {
        provider: localSmsSink({ log: () => sink.sent++ }),
        signature: DEFAULT_SMS_SIGNATURE,
        siteUrl: "http://localhost:4321",
        townPerHour: 1_000_000,
      },
    );
    const app = createApp(deps);
    // A document client as the store's (same timeouts, two attempts per call), simulated alike.
    const plainReplay = createDynamoClient({ endpoint: db.endpoint });
    const replayClient = opts.simulate ? simulateConflicts(plainReplay) : plainReplay;
    if (simulated) log("  conflict simulator on: app and replay, 5–10 ms a round trip");

    const replayOne = async (replay: ReplayLevel, captured: Transaction, suffix: string) => {
      const tx = freshCopy(captured, suffix);
      const t0 = performance.now();
      try {
        await replayClient.send(
          new TransactWriteCommand(tx as ConstructorParameters<typeof TransactWriteCommand>[0]),
        );
      } catch (error) {
        const name = (error as Error)?.name ?? "Error";
        if (!replay.errors.has(name)) {
          log(`    replay error: ${name}: ${(error as Error)?.message}`);
          if (process.env.BENCH_DEBUG) log(JSON.stringify(tx, null, 1));
        }
        add(replay.errors, name);
      }
      replay.latencies.push(performance.now() - t0);
    };

    let serial = 0;
    /** One submission; `again` sends submission n's request once more (same key and body). */
    const submitOne = async (again?: number) => {
      const n = again ?? ++serial;
      const trace: Trace = { requests: new Map() };
      const t0 = performance.now();
      const res = await current.run(trace, () =>
        app.request("/api/concerns", {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "idempotency-key": `bench-intake-${process.pid}-${n}`,
            "x-lianxin-client-address": address(n),
            "x-lianxin-site-secret": SITE_SECRET,
          },
          body: JSON.stringify(body(n)),
        }),
      );
      const text = await res.text();
      return { took: performance.now() - t0, status: res.status, trace, text, n };
    };
    const retried = { sent: 0, sameReceipt: 0 };

    // DynamoDB Local's JVM takes a few hundred requests of each kind before its JIT settles
    // (its CPU per transaction halves meanwhile): without this the app, measured first, would
    // pay for the warming and its replay would not.
    log(
      `  warm-up: ${warmUp} submissions at concurrency ${WARM_UP_CONCURRENCY}, each then replayed (directory, calendar, both JITs)`,
    );
    const warmTransactions: Transaction[] = [];
    await pool(warmUp, WARM_UP_CONCURRENCY, async (i) => {
      const r = await submitOne();
      if (r.status !== 201 || !r.trace.lastTransaction) {
        throw new Error(`warm-up submission answered ${r.status}`);
      }
      warmTransactions.push(r.trace.lastTransaction);
      await replayClient.send(
        new TransactWriteCommand(
          freshCopy(r.trace.lastTransaction, `#warm-up-${i}`) as ConstructorParameters<
            typeof TransactWriteCommand
          >[0],
        ),
      );
    });

    const levels: Level[] = [];
    const replays: ReplayLevel[] = [];
    for (const [i, concurrency] of LEVELS.entries()) {
      const count = counts[i] as number;
      log();
      log(`Concurrency ${concurrency}: ${count} submissions through the app`);
      const level: Level = {
        concurrency,
        count,
        seconds: 0,
        latencies: [],
        errors: new Map(),
        requestsPer: [],
        requestKinds: new Map(),
        transactions: [],
        cpuMs: 0,
        jvmCpuMs: 0,
      };
      // At concurrency 1 each submission's transaction is replayed right after it, and at 16
      // and 64 the app and the replay take turns in ROUNDS chunks, so that both sides of each
      // ratio see the same moments of a shared machine.
      const paired = concurrency === 1;
      const replay: ReplayLevel = {
        seconds: 0,
        latencies: [],
        errors: new Map(),
        cpuMs: 0,
        jvmCpuMs: 0,
      };
      const appTask = async (k: number) => {
        const retry = concurrency === 64 && k % RETRY_EVERY === 0;
        const first = submitOne();
        if (retry) {
          // A client that gave up waiting sends the same request again.
          const n = serial;
          await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_MS));
          const [original, again] = await Promise.all([first, submitOne(n)]);
          retried.sent++;
          if (original.status === 201 && again.status === 201 && original.text === again.text) {
            retried.sameReceipt++;
          }
        }
        const r = await first;
        level.latencies.push(r.took);
        if (r.status !== 201) add(level.errors, String(r.status));
        let total = 0;
        for (const [command, v] of r.trace.requests) {
          add(level.requestKinds, command, v);
          total += v;
        }
        level.requestsPer.push(total);
        if (r.status === 201 && r.trace.lastTransaction) {
          level.transactions.push(r.trace.lastTransaction);
          if (paired) await replayOne(replay, r.trace.lastTransaction, `#replay-1-${k}`);
        }
      };
      if (paired) {
        // Progress: a line each quarter.
        const quarter = Math.ceil(count / 4);
        for (let from = 0; from < count; from += quarter) {
          await pool(Math.min(quarter, count - from), 1, (k) => appTask(from + k));
          log(`    ${Math.min(from + quarter, count)}/${count} submitted and replayed`);
        }
        // Serial and paired: each side's time is the sum of its latencies.
        level.seconds = level.latencies.reduce((a, b) => a + b, 0) / 1000;
        replay.seconds = replay.latencies.reduce((a, b) => a + b, 0) / 1000;
      } else {
        for (let round = 0; round < ROUNDS; round++) {
          const from = Math.floor((count * round) / ROUNDS);
          const size = Math.floor((count * (round + 1)) / ROUNDS) - from;
          const tag = `round ${round + 1}/${ROUNDS}`;
          const runApp = async () => {
            const cpu0 = process.cpuUsage();
            const jvm0 = processCpuMs(db.pid);
            const seconds = await pool(size, concurrency, (k) => appTask(from + k));
            const cpu1 = process.cpuUsage(cpu0);
            level.jvmCpuMs += processCpuMs(db.pid) - jvm0;
            level.seconds += seconds;
            level.cpuMs += (cpu1.user + cpu1.system) / 1000;
            return seconds;
          };
          const runReplay = async () => {
            // The latest transactions the app committed (the warm-up's before its first turn).
            const captured = [...warmTransactions, ...level.transactions].slice(-size);
            const cpu0 = process.cpuUsage();
            const jvm0 = processCpuMs(db.pid);
            const seconds = await pool(size, concurrency, (k) =>
              replayOne(
                replay,
                captured[k % captured.length] as Transaction,
                `#replay-${concurrency}-${from + k}`,
              ),
            );
            const cpu1 = process.cpuUsage(cpu0);
            replay.jvmCpuMs += processCpuMs(db.pid) - jvm0;
            replay.seconds += seconds;
            replay.cpuMs += (cpu1.user + cpu1.system) / 1000;
            return seconds;
          };
          // A B, B A, A B, B A: a machine that speeds up or slows down through the level favours
          // neither side.
          const appFirst = round % 2 === 0;
          const appSeconds = appFirst ? await runApp() : 0;
          const replaySeconds = await runReplay();
          const seconds = appFirst ? appSeconds : await runApp();
          log(
            `    ${tag}: ${size} through the app at ${rate(size / seconds)}, replayed at ${rate(size / replaySeconds)}${appFirst ? "" : " (replay first)"}`,
          );
        }
      }
      levels.push(level);
      printLevel("app", level.seconds, count, level.latencies, level.errors);
      log(
        `    DynamoDB requests per submission: median ${percentile(level.requestsPer, 0.5)}, mean ${(level.requestsPer.reduce((a, b) => a + b, 0) / count).toFixed(2)}, max ${Math.max(...level.requestsPer)} (${describe(level.requestKinds, count)})`,
      );
      if (!paired) {
        const per = (cpuMs: number) => `${(cpuMs / count).toFixed(2)} ms`;
        log(
          `    CPU per submission: app ${per(level.cpuMs)} here + ${per(level.jvmCpuMs)} DynamoDB Local, replay ${per(replay.cpuMs)} + ${per(replay.jvmCpuMs)}`,
        );
      }
      const items = level.transactions[0]?.TransactItems.length ?? 0;
      log(
        paired
          ? `  each submission's committed transaction replayed directly right after it (${items} items, keys suffixed)`
          : `  its committed transactions replayed directly in turns with it (${items} items each, keys suffixed)`,
      );
      replays.push(replay);
      printLevel("replay", replay.seconds, count, replay.latencies, replay.errors);
    }
    // Every number of the year: a concern or a void record, never both, never neither.
    const year = ledgerYear(new Date());
    const { lastSequence } = await deps.store.readLedgerAudit(year);
    const all = Array.from({ length: lastSequence }, (_, i) => formatLedgerNo(year, i + 1));
    const accounted = await deps.store.accountedLedgerNumbers(all);
    const voids = await deps.store.listLedgerVoids(year);
    let both = 0;
    for (const v of voids) if (await deps.store.getConcernWithEvents(v.ledgerNo)) both++;
    const unaccounted = lastSequence - accounted.size;
    const byReason = new Map<string, number>();
    for (const v of voids) add(byReason, v.reason);
    log();
    log(
      `Ledger: ${lastSequence} numbers reserved: ${accounted.size - voids.length} concerns, ${voids.length} voids${voids.length ? ` (${describe(byReason)})` : ""}, ${unaccounted} unaccounted, ${both} with both`,
    );
    // The sender ran beside the submissions throughout; what it had left is sent now (a run
    // takes at most its share, so until a run sends nothing more).
    let before = -1;
    while (sink.sent !== before) {
      before = sink.sent;
      await deps.drainSms();
      await deps.smsSender.kick();
      await deps.drainSms();
    }
    const receipts = accounted.size - voids.length;
    log(
      `SMS: the in-process sender sent ${sink.sent} receipts for ${receipts} concerns (${sink.sent - receipts >= 0 ? "all" : `${receipts - sink.sent} missing`})`,
    );
    if (simulated) {
      const { stats } = simulated.simulator;
      log(
        `Simulator: ${stats.transactionsCancelled} transactions cancelled, ${stats.writesRefused} writes refused; conflicts on ${JSON.stringify(stats.conflictsOn)}`,
      );
    }
    return report(levels, replays, [
      [
        `concurrency 64: no DynamoDB attempt sent after its request's deadline: ${lateAttempts.count}`,
        lateAttempts.count === 0,
      ],
      [
        `concurrency 64: a retry with the same Idempotency-Key ${RETRY_AFTER_MS} ms later gets the original receipt: ${retried.sameReceipt}/${retried.sent}`,
        retried.sent > 0 && retried.sameReceipt === retried.sent,
      ],
      [
        `every ledger number is a concern or a void, never both: ${unaccounted} unaccounted, ${both} both`,
        unaccounted === 0 && both === 0,
      ],
      [
        `with the SMS sender running: every concern's receipt sent once: ${sink.sent} for ${receipts}`,
        sink.sent === receipts,
      ],
    ]);
  } finally {
    await db.stop();
  }
}

function printLevel(
  label: string,
  seconds: number,
  count: number,
  latencies: number[],
  errors: Map<string, number>,
) {
  const errorText = errors.size ? describe(errors) : "none";
  log(
    `    ${label.padEnd(6)} ${rate(count / seconds)} over ${seconds.toFixed(1)} s; p50 ${ms(percentile(latencies, 0.5))}, p90 ${ms(percentile(latencies, 0.9))}, p99 ${ms(percentile(latencies, 0.99))}, max ${ms(Math.max(...latencies))}; errors ${errorText}`,
  );
}

function report(levels: Level[], replays: ReplayLevel[], more: Array<[string, boolean]>): number {
  log();
  log(
    "Results (app = POST /api/concerns in-process; replay = its committed transaction sent directly):",
  );
  const header = [
    "concurrency",
    "n",
    "app /s",
    "replay /s",
    "app/replay /s",
    "app p50",
    "replay p50",
    "app/replay p50",
    "app p90",
    "app p99",
    "replay p99",
    "errors",
    "requests/sub",
  ];
  const rows = levels.map((l, i) => {
    const r = replays[i] as ReplayLevel;
    const appRate = l.count / l.seconds;
    const replayRate = l.count / r.seconds;
    const errors = [...l.errors.values()].reduce((a, b) => a + b, 0);
    return [
      String(l.concurrency),
      String(l.count),
      appRate.toFixed(1),
      replayRate.toFixed(1),
      (appRate / replayRate).toFixed(3),
      ms(percentile(l.latencies, 0.5)),
      ms(percentile(r.latencies, 0.5)),
      (percentile(l.latencies, 0.5) / percentile(r.latencies, 0.5)).toFixed(2),
      ms(percentile(l.latencies, 0.9)),
      ms(percentile(l.latencies, 0.99)),
      ms(percentile(r.latencies, 0.99)),
      String(errors),
      (l.requestsPer.reduce((a, b) => a + b, 0) / l.count).toFixed(2),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    `  ${cells.map((c, i) => c.padStart(widths[i] ?? 0)).join("  ")}`;
  log(line(header));
  for (const row of rows) log(line(row));

  const [c1, c16, c64] = levels as [Level, Level, Level];
  const [r1, r16] = replays as [ReplayLevel, ReplayLevel, ReplayLevel];
  const warm = percentile(c1.requestsPer, 0.5);
  const c1Ratio = percentile(c1.latencies, 0.5) / percentile(r1.latencies, 0.5);
  const c16Rate = c16.count / c16.seconds;
  const c16Ratio = c16Rate / (c16.count / r16.seconds);
  const c16Errors = [...c16.errors.values()].reduce((a, b) => a + b, 0);
  const c64Rate = c64.count / c64.seconds;
  const goals: Array<[string, boolean]> = [
    [
      `warm submission (concurrency 1, median) makes ≤ ${GOALS.warmRequests} DynamoDB requests: ${warm} (${describe(c1.requestKinds, c1.count)})`,
      warm <= GOALS.warmRequests,
    ],
    [
      `concurrency 1: app p50 ≤ ${GOALS.c1LatencyRatio} × replay p50: ${c1Ratio.toFixed(2)} ×`,
      c1Ratio <= GOALS.c1LatencyRatio,
    ],
    [
      `concurrency 16: app throughput ≥ ${GOALS.c16ThroughputRatio} × replay's: ${c16Ratio.toFixed(3)} ×`,
      c16Ratio >= GOALS.c16ThroughputRatio,
    ],
    [
      `concurrency 16: p99 ≤ ${ms(GOALS.c16P99Ms)}: ${ms(percentile(c16.latencies, 0.99))}`,
      percentile(c16.latencies, 0.99) <= GOALS.c16P99Ms,
    ],
    [`concurrency 16: no errors: ${c16Errors}`, c16Errors === 0],
    [
      `concurrency 64: throughput not below concurrency 16's: ${rate(c64Rate)} vs ${rate(c16Rate)}`,
      c64Rate >= c16Rate,
    ],
    [
      `concurrency 64: p99 ≤ ${ms(GOALS.c64P99Ms)}: ${ms(percentile(c64.latencies, 0.99))}`,
      percentile(c64.latencies, 0.99) <= GOALS.c64P99Ms,
    ],
    ...more,
  ];
  log();
  log("Goals (issue 13):");
  for (const [text, ok] of goals) log(`  ${ok ? "PASS" : "FAIL"}  ${text}`);
  const failed = goals.filter(([, ok]) => !ok).length;
  log();
  log(`Load average at the end: ${loadavg()[0]?.toFixed(2)}`);
  log(failed ? `FAIL: ${failed} of ${goals.length} goals missed` : "PASS: every goal met");
  return failed ? 1 : 0;
}

runScript(main);
