/**
 * `pnpm fuzz` (issue 12): the CI fuzz (tests/integration/no-5xx.test.ts) at 20,000 inputs, on a
 * DynamoDB Local of its own. Prints progress, the counts by status and by route, the slowest
 * answers and every failure with how to reproduce it; exits 1 on any failure (a 5xx, an answer
 * slower than 5 s, a broken input taken, a refused one that wrote).
 *
 *   pnpm fuzz                                  20,000 inputs: 16,000 mixed, 4,000 refused
 *   pnpm fuzz --runs 5000 --seed 42            another size and seed
 *   pnpm fuzz --seed 42 --only 1234 --phase mixed    one input of that run, shown in full
 *
 * Options: --runs N (default 20000), --refused-share F (default 0.2), --seed N (default
 * random), --concurrency N (inputs in flight, default 4), --only I and --phase mixed|refused.
 */
import { randomInt } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { startDynamoDbLocal } from "@lianxin/local";
import {
  createFuzzApi,
  describeFailure,
  type FuzzResult,
  PUBLIC_ROUTES,
  prepareFuzzWorld,
  runFuzz,
  SLOW_MS,
  send,
  tally,
} from "../support/fuzz-harness.js";
import { fuzzArbitraries, fuzzInput, type Phase } from "../support/fuzz-inputs.js";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const { values: opts } = parseArgs({
  options: {
    runs: { type: "string", default: "20000" },
    "refused-share": { type: "string", default: "0.2" },
    seed: { type: "string" },
    concurrency: { type: "string", default: "4" },
    only: { type: "string" },
    phase: { type: "string", default: "mixed" },
  },
});

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}
const whole = (value: string | undefined, name: string, min: number) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) fail(`${name} needs a whole number ≥ ${min}`);
  return n;
};
const runs = whole(opts.runs, "--runs", 1);
const share = Number(opts["refused-share"]);
if (!(share >= 0 && share <= 1)) fail("--refused-share is between 0 and 1");
const seed = opts.seed === undefined ? randomInt(2 ** 31) : whole(opts.seed, "--seed", 0);
const concurrency = whole(opts.concurrency, "--concurrency", 1);
const phase = opts.phase as Phase;
if (phase !== "mixed" && phase !== "refused") fail("--phase is mixed or refused");

const log = (line = "") => process.stdout.write(`${line}\n`);
const int = (n: number) => n.toLocaleString("en-US");
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const started = performance.now();
const db = await startDynamoDbLocal();
process.once("SIGINT", () => void db.stop().then(() => process.exit(130)));
let code = 0;
try {
  const api = await createFuzzApi({ endpoint: db.endpoint, tableName: "lianxin-fuzz" });
  const world = await prepareFuzzWorld(api);
  log(
    `DynamoDB Local ${db.endpoint}, table ready, world set up in ${secs(performance.now() - started)}`,
  );

  if (opts.only !== undefined) {
    const index = whole(opts.only, "--only", 0);
    const input = fuzzInput(fuzzArbitraries(world), seed, index, phase);
    log(`seed ${seed}, ${phase} input #${index}:`);
    log(
      JSON.stringify(
        {
          ...input,
          body:
            typeof input.body === "string" || input.body === undefined
              ? input.body
              : `base64:${Buffer.from(input.body).toString("base64")}`,
        },
        null,
        2,
      ),
    );
    const t0 = performance.now();
    const answer = await send(api, input);
    log(`→ ${answer.status} in ${Math.round(performance.now() - t0)} ms`);
    log(JSON.stringify(answer.headers));
    log(answer.body.slice(0, 4_000));
    code = answer.status >= 500 ? 1 : 0;
  } else {
    const refused = Math.round(runs * share);
    const mixed = runs - refused;
    log(
      `fuzz seed ${seed}: ${int(mixed)} mixed inputs, then ${int(refused)} broken on purpose; ${concurrency} in flight`,
    );
    const every = Math.max(100, Math.round(runs / 20));
    // An input that never answers (a loop without end, memory running out) takes the process
    // with it: the inputs in flight are kept in a file, so that a dead run names its suspects.
    const inflightFile = join(tmpdir(), `lianxin-fuzz-${seed}-in-flight.txt`);
    const inflight = new Map<number, string>();
    const keep = () => writeFileSync(inflightFile, `${[...inflight.values()].join("\n")}\n`);
    log(`inputs in flight: ${inflightFile}`);
    const report = await runFuzz(api, world, {
      seed,
      mixed,
      refused,
      concurrency,
      onStart: (index, p, input) => {
        inflight.set(
          index,
          `--seed ${seed} --only ${index} --phase ${p}  (${input.route}, ${input.variant})`,
        );
        keep();
      },
      onResult: (r, done, total) => {
        inflight.delete(r.index);
        keep();
        if (done % every === 0 || done === total) {
          const elapsed = performance.now() - started;
          log(
            `  ${int(done)} / ${int(total)} (${Math.round((100 * done) / total)} %), ${secs(elapsed)}`,
          );
        }
      },
    });
    rmSync(inflightFile, { force: true });
    printReport(report.results, report);
    if (report.failures.length) {
      log();
      log(
        `FAILURES (${report.failures.length}${report.failures.length >= 20 ? ", at most 20 of each kind shown" : ""}):`,
      );
      for (const f of report.failures) log(`${describeFailure(f, seed)}\n`);
      code = 1;
    } else {
      log();
      log(
        `OK: no 5xx, none slower than ${SLOW_MS / 1000} s, every broken input refused, refused inputs wrote nothing else.`,
      );
    }
    log(`seed ${seed}; ${secs(performance.now() - started)} in all`);
  }
  api.close();
} finally {
  await db.stop();
}
process.exit(code);

function printReport(results: FuzzResult[], report: Awaited<ReturnType<typeof runFuzz>>) {
  const { byStatus, byRoute } = tally(results);
  const statuses = [...byStatus.keys()].sort((a, b) => a - b);
  log();
  log(
    `${int(results.length)} inputs in ${secs(report.elapsedMs)} (${Math.round(results.length / (report.elapsedMs / 1000))} a second)`,
  );
  log();
  log("By status:");
  for (const s of statuses) log(`  ${s}  ${int(byStatus.get(s) ?? 0).padStart(7)}`);
  const retried = results.filter((r) => r.retried).length;
  log(`  sent again after a 503 "unavailable" (DynamoDB Local slow to connect): ${int(retried)}`);
  log();
  log("By route (inputs, mean ms, status: count):");
  const rows = [...PUBLIC_ROUTES, "unrouted"].map((route) => {
    const row = byRoute.get(route) ?? new Map<number, number>();
    const mine = results.filter((r) => r.route === route);
    const mean = mine.reduce((a, r) => a + r.ms, 0) / Math.max(1, mine.length);
    const text = [...row]
      .sort((a, b) => a[0] - b[0])
      .map(([s, c]) => `${s}: ${int(c)}`)
      .join(", ");
    return { route, n: mine.length, mean, text };
  });
  const width = Math.max(...rows.map((r) => r.route.length));
  for (const r of rows)
    log(
      `  ${r.route.padEnd(width)}  ${int(r.n).padStart(6)}  ${r.mean.toFixed(0).padStart(5)} ms  ${r.text}`,
    );
  log();
  log("By generator (valid / broken on purpose / odd):");
  for (const kind of ["valid", "broken", "odd"]) {
    const mine = results.filter((r) => r.kind === kind);
    const ok = mine.filter((r) => r.status >= 200 && r.status < 300).length;
    log(`  ${kind.padEnd(7)} ${int(mine.length).padStart(7)}  2xx ${int(ok)}`);
  }
  log();
  log("Slowest answers:");
  for (const r of [...results].sort((a, b) => b.ms - a.ms).slice(0, 10))
    log(
      `  ${Math.round(r.ms).toString().padStart(5)} ms  ${r.status}  ${r.route}  (${r.phase} #${r.index})`,
    );
  const sorted = results.map((r) => r.ms).sort((a, b) => a - b);
  const pct = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? 0;
  log(
    `  median ${pct(0.5).toFixed(1)} ms, p99 ${pct(0.99).toFixed(1)} ms, max ${pct(1).toFixed(1)} ms`,
  );
  log();
  log("Table changes (items new, changed or gone):");
  for (const p of ["mixed", "refused"] as const) {
    const t = report.tableChanges[p];
    const ex =
      Object.entries(t.byException)
        .map(([k, v]) => `${k} ${int(v)}`)
        .join(", ") || "none";
    log(
      `  ${p.padEnd(8)} ${int(t.total).padStart(6)}: by 2xx inputs ${int(t.bySuccess)}; named exceptions: ${ex}`,
    );
  }
}
