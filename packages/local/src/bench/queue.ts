/**
 * Queue benchmark (issue 16): seeds 1,000 concerns, measures a department head's queue with
 * two filters, a two-word search and a bulk sign-for of 30 items, tops up to 100,000 and
 * measures again. The queue reads a department's open work whole and the search reads the
 * newest months' postings, never the history, so each must make the same DynamoDB requests
 * and read the same items at both sizes: the run fails (exit 1) otherwise. Times and their
 * ratio are printed for information only (DynamoDB Local's cost per item grows with the
 * table, which real DynamoDB's does not: docs/benchmarks.md).
 *
 *   pnpm bench:queue            1,000 → 100,000 concerns
 *   pnpm bench:queue --small    500 → 5,000, to check the script quickly
 *
 * Options: --requests N (timed requests per measurement, default 30), --concurrency N
 * (BatchWriteItem requests in flight, default 8), --seed N (default 1).
 *
 * History grows as a town's does: the same volume a day, more months at the larger size. The
 * small size fills the last month and this one (from the 1st of last month, Asia/Shanghai, to
 * now); the top-up spreads the rest over as many such spans before it, every concern closed
 * before last month began, so the months a search reads first, and the open backlog (a fixed
 * 40, and 12 answered), are the same at both sizes. Seeding is the dashboard bench's
 * (simulate.ts: core's functions, around the use cases); the word index is written by the real
 * indexer (`runTermIndexer`) over its own window (13 months). The bulk sign-for is by another
 * department's head on 30 concerns registered through the app, so the measured queue and
 * search do not change under it.
 */
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { DeleteItemCommand } from "@aws-sdk/client-dynamodb";
import {
  addMonths,
  parseLedgerNo,
  type QueueItem,
  type StaffUser,
  shanghaiMonth,
} from "@lianxin/core";
import { createDeps, ensureStaffAccount, runTermIndexer } from "@lianxin/functions";
import { keys } from "@lianxin/store";
import { startDynamoDbLocal } from "../dynamodb-local.js";
import { BatchWriter, localClient } from "./batch-writer.js";
import { duration, int, log, ms, percentile, positive, runScript } from "./cli.js";
import { createRng } from "./random.js";
import {
  describeReads,
  openTarget,
  ReadCounter,
  type Reads,
  readsSince,
  totalRequests,
} from "./read-count.js";
import {
  checkSamples,
  type Life,
  loadWorld,
  phaseSpecs,
  seedPhase,
  type World,
} from "./simulate.js";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const LIVE = { open: 40, answered: 12 };
const DAY = 86_400_000;
const MONTH = 30.44 * DAY;
const WARM_UP = 5;
const SETTLE_MS = 5_000;
const TABLE = "lianxin-bench-queue";
/** The demo department head (env-bureau), whose queue and search are measured. */
const HEAD = "head";
/** Both words are in the environment category's seeded description (simulate.ts). */
const SEARCH = "垃圾 噪声";
const CATEGORY = "environment";
/** The bulk sign-for: another department's head, on concerns of a category it handles. */
const BULK = { department: "planning-construction", category: "utilities", items: 30 };

const { values: opts } = parseArgs({
  options: {
    small: { type: "boolean", default: false },
    requests: { type: "string", default: "30" },
    concurrency: { type: "string", default: "8" },
    seed: { type: "string", default: "1" },
  },
});
const sizes = opts.small ? ([500, 5_000] as const) : ([1_000, 100_000] as const);
const requests = positive(opts.requests, "--requests");
const concurrency = positive(opts.concurrency, "--concurrency");

type Measured = "queue" | "search";
const MEASURED: Measured[] = ["queue", "search"];

interface PhaseResult {
  size: number;
  items: number;
  seedMs: number;
  indexMs: number;
  timings: Record<Measured, { median: number; p90: number; reads: Reads; found: string }>;
  bulk: { ms: number; done: number; reads: Reads };
}

async function main(): Promise<number> {
  const [small, large] = sizes;
  log(`Lianxin queue benchmark: ${int(small)} → ${int(large)} concerns`);
  const db = await startDynamoDbLocal();
  process.once("SIGINT", () => void db.stop().then(() => process.exit(130)));
  try {
    const counter = new ReadCounter();
    const target = await openTarget(db.endpoint, TABLE, counter);
    const world = await loadWorld(target.store, Number(opts.seed));
    const { index } = world;
    const rawClient = localClient(db.endpoint);
    const writer = new BatchWriter(rawClient, target.table, concurrency);
    // The small size's span: from the 1st of last month (Asia/Shanghai) to now.
    const lastMonth = addMonths(shanghaiMonth(new Date(world.now)), -1);
    const spanStart = Date.parse(`${lastMonth}-01T00:00:00+08:00`);
    const spanMonths = (world.now - spanStart) / MONTH;
    log(
      `  ${requests} timed requests each after a warm-up; seed ${opts.seed}; ${LIVE.open} open + ${LIVE.answered} answered at every size; ${int(small)} concerns over ${spanMonths.toFixed(2)} months (from ${lastMonth}-01), the top-up over ${((large / small - 1) * spanMonths).toFixed(1)} months before`,
    );

    const headToken = await target.signIn(HEAD);
    const bulkHead = world.handlers.get(BULK.department)?.[0] as StaffUser;
    await ensureStaffAccount(target.store, bulkHead, target.password, {
      mustChangePassword: false,
      now: new Date(),
    });
    const bulkToken = await target.signIn(bulkHead.username);
    const call = async (token: string, path: string, init: RequestInit = {}) => {
      const before = counter.snapshot();
      const t0 = performance.now();
      const res = await target.app.request(path, {
        ...init,
        headers: {
          authorization: `Bearer ${token}`,
          "accept-language": "zh-CN",
          ...(init.body ? { "content-type": "application/json" } : {}),
          ...init.headers,
        },
      });
      const body = (await res.json()) as Record<string, unknown>;
      const took = performance.now() - t0;
      if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
      return { took, body, reads: readsSince(counter.snapshot(), before) };
    };

    let queuePath = "";
    const searchPath = `/api/staff/search?q=${encodeURIComponent(SEARCH)}`;
    const describeFound = (m: Measured, body: Record<string, unknown>) => {
      if (m === "queue") {
        const counts = body.counts as { total: number };
        return `${(body.items as unknown[]).length} rows of ${counts.total}`;
      }
      const count = body.count as { n: number; more: boolean };
      return `${(body.items as unknown[]).length} rows, count ${count.n}${count.more ? "+" : ""}`;
    };

    /** Warm-up, then timed requests; the fewest reads seen (a cached directory not reloaded). */
    const time = async (m: Measured) => {
      const path = m === "queue" ? queuePath : searchPath;
      for (let i = 0; i < WARM_UP; i++) await call(headToken, path);
      const took: number[] = [];
      let fewest: Reads | undefined;
      let found = "";
      for (let i = 0; i < requests; i++) {
        const r = await call(headToken, path);
        took.push(r.took);
        if (!fewest || totalRequests(r.reads) < totalRequests(fewest)) fewest = r.reads;
        found = describeFound(m, r.body);
      }
      return {
        median: percentile(took, 0.5),
        p90: percentile(took, 0.9),
        reads: fewest as Reads,
        found,
      };
    };

    /** 30 concerns registered through the app, then signed for at once by their head. */
    const bulkSignFor = async () => {
      const rng = createRng(Number(opts.seed) + world.sequences.size);
      const villages = index.directory.villages;
      const registered = new Set<string>();
      for (let i = 0; i < BULK.items; i++) {
        const village = rng.pick(villages);
        const { body } = await call(target.token, "/api/staff/concerns", {
          method: "POST",
          headers: { "idempotency-key": `bench-queue-${Date.now()}-${i}` },
          body: JSON.stringify({
            villageId: village.id,
            categoryCode: BULK.category,
            title: `${village.name}停水问题`,
            description: `${village.name}供水管网漏水，已经停水两天，请尽快安排维修。`,
            channel: "phone",
            anonymous: true,
          }),
        });
        const ledgerNo = body.ledgerNo as string;
        registered.add(ledgerNo);
        // The next phase numbers its concerns on from here, as the ledger counter does.
        const parsed = parseLedgerNo(ledgerNo);
        if (parsed && parsed.sequence > (world.sequences.get(parsed.year) ?? 0)) {
          world.sequences.set(parsed.year, parsed.sequence);
        }
      }
      // As the head would: the queue's sign-for stage, the new rows selected.
      const page = await call(bulkToken, "/api/staff/queue?stage=sign_for");
      const selected = (page.body.items as QueueItem[])
        .filter((item) => registered.has(item.ledgerNo))
        .map(({ ledgerNo, version }) => ({ ledgerNo, version }));
      if (selected.length !== BULK.items) {
        throw new Error(`${selected.length} of ${BULK.items} new concerns await sign-for`);
      }
      const r = await call(bulkToken, "/api/staff/bulk-actions", {
        method: "POST",
        body: JSON.stringify({ type: "accept", items: selected }),
      });
      const outcomes = r.body.items as Array<{ outcome: string }>;
      const done = outcomes.filter((o) => o.outcome === "done").length;
      log(
        `  bulk sign-for of ${selected.length} by ${bulkHead.name} (${BULK.department}): ${ms(r.took)}, ${done} done; DynamoDB ${describeReads(r.reads)} (information only)`,
      );
      return { ms: r.took, done, reads: r.reads };
    };

    /** The real indexer over its own window (13 months), as the job's first run would. */
    const indexWords = async (label: string) => {
      // AP-TI5 moves the watermark only forward; the store README says to delete it by hand
      // to index further back: the top-up wrote months the first run had already passed.
      await rawClient.send(
        new DeleteItemCommand({
          TableName: target.table,
          Key: {
            pk: { S: keys.termIndexWatermark.pk },
            sk: { S: keys.termIndexWatermark.sk },
          },
        }),
      );
      const started = performance.now();
      const deps = createDeps(target.config, { store: target.store });
      const summary = await runTermIndexer(deps, { log, budgetMs: Number.POSITIVE_INFINITY });
      const took = performance.now() - started;
      log(
        `  ${label}: word index: ${int(summary.read)} concerns read, ${int(summary.indexed)} indexed, ${int(summary.postings)} postings written in ${duration(took)}`,
      );
      return took;
    };

    const results: PhaseResult[] = [];
    const samples: Life[] = [];
    let seededSoFar = 0;
    let itemsSoFar = 0;
    let msSoFar = 0;
    for (const size of sizes) {
      const first = seededSoFar === 0;
      const add = size - seededSoFar;
      const live = first ? LIVE : { open: 0, answered: 0 };
      const counts = { closed: add - live.open - live.answered, ...live };
      log();
      log(
        `Seeding ${int(add)} concerns (${int(counts.closed)} struck off, ${counts.answered} answered, ${counts.open} open) → ${int(size)}`,
      );
      const specs = first
        ? phaseSpecs(world, counts, { months: spanMonths })
        : phaseSpecs(world, counts, {
            months: (size / small) * spanMonths,
            closedBy: spanStart,
          });
      const seeded = await seedPhase(world, [writer], int(size), specs, samples, true);
      seededSoFar = size;
      itemsSoFar += seeded.items;
      msSoFar += seeded.ms;
      const problems = await checkSamples(target.store, samples.splice(0), true);
      if (problems) return 1;
      const indexMs = await indexWords(int(size));
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      target.restart();
      if (first) queuePath = await chooseQueueFilters(world, (p) => call(headToken, p));
      log(`Measuring at ${int(size)} concerns (${int(itemsSoFar)} items in the table)`);
      const timings = {} as PhaseResult["timings"];
      for (const m of MEASURED) {
        timings[m] = await time(m);
        const t = timings[m];
        log(
          `  ${m === "queue" ? queuePath : decodeURIComponent(searchPath)}: ${t.found}; median ${ms(t.median)}, p90 ${ms(t.p90)}; DynamoDB ${describeReads(t.reads)}`,
        );
      }
      const bulk = await bulkSignFor();
      results.push({ size, items: itemsSoFar, seedMs: msSoFar, indexMs, timings, bulk });
    }
    return report(results);
  } finally {
    await db.stop();
  }
}

/**
 * The queue's two filters: its category and the village with the most of the department's
 * open work (read once, at the small size), so the page lists something.
 */
async function chooseQueueFilters(
  world: World,
  get: (path: string) => Promise<{ body: Record<string, unknown> }>,
): Promise<string> {
  const { body } = await get("/api/staff/queue");
  const byVillage = new Map<string, number>();
  for (const item of body.items as QueueItem[]) {
    if (item.category.code !== CATEGORY) continue;
    const id = item.village.id;
    byVillage.set(id, (byVillage.get(id) ?? 0) + 1);
  }
  const [village] = [...byVillage].sort((a, b) => b[1] - a[1])[0] ?? [
    world.index.directory.villages[0]?.id,
  ];
  return `/api/staff/queue?category=${CATEGORY}&village=${village}`;
}

function report(results: PhaseResult[]): number {
  const [a, b] = results as [PhaseResult, PhaseResult];
  log();
  log("Results (through the HTTP app, signed in as the env-bureau head):");
  for (const r of results) {
    log(
      `  ${int(r.size).padStart(7)} concerns, ${int(r.items)} items, seeded in ${duration(r.seedMs)} (the index's run for this size ${duration(r.indexMs)}): ${MEASURED.map((m) => `${m} median ${ms(r.timings[m].median)} / p90 ${ms(r.timings[m].p90)}`).join(", ")}; bulk sign-for of 30 ${ms(r.bulk.ms)}`,
    );
  }
  log(
    `  ratio median(${int(b.size)}) / median(${int(a.size)}), information only: ${MEASURED.map((m) => `${m} ${(b.timings[m].median / a.timings[m].median).toFixed(2)}`).join(", ")}; bulk ${(b.bulk.ms / a.bulk.ms).toFixed(2)}`,
  );
  log();
  log(`DynamoDB reads per request (fewest seen), ${int(a.size)} → ${int(b.size)} concerns:`);
  let differ = 0;
  const kinds = (r: Reads) => JSON.stringify([...r.requests].sort());
  for (const m of MEASURED) {
    const [before, after] = [a.timings[m].reads, b.timings[m].reads];
    const same = kinds(before) === kinds(after) && before.items === after.items;
    if (!same) differ++;
    log(`  ${m.padEnd(7)} ${describeReads(before)} → ${describeReads(after)} ${same ? "✓" : "✗"}`);
  }
  const bulkOk = results.every((r) => r.bulk.done === BULK.items);
  if (!bulkOk) log("✗ a bulk sign-for did not sign for every item");
  const pass = differ === 0 && bulkOk;
  log(pass ? "PASS (requests and items read the same at both sizes)" : "FAIL");
  return pass ? 0 : 1;
}

runScript(main);
