#!/usr/bin/env node
// `npm test`: install what is missing (pnpm, dependencies, Chromium through apt where it can),
// build the sites once (and their AWS variant when the infra tests run), then typecheck, lint
// and run every vitest project.
// Extra arguments go to vitest: `npm test -- --project unit`. Builtins only.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import {
  bootstrap,
  buildAwsSitesIfStale,
  buildPublicSiteIfStale,
  fail,
  run,
  step,
  warn,
} from "./bootstrap.mjs";

const CHROMIUM = "/usr/bin/chromium";
const started = Date.now();

/** Whether this run includes a vitest project: all of them unless `--project` narrows it. */
function runsProject(name) {
  const args = process.argv.slice(2);
  const chosen = args.flatMap((arg, i) => {
    if (arg.startsWith("--project=")) return [arg.slice("--project=".length)];
    return arg === "--project" && args[i + 1] ? [args[i + 1]] : [];
  });
  return chosen.length === 0 || chosen.includes(name);
}

function ensureChromium() {
  if (process.env.LIANXIN_SKIP_BROWSER === "1") {
    warn("LIANXIN_SKIP_BROWSER=1: browser tests are skipped");
    return;
  }
  if (existsSync(CHROMIUM)) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const isDebian = existsSync("/etc/debian_version") && existsSync("/usr/bin/apt-get");
  if (isRoot && isDebian) {
    step(
      "installing Chromium for the browser tests (apt-get install -y chromium, about a minute)…",
    );
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    const update = spawnSync("apt-get", ["update"], { stdio: "inherit", env });
    if (update.status === 0) {
      spawnSync("apt-get", ["install", "-y", "chromium"], {
        stdio: "inherit",
        env,
      });
    }
  }
  if (existsSync(CHROMIUM)) return;
  if (process.env.CI) {
    fail(
      `Chromium is missing at ${CHROMIUM} and CI needs the browser tests: apt-get install -y chromium`,
    );
  }
  process.env.LIANXIN_SKIP_BROWSER = "1";
  const bar = "!".repeat(78);
  warn(bar);
  warn(`Chromium not found at ${CHROMIUM}: the BROWSER TESTS ARE SKIPPED in this run.`);
  warn("Install it (Debian: sudo apt-get install -y chromium) to run them.");
  warn(bar);
}

const { pnpm } = await bootstrap();
ensureChromium();
await buildPublicSiteIfStale(pnpm);
if (runsProject("infra")) await buildAwsSitesIfStale(pnpm);

const pnpmExec = (args) => run(pnpm[0], [...pnpm.slice(1), "exec", ...args]);
const steps = [
  ["typecheck (tsc -b)", ["tsc", "-b"]],
  // The sites are Astro projects outside the solution: their own strict configs.
  ["typecheck the public site", ["tsc", "--noEmit", "-p", "sites/public"]],
  ["typecheck the staff site", ["tsc", "--noEmit", "-p", "sites/staff"]],
  ["lint (biome check .)", ["biome", "check", "."]],
  [
    "tests (vitest)",
    ["vitest", "run", "--config", "tests/vitest.config.ts", ...process.argv.slice(2)],
  ],
];
for (const [name, args] of steps) {
  step(`${name}…`);
  const code = await pnpmExec(args);
  if (code !== 0) fail(`${name} failed (exit code ${code})`, code);
}
step(`all checks passed in ${Math.round((Date.now() - started) / 1000)} s`);
