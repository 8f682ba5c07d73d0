// Shared bootstrap for `npm start` and `npm test`. Plain Node ESM with builtins only: it runs
// before anything is installed. It checks Node and Java, finds (or installs) pnpm, and runs
// `pnpm install` when node_modules is missing or older than the lockfile.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
export const PNPM_VERSION = "10.34.8";
const isWindows = process.platform === "win32";
const JAVA_HINT =
  "Java 17+ is needed for DynamoDB Local: install it (Debian: apt-get install -y openjdk-17-jre-headless) or set DYNAMODB_ENDPOINT";

// The AWS SDK warns on Node 20 that releases after January 2027 need Node 22; the lockfile pins
// the SDK, so the warning is noise in every child process.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

export function step(message) {
  process.stdout.write(`▸ ${message}\n`);
}

export function warn(message) {
  process.stderr.write(`! ${message}\n`);
}

/** Prints one line and exits with `code` (no stack trace). */
export function fail(message, code = 1) {
  process.stderr.write(`✗ ${message}\n`);
  process.exit(code);
}

/**
 * Runs a command with inherited stdio; resolves with its exit code. SIGINT/SIGTERM sent to this
 * process are forwarded to the child, so Ctrl-C and `kill` behave as if the child ran directly.
 */
export function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: repoRoot,
      stdio: "inherit",
      shell: isWindows,
      ...options,
    });
    const forward = (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    const signals = ["SIGINT", "SIGTERM", "SIGHUP"];
    for (const signal of signals) process.on(signal, forward);
    const done = (code) => {
      for (const signal of signals) process.removeListener(signal, forward);
      resolve(code);
    };
    child.once("error", (error) => {
      warn(`${command}: ${error.message}`);
      done(127);
    });
    child.once("exit", (code, signal) => {
      if (code !== null) done(code);
      else done(signal === "SIGINT" || signal === "SIGTERM" || signal === "SIGHUP" ? 130 : 1);
    });
  });
}

function probe(command, args) {
  const result = spawnSync(command, args, { encoding: "utf8", shell: isWindows, stdio: "pipe" });
  if (result.error || result.status !== 0) return null;
  return `${result.stdout ?? ""}${result.stderr ?? ""}`;
}

export function checkNode() {
  const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
  if (major < 20 || (major === 20 && minor < 3)) {
    fail(`Node 20.3 or newer is needed (this is ${process.version}): install Node 20 LTS`);
  }
}

export function checkJava() {
  if (process.env.DYNAMODB_ENDPOINT) return;
  const output = probe("java", ["-version"]);
  if (output === null) fail(JAVA_HINT);
  // `openjdk version "17.0.15"` or the old `java version "1.8.0_292"` style.
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  if (match) {
    const major = match[1] === "1" ? Number(match[2]) : Number(match[1]);
    if (major < 17) fail(`${JAVA_HINT} (found Java ${major})`);
  }
}

/** Returns the pnpm command as [command, ...leadingArgs]; installs pnpm if missing. */
export function findPnpm() {
  if (probe("pnpm", ["--version"]) !== null) return ["pnpm"];
  step(`installing pnpm ${PNPM_VERSION} (npm i -g pnpm@${PNPM_VERSION})…`);
  const global = spawnSync("npm", ["i", "-g", `pnpm@${PNPM_VERSION}`], {
    stdio: "inherit",
    shell: isWindows,
  });
  if (global.status === 0) {
    if (probe("pnpm", ["--version"]) !== null) return ["pnpm"];
    // Installed, but npm's global bin directory is not on PATH: use it by its full path.
    const prefix = probe("npm", ["prefix", "-g"])?.trim();
    if (prefix) {
      const bin = isWindows ? join(prefix, "pnpm.cmd") : join(prefix, "bin", "pnpm");
      if (existsSync(bin) && probe(bin, ["--version"]) !== null) return [bin];
    }
  }
  warn("global install not permitted: using npx -y pnpm instead");
  const viaNpx = ["npx", "-y", `pnpm@${PNPM_VERSION}`];
  if (probe(viaNpx[0], [...viaNpx.slice(1), "--version"]) !== null) return viaNpx;
  fail(`could not get pnpm: install it with \`npm i -g pnpm@${PNPM_VERSION}\` and retry`);
}

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * True when node_modules is missing or older than the lockfile (a pull that changed dependencies
 * changes the lockfile; editing a package.json is followed by `pnpm install`, which updates it).
 */
export function needsInstall() {
  const marker = join(repoRoot, "node_modules", ".modules.yaml");
  if (!existsSync(marker)) return true;
  return mtime(join(repoRoot, "pnpm-lock.yaml")) > mtime(marker);
}

/** Everything `npm start` and `npm test` need before they can run TypeScript. */
export async function bootstrap() {
  checkNode();
  checkJava();
  const pnpm = findPnpm();
  if (needsInstall()) {
    step("installing dependencies (pnpm install)…");
    const args = ["install", "--config.confirmModulesPurge=false"];
    if (process.env.CI) args.push("--frozen-lockfile");
    const code = await run(pnpm[0], [...pnpm.slice(1), ...args]);
    if (code !== 0) fail(`pnpm install failed (exit code ${code})`, code);
  }
  return { pnpm };
}

function newestMtime(path) {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (
      entry === "node_modules" ||
      entry === "dist" ||
      entry === "dist-aws" ||
      entry === ".astro"
    ) {
      continue;
    }
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** The Astro sites `npm start` runs and `npm test` drives: built once, rebuilt when stale. */
export const SITES = [
  { label: "the public site", dir: join(repoRoot, "sites", "public"), pkg: "@lianxin/public-site" },
  { label: "the staff site", dir: join(repoRoot, "sites", "staff"), pkg: "@lianxin/staff-site" },
];

export const publicSiteDir = SITES[0].dir;
export const publicSiteEntry = join(publicSiteDir, "dist", "server", "entry.mjs");

/** Sources of a site's build: the site itself and the workspace packages it imports. */
function siteSources(siteDir) {
  const sources = [siteDir];
  try {
    const manifest = JSON.parse(readFileSync(join(siteDir, "package.json"), "utf8"));
    const deps = { ...manifest.dependencies, ...manifest.devDependencies };
    for (const [name, version] of Object.entries(deps)) {
      if (name.startsWith("@lianxin/") && String(version).startsWith("workspace:")) {
        sources.push(join(repoRoot, "packages", name.slice("@lianxin/".length), "src"));
      }
    }
  } catch {}
  return sources;
}

/**
 * A site's two builds: the local @astrojs/node one (`build` → dist/), and the AWS one for SST's
 * AstroSite (`build:aws` → dist-aws/dist/, see the site's astro.config.mjs), which the infra
 * synth tests read. Each is judged by the file its build writes last.
 */
const BUILD_VARIANTS = {
  local: { script: "build", marker: ["dist", "server", "entry.mjs"], label: "" },
  aws: { script: "build:aws", marker: ["dist-aws", "dist", "sst.buildMeta.json"], label: " (AWS)" },
};

/** Builds one site when its build output is missing or older than its sources. */
export async function buildSiteIfStale(pnpm, site, variant = "local") {
  if (!existsSync(join(site.dir, "package.json"))) {
    warn(`${site.label} is missing (${site.dir}): skipping its build`);
    return;
  }
  const { script, marker, label } = BUILD_VARIANTS[variant];
  const builtAt = mtime(join(site.dir, ...marker));
  const newest = Math.max(...siteSources(site.dir).map(newestMtime));
  if (builtAt > 0 && builtAt >= newest) return;
  const name = `${site.label}${label}`;
  step(builtAt === 0 ? `building ${name}…` : `${name}: sources changed, rebuilding…`);
  const started = Date.now();
  const code = await run(pnpm[0], [...pnpm.slice(1), "--filter", site.pkg, script]);
  if (code !== 0) fail(`building ${name} failed (exit code ${code})`, code);
  step(`built ${name} in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** Builds every site that is stale (the public site, then the staff site). */
export async function buildSitesIfStale(pnpm) {
  for (const site of SITES) await buildSiteIfStale(pnpm, site);
}

/** The AWS builds the infra synth tests read (`npm test`), each only when stale. */
export async function buildAwsSitesIfStale(pnpm) {
  for (const site of SITES) await buildSiteIfStale(pnpm, site, "aws");
}

/**
 * The name start.mjs and test.mjs call: it now builds both sites (public and staff).
 * @deprecated use buildSitesIfStale.
 */
export const buildPublicSiteIfStale = buildSitesIfStale;
