/**
 * Dashboard benchmark (issue 4): seeds 1,000 concerns, measures the staff dashboard (every API
 * request its page makes: the overview, hot topics and the 红黑榜, issue 17), tops
 * up to 100,000 in the same run and measures again. The dashboard reads counters and the
 * open backlog, never the history, so its latency must not grow with the ledger: the run
 * fails (exit 1) if a median at the large size exceeds 1.2 × the one at the small size,
 * measured at the end with both tables queried in turn (so machine load hits both alike),
 * or if a dashboard's DynamoDB requests or item reads differ between the two sizes.
 *
 *   pnpm bench:dashboard            1,000 → 100,000 concerns
 *   pnpm bench:dashboard --small    500 → 5,000, to check the script quickly
 *
 * Options: --requests N (timed requests per scope, default 30), --concurrency N
 * (BatchWriteItem requests in flight, default 8), --events all|none (default all),
 * --seed N (default 1).
 *
 * Seeding goes around the use cases (their transactions at DynamoDB Local's pace would take
 * most of an hour) but builds everything with core's functions: see simulate.ts. The open
 * backlog is a fixed 40 at every size, as in a town whose work gets done: only the history
 * grows. Counters are spread over their shards as the store's random ADDs would leave them.
 * Measuring goes through the real HTTP app (`createApp(deps).request`), signed in as the
 * demo admin, and counts the DynamoDB requests and item reads each dashboard makes, and what
 * the counter shards add to them over one item a counter (read-count.ts).
 */
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { type DynamoDBClient, QueryCommand } from "@aws-sdk/client-dynamodb";
import { addMonths, endOfShanghaiMonth, isSealedMonth, shanghaiMonth } from "@lianxin/core";
import { COUNTER_SHARDS, keys, TABLE_KEYS } from "@lianxin/store";
import { startDynamoDbLocal } from "../dynamodb-local.js";
import { BatchWriter, localClient } from "./batch-writer.js";
import { duration, fail, int, log, ms, percentile, positive, runScript } from "./cli.js";
import {
  describeReads,
  describeShardCost,
  openTarget,
  ReadCounter,
  type Reads,
  readsSince,
  sameRequestsAndCounterReads,
  type Target,
  totalRequests,
} from "./read-count.js";
import { checkSamples, type Life, loadWorld, phaseSpecs, seedPhase } from "./simulate.js";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const SCOPES = ["town", "village:meijing", "department:env-bureau"] as const;
type Scope = (typeof SCOPES)[number];
/** What the staff dashboard page asks the API for (the overview first: its body is checked). */
const OVERVIEW_REQUESTS: Array<(scope: Scope) => string> = [
  (scope) => `/api/staff/dashboard?scope=${scope}`,
  (scope) => `/api/staff/dashboard/hot-topics?scope=${scope}`,
  () => "/api/staff/dashboard/rankings",
];
const LIVE = { open: 40, answered: 12 };
const MAX_RATIO = 1.2;
const WARM_UP_ROUNDS = 10;
const SETTLE_MS = 5_000;
const TABLE = "lianxin-bench";

const { values: opts } = parseArgs({
  options: {
    small: { type: "boolean", default: false },
    requests: { type: "string", default: "30" },
    concurrency: { type: "string", default: "8" },
    events: { type: "string", default: "all" },
    seed: { type: "string", default: "1" },
  },
});
const sizes = opts.small ? ([500, 5_000] as const) : ([1_000, 100_000] as const);
const requestsPerScope = positive(opts.requests, "--requests");
const concurrency = positive(opts.concurrency, "--concurrency");
const withEvents = opts.events !== "none";
if (opts.events !== "all" && opts.events !== "none") fail("--events is all or none");

interface PhaseResult {
  size: number;
  itemsWritten: number;
  seedMs: number;
  scopes: Record<Scope, { median: number; p90: number; reads: Reads }>;
  all: number[];
  probe?: { beginsWith: number; between: number };
}

async function main(): Promise<number> {
  const [small, large] = sizes;
  log(`Lianxin dashboard benchmark: ${int(small)} → ${int(large)} concerns`);
  log(
    `  ${requestsPerScope} timed requests per scope after a warm-up; seed ${opts.seed}; events ${withEvents ? "written" : "not written"}; ${LIVE.open} open + ${LIVE.answered} answered at every size`,
  );
  const db = await startDynamoDbLocal();
  const stop = () => db.stop();
  process.once("SIGINT", () => void stop().then(() => process.exit(130)));
  try {
    const counter = new ReadCounter();
    const main = await openTarget(db.endpoint, TABLE, counter);
    // A frozen copy of the small size, measured again at the end alternately with the large
    // table: the same moment and the same JVM, so a busier machine cancels out.
    const control = await openTarget(db.endpoint, `${TABLE}-small`, counter);
    log(
      `  DynamoDB Local (in memory) at ${db.endpoint}, tables ${main.table} and ${control.table}, demo data seeded`,
    );

    const world = await loadWorld(main.store, Number(opts.seed));
    const rawClient = localClient(db.endpoint);
    const writer = new BatchWriter(rawClient, main.table, concurrency);
    const controlWriter = new BatchWriter(rawClient, control.table, concurrency);
    let problems = 0;

    /** One overview: every API request the dashboard page makes for a scope, at once. */
    const get = async (target: Target, scope: Scope) => {
      const headers = { authorization: `Bearer ${target.token}`, "accept-language": "zh-CN" };
      const before = counter.snapshot();
      const t0 = performance.now();
      const bodies = await Promise.all(
        OVERVIEW_REQUESTS.map(async (path) => {
          const res = await target.app.request(path(scope), { headers });
          const body = await res.json();
          if (res.status !== 200) {
            throw new Error(`${path(scope)}: ${res.status} ${JSON.stringify(body)}`);
          }
          return body;
        }),
      );
      const took = performance.now() - t0;
      const body = bodies[0] as DashboardBody;
      return { took, body, reads: readsSince(counter.snapshot(), before) };
    };
    const settle = async () => {
      // Let DynamoDB Local finish with the writes, collect this process's seeding garbage.
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      (globalThis as { gc?: () => void }).gc?.();
    };

    const measure = async (size: number, seeded: { items: number; ms: number }) => {
      await settle();
      main.restart();
      const cold = await get(main, "town");
      log(
        `  first town dashboard of a fresh process: ${ms(cold.took)}, DynamoDB ${describeReads(cold.reads)}; ${COUNTER_SHARDS} counter shards added ${describeShardCost(cold.reads)}`,
      );
      for (let i = 0; i < WARM_UP_ROUNDS; i++) for (const scope of SCOPES) await get(main, scope);
      const times = new Map<Scope, number[]>(SCOPES.map((s) => [s, []]));
      const fewest = new Map<Scope, Reads>();
      const bodies = new Map<Scope, DashboardBody>();
      for (let i = 0; i < requestsPerScope; i++) {
        for (const scope of SCOPES) {
          const r = await get(main, scope);
          times.get(scope)?.push(r.took);
          bodies.set(scope, r.body);
          if (!fewest.has(scope) || totalRequests(r.reads) < totalRequests(fewest.get(scope))) {
            // The fewest: a cached directory (30 s) is not reloaded.
            fewest.set(scope, r.reads);
          }
        }
      }
      const result: PhaseResult = {
        size,
        itemsWritten: seeded.items,
        seedMs: seeded.ms,
        scopes: {} as PhaseResult["scopes"],
        all: SCOPES.flatMap((s) => times.get(s) ?? []),
      };
      for (const scope of SCOPES) {
        const t = times.get(scope) ?? [];
        const reads = fewest.get(scope) as Reads;
        result.scopes[scope] = { median: percentile(t, 0.5), p90: percentile(t, 0.9), reads };
        log(
          `  ${scope.padEnd(22)} median ${ms(percentile(t, 0.5))}, p90 ${ms(percentile(t, 0.9))}; DynamoDB ${describeReads(reads)}; the shards added ${describeShardCost(reads)}`,
        );
      }
      const probe = await laneProbe(rawClient, main.table);
      result.probe = probe;
      log(
        `  probe: town queue OPEN lane (${LIVE.open} items) by begins_with ${ms(probe.beginsWith)}, by BETWEEN ${ms(probe.between)} (medians of 30 raw Queries)`,
      );
      // The figures must be the seeded ones: received over the period, and the backlog.
      const town = bodies.get("town") as DashboardBody;
      const expected = world.counters.sum("village", "received", town.period.from, town.period.to);
      const received = town.totals.received ?? 0;
      const ok = received === expected && town.backlog.total === LIVE.open;
      if (!ok) problems++;
      log(
        `  check ${ok ? "✓" : "✗"}: town received ${town.period.from}…${town.period.to} ${int(received)} (seeded ${int(expected)}), open backlog ${town.backlog.total} (seeded ${LIVE.open})`,
      );
      return result;
    };

    /** The small copy and the large table, request by request in alternating order. */
    const interleaved = async () => {
      await settle();
      for (let i = 0; i < WARM_UP_ROUNDS; i++) {
        for (const scope of SCOPES) for (const target of [control, main]) await get(target, scope);
      }
      const times = new Map<string, number[]>();
      const push = (key: string, took: number) => times.set(key, [...(times.get(key) ?? []), took]);
      for (let i = 0; i < requestsPerScope; i++) {
        for (const scope of SCOPES) {
          const order = i % 2 === 0 ? [control, main] : [main, control];
          for (const target of order) {
            const { took } = await get(target, scope);
            push(`${target.table}|${scope}`, took);
            push(`${target.table}|all`, took);
          }
        }
      }
      const ratio = (key: string) =>
        percentile(times.get(`${main.table}|${key}`) ?? [], 0.5) /
        percentile(times.get(`${control.table}|${key}`) ?? [], 0.5);
      const medians = (table: string) =>
        SCOPES.map((s) => `${s} ${ms(percentile(times.get(`${table}|${s}`) ?? [], 0.5))}`).join(
          ", ",
        );
      log(`  ${int(small)}: ${medians(control.table)}`);
      log(`  ${int(large)}: ${medians(main.table)}`);
      return { scopes: SCOPES.map((s) => ratio(s)), overall: ratio("all") };
    };

    // The last month already sealed (on the 1st before 01:00, the month before last).
    let sealed = addMonths(shanghaiMonth(new Date(world.now)), -1);
    if (!isSealedMonth(sealed, new Date(world.now))) sealed = addMonths(sealed, -1);
    const historyEnd = endOfShanghaiMonth(sealed).getTime();
    const samples: Life[] = [];
    const results: PhaseResult[] = [];
    let seededSoFar = 0;
    let itemsSoFar = 0;
    let msSoFar = 0;
    for (const size of sizes) {
      const add = size - seededSoFar;
      const first = seededSoFar === 0;
      const live = first ? LIVE : { open: 0, answered: 0 };
      const counts = { closed: add - live.open - live.answered, ...live };
      log();
      log(
        `Seeding ${int(add)} concerns (${int(counts.closed)} struck off${first ? "" : ` by the end of ${sealed}`}, ${counts.answered} answered, ${counts.open} open) → ${int(size)}`,
      );
      const writers = first ? [writer, controlWriter] : [writer];
      // The top-up is history: every step of it in months already sealed (core
      // `isSealedMonth`), so the open months' items, all a warm dashboard reads from the
      // table, are the same at both sizes, as in a town whose past grows, not its month.
      const specs = phaseSpecs(world, counts, first ? {} : { closedBy: historyEnd });
      const seeded = await seedPhase(world, writers, `${int(size)}`, specs, samples, withEvents);
      seededSoFar = size;
      itemsSoFar += seeded.items;
      msSoFar += seeded.ms;
      problems += await checkSamples(main.store, samples.splice(0), withEvents);
      log(`Measuring at ${int(size)} concerns (${int(itemsSoFar)} items in the table)`);
      results.push(await measure(size, { items: itemsSoFar, ms: msSoFar }));
    }
    log();
    log(
      `Control: the ${int(small)}-concern copy and the ${int(large)}-concern table, requests alternating`,
    );
    const control2 = await interleaved();
    return report(results, control2, writer, problems);
  } finally {
    await stop();
  }
}

/**
 * The town queue's OPEN lane read two ways, straight from DynamoDB Local: `begins_with` on
 * the sort key (what the store's queue query says) and the equivalent `BETWEEN`.
 */
async function laneProbe(client: DynamoDBClient, table: string) {
  const index = TABLE_KEYS.indexes.gsi3;
  const time = async (condition: string, values: Record<string, string>) => {
    const took: number[] = [];
    for (let i = 0; i < 35; i++) {
      const t0 = performance.now();
      await client.send(
        new QueryCommand({
          TableName: table,
          IndexName: index.name,
          KeyConditionExpression: `#pk = :pk AND ${condition}`,
          ExpressionAttributeNames: { "#pk": index.partitionKey, "#sk": index.sortKey },
          ExpressionAttributeValues: Object.fromEntries(
            Object.entries({ ":pk": keys.townQueue, ...values }).map(([k, v]) => [k, { S: v }]),
          ),
          Limit: 200,
        }),
      );
      if (i >= 5) took.push(performance.now() - t0);
    }
    return percentile(took, 0.5);
  };
  return {
    beginsWith: await time("begins_with(#sk, :lane)", { ":lane": "OPEN#" }),
    between: await time("#sk BETWEEN :from AND :to", { ":from": "OPEN#", ":to": "OPEN#\uffff" }),
  };
}

interface DashboardBody {
  period: { from: string; to: string };
  totals: Record<string, number>;
  backlog: { total: number };
}

function report(
  results: PhaseResult[],
  control: { scopes: number[]; overall: number },
  writer: BatchWriter,
  problems: number,
): number {
  const [a, b] = results as [PhaseResult, PhaseResult];
  log();
  log(
    "Results (latency of one overview: the dashboard, hot topics and rankings requests at once, through the HTTP app, default period):",
  );
  const header = ["concerns", "items", "seed time", ...SCOPES.map((s) => `${s} median / p90`)];
  const rows = results.map((r) => [
    int(r.size),
    int(r.itemsWritten),
    duration(r.seedMs),
    ...SCOPES.map((s) => `${ms(r.scopes[s].median)} / ${ms(r.scopes[s].p90)}`),
  ]);
  const ratios = SCOPES.map((s) => b.scopes[s].median / a.scopes[s].median);
  const overall = percentile(b.all, 0.5) / percentile(a.all, 0.5);
  rows.push([
    "ratio",
    `${(b.itemsWritten / a.itemsWritten).toFixed(0)}×`,
    "",
    ...ratios.map((r) => `${r.toFixed(2)}`),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ")}`;
  log(line(header));
  for (const row of rows) log(line(row));
  log();
  log(
    `DynamoDB reads per dashboard (fewest requests seen, directory cached), ${int(a.size)} → ${int(b.size)} concerns; in brackets what ${COUNTER_SHARDS} counter shards added to one item a counter:`,
  );
  let readsDiffer = 0;
  for (const s of SCOPES) {
    const [before, after] = [a.scopes[s].reads, b.scopes[s].reads];
    // What must not grow with the history: the requests, and the counter items read.
    const same = sameRequestsAndCounterReads(before, after);
    if (!same) readsDiffer++;
    log(
      `  ${s.padEnd(22)} ${describeReads(before)} [${describeShardCost(before)}] → ${describeReads(after)} [${describeShardCost(after)}] ${same ? "✓" : "✗"}`,
    );
  }
  log(
    "  (✓: requests and counter item reads the same at both sizes. Other item reads: the session and account, the open backlog, and the names of the period's people, as many as handled its concerns: bounded by the staff, not the history.)",
  );
  if (readsDiffer) log(`${readsDiffer} scope(s) read differently at the two sizes`);
  if (a.probe && b.probe) {
    log(
      `Town OPEN lane alone (raw Query): begins_with ${ms(a.probe.beginsWith)} → ${ms(b.probe.beginsWith)}, BETWEEN ${ms(a.probe.between)} → ${ms(b.probe.between)}`,
    );
  }
  log(
    `BatchWriteItem: ${int(writer.requests)} requests, ${int(writer.retries)} retries of unprocessed items`,
  );
  // The verdict uses the alternating measurement: both sizes queried turn about in the same
  // minutes, so the shared machine's load falls on both alike. The sequential figures are
  // printed too, for what they are.
  const worst = Math.max(control.overall, ...control.scopes);
  const pass = worst <= MAX_RATIO && problems === 0 && readsDiffer === 0;
  const describe = (rs: number[], all: number) =>
    `${SCOPES.map((s, i) => `${s} ${(rs[i] as number).toFixed(2)}`).join(", ")}, overall ${all.toFixed(2)}`;
  log();
  log(`Ratio median(${int(b.size)}) / median(${int(a.size)}), limit ${MAX_RATIO}:`);
  log(`  measured one after the other: ${describe(ratios, overall)}`);
  log(`  alternating (control):        ${describe(control.scopes, control.overall)}`);
  if (problems) log(`${problems} check(s) failed`);
  log(pass ? "PASS (on the alternating ratio)" : "FAIL (on the alternating ratio)");
  return pass ? 0 : 1;
}

runScript(main);
