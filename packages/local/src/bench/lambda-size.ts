/**
 * Lambda bundle size and cold start (issue 5). Bundles each Lambda entry exactly as SST v2 does
 * at deploy (its own esbuild 0.18, its options, the `nodejs` props from infra/defaults.ts),
 * prints each bundle's minified size and its largest inputs, then measures cold init: a fresh
 * Node process imports the bundle, median of N runs, beside the bare
 * `import("@aws-sdk/client-dynamodb")` measured the same way in the same run, interleaved.
 *
 *   pnpm bench:lambda               9 runs each
 *   pnpm bench:lambda --runs 15
 *
 * The bundles go to a fresh directory under the OS temp dir whose `node_modules` holds only
 * the packages the bundle leaves external (the AWS SDK, which the Lambda runtime provides,
 * and jieba, which the API's and the job's packages carry), linked from the workspace:
 * whatever the bundle forgot to inline fails to load, as it would on Lambda. Budgets: the API
 * bundle at most 200 KiB (without the SDK); its init, SDK included, at most 1.3 × the bare
 * SDK import. Exit 1 past either, and if jieba was loaded at init (it loads on the first
 * masking only).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { repoRoot } from "../paths.js";

/** The person tagger's package (packages/functions/src/text/person-tagger.ts). */
const JIEBA_PACKAGE = "@node-rs/jieba";

const KIB = 1024;
export const BUDGET = { apiBytes: 200 * KIB, initRatio: 1.3 } as const;

/** The subset of SST's `nodejs` function props that decides the bundle. */
interface NodeJsProps {
  format?: "esm" | "cjs";
  minify?: boolean;
  splitting?: boolean;
  install?: string[];
  banner?: string;
  esbuild?: { external?: string[] } & Record<string, unknown>;
}

/** The bits of esbuild's API and metafile used here (SST's esbuild, typed locally). */
interface Metafile {
  inputs: Record<string, { bytes: number; imports: { path: string; external?: boolean }[] }>;
  outputs: Record<
    string,
    {
      bytes: number;
      entryPoint?: string;
      imports: { path: string; kind: string }[];
      inputs: Record<string, { bytesInOutput: number }>;
    }
  >;
}
interface Esbuild {
  version: string;
  build(options: Record<string, unknown>): Promise<{ metafile: Metafile }>;
}

const requireFromRoot = createRequire(join(repoRoot, "package.json"));
/** SST's own esbuild (0.18.x), not the workspace's newer one: the deploy uses SST's. */
const esbuild = createRequire(requireFromRoot.resolve("sst/package.json"))("esbuild") as Esbuild;

/**
 * esbuild options as SST 2.49.8 builds them for `sst deploy` (runtime/handlers/node.js):
 * forced externals, `install` packages external, keepNames, esnext target, the ESM banner
 * that gives bundled CommonJS a `require`, source maps as separate files.
 */
export function sstEsbuildOptions(entry: string, outdir: string, nodejs: NodeJsProps) {
  const { external = [], ...override } = nodejs.esbuild ?? {};
  const name = entry.replace(/^.*\//, "").replace(/\.[cm]?[jt]sx?$/, "");
  return {
    entryPoints: [join(repoRoot, entry)],
    platform: "node",
    external: ["sharp", "pg-native", ...(nodejs.install ?? []), ...external],
    keepNames: true,
    bundle: true,
    logLevel: "silent",
    splitting: nodejs.splitting,
    metafile: true,
    outExtension: nodejs.splitting ? { ".js": ".mjs" } : undefined,
    format: "esm",
    target: "esnext",
    mainFields: ["module", "main"],
    banner: {
      js: [
        `import { createRequire as topLevelCreateRequire } from 'module';`,
        `const require = topLevelCreateRequire(import.meta.url);`,
        `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
        `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
        nodejs.banner ?? "",
      ].join("\n"),
    },
    outfile: nodejs.splitting ? undefined : join(outdir, `${name}.mjs`),
    outdir: nodejs.splitting ? outdir : undefined,
    sourcemap: true,
    minify: nodejs.minify,
    ...override,
  };
}

export interface BundleReport {
  name: string;
  file: string;
  /** The entry file and the chunks it imports statically: what Lambda loads at init. */
  bytes: number;
  /** The other chunks (behind dynamic imports), loaded on demand. */
  lazyChunks: { file: string; bytes: number; heavy: boolean }[];
  topInputs: { input: string; bytes: number }[];
  externals: string[];
}

/** Libraries that load only on the routes that need them (the issue names exceljs). */
const HEAVY = ["/node_modules/exceljs/"];

/** A Node builtin, or esbuild's own `<runtime>` helper: nothing to install. */
const isBuiltin = (spec: string) =>
  spec.startsWith("node:") ||
  spec.startsWith("<") ||
  builtinModules.includes(spec.split("/")[0] ?? spec);

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
const packageName = (spec: string) =>
  spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : (spec.split("/")[0] ?? spec);

const shortInput = (input: string) =>
  input.replace(/^.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, "").replace(/^\.\.\/+/, "");

/** A dependency's files as one line (`zod/v4/core`), the workspace's own files as they are. */
function groupInput(input: string): string {
  if (input.startsWith("packages/") || input.startsWith("sites/")) return input;
  const parts = input.split("/");
  const depth = parts[0]?.startsWith("@") ? 2 : 1;
  // zod's parts (v4/core, v4/classic, v4/mini) are worth telling apart.
  return parts.slice(0, parts[0] === "zod" ? 3 : depth).join("/");
}

async function bundle(
  name: string,
  entry: string,
  outdir: string,
  nodejs: NodeJsProps,
): Promise<BundleReport> {
  mkdirSync(outdir, { recursive: true });
  // SST runs esbuild from the project root; metafile paths are relative to it.
  const { metafile } = await esbuild.build({
    ...sstEsbuildOptions(entry, outdir, nodejs),
    absWorkingDir: repoRoot,
  });
  const outputs = Object.entries(metafile.outputs).filter(([file]) => file.endsWith(".mjs"));
  // With code splitting every dynamic import is an entry point too: pick the real one.
  const entryOutput = outputs.find(([, o]) => o.entryPoint === entry.replace(/^\.\//, ""));
  if (!entryOutput) throw new Error(`${name}: no entry output`);
  const [entryFile] = entryOutput;
  // What init loads: the entry and, transitively, the chunks it imports statically.
  const atInit = new Set([entryFile]);
  for (const file of atInit) {
    for (const imported of metafile.outputs[file]?.imports ?? []) {
      if (imported.kind === "import-statement" && metafile.outputs[imported.path]) {
        atInit.add(imported.path);
      }
    }
  }
  const initBytes = [...atInit].reduce(
    (sum, file) => sum + (metafile.outputs[file]?.bytes ?? 0),
    0,
  );
  // Inputs summed over everything loaded at init (shared chunks included), by package for
  // dependencies and by file for the workspace's own code.
  const byInput = new Map<string, number>();
  for (const file of atInit) {
    for (const [input, { bytesInOutput }] of Object.entries(metafile.outputs[file]?.inputs ?? {})) {
      const key = groupInput(shortInput(input));
      byInput.set(key, (byInput.get(key) ?? 0) + bytesInOutput);
    }
  }
  const topInputs = [...byInput]
    .map(([input, bytes]) => ({ input, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 15);
  const externals = new Set<string>();
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    for (const imported of imports) {
      if (imported.external && !isBuiltin(imported.path)) {
        externals.add(`${packageName(imported.path)}\t${input}`);
      }
    }
  }
  return {
    name,
    file: join(repoRoot, entryFile),
    bytes: initBytes,
    lazyChunks: outputs
      .filter(([file]) => !atInit.has(file))
      .map(([file, o]) => ({
        file: relative(outdir, join(repoRoot, file)),
        bytes: o.bytes,
        heavy: Object.keys(o.inputs).some((input) => HEAVY.some((lib) => input.includes(lib))),
      })),
    topInputs,
    externals: [...externals],
  };
}

/** Packages a bundle may name but never needs (ws's optional speed-ups, the sender's). */
const OPTIONAL_ADDONS = ["bufferutil", "utf-8-validate"];

/** The directory of the package `name` as the workspace file `from` resolves it. */
function packageDir(name: string, from: string): string {
  const resolved = createRequire(from).resolve(name);
  let dir = dirname(resolved);
  while (dir !== dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).name === name) {
      return dir;
    }
    dir = dirname(dir);
  }
  throw new Error(`cannot find the package directory of ${name} (from ${from})`);
}

/**
 * The stand-in for the Lambda runtime's node_modules: a link to each package the bundles
 * leave external, as the workspace file that imports it resolves it (so the pinned SDK).
 */
function linkExternals(root: string, reports: BundleReport[]): string[] {
  const linked = new Map<string, string>();
  for (const report of reports) {
    for (const line of report.externals) {
      const [name, importer] = line.split("\t") as [string, string];
      // ws's optional native add-ons, required inside try/catch: absent here as on Lambda.
      if (OPTIONAL_ADDONS.includes(name)) continue;
      if (!linked.has(name)) linked.set(name, packageDir(name, join(repoRoot, importer)));
    }
  }
  // The SDK packages the code loads with `require` (invisible to esbuild's metafile).
  for (const pkg of ["packages/store", "packages/functions"]) {
    const manifest = join(repoRoot, pkg, "package.json");
    const { dependencies = {}, devDependencies = {} } = JSON.parse(readFileSync(manifest, "utf8"));
    // Dev dependencies too: the Lambda client is only a type source here (the runtime has it).
    const deps = [...Object.keys(dependencies), ...Object.keys(devDependencies)];
    for (const name of deps.filter((d) => d.startsWith("@aws-sdk/"))) {
      if (!linked.has(name)) linked.set(name, packageDir(name, manifest));
    }
  }
  // jieba, which the API and the job carry in their packages (infra/person-tagger.ts) and
  // load with `require` on their first masking, never at init: linked so that a load at init
  // would succeed and be seen (coldImport fails on it), as it would go unnoticed on Lambda.
  const functionsManifest = join(repoRoot, "packages", "functions", "package.json");
  linked.set(JIEBA_PACKAGE, packageDir(JIEBA_PACKAGE, functionsManifest));
  for (const [name, dir] of linked) {
    const link = join(root, "node_modules", name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(dir, link, "dir");
  }
  return [...linked.keys()].sort();
}

/**
 * Milliseconds a fresh Node process takes to import `specifier` (run from `cwd`) and, for
 * the API, to answer its first request. The app (and so the SDK client) is built on the
 * first event, and each route loads its use case on first use, so the import alone would
 * leave out what a resident's first request pays for. The event is a resident's submission
 * that fails validation (the description is too short): it goes through the router, the
 * body reader, the intake use case and its schemas and the localized error answer, and is
 * refused (400) before any database request, which cannot be made here.
 */
function coldImport(
  specifier: string,
  cwd: string,
  { firstRequest = false, viaRequire = false } = {},
): number {
  const path = "/api/concerns";
  const firstEvent = {
    version: "2.0",
    routeKey: "$default",
    rawPath: path,
    rawQueryString: "",
    headers: { "content-type": "application/json", "idempotency-key": "cold-start-0001" },
    requestContext: { http: { method: "POST", path, sourceIp: "127.0.0.1" } },
    body: JSON.stringify({ villageId: "meijing", categoryCode: "environment", description: "臭" }),
    isBase64Encoded: false,
  };
  const code = [
    "const started = performance.now();",
    viaRequire
      ? `const mod = (await import("node:module")).createRequire(process.cwd() + "/")(${JSON.stringify(specifier)});`
      : `const mod = await import(${JSON.stringify(specifier)});`,
    `if (${JSON.stringify(firstRequest)} && typeof mod.handler === "function") {`,
    `  const res = await mod.handler(${JSON.stringify(firstEvent)}, {});`,
    '  if (res.statusCode !== 400 || !res.body.includes("description")) throw new Error("first event: " + res.statusCode + " " + res.body);',
    "}",
    "const ms = performance.now() - started;",
    // Nothing may load jieba at init or for a first request that masks nothing.
    'const cache = (await import("node:module")).createRequire(process.cwd() + "/").cache;',
    'const jieba = Object.keys(cache).filter((file) => file.includes("jieba"));',
    'if (jieba.length > 0) throw new Error("jieba loaded at init: " + jieba.join(", "));',
    "console.log(JSON.stringify({ ms }));",
  ].join("\n");
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", code], {
    cwd,
    encoding: "utf8",
    env: {
      PATH: process.env.PATH ?? "",
      AWS_REGION: "ap-east-1",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      // What the API reads at start; no request reaches the table.
      TABLE_NAME: "cold-start",
      SESSION_SIGNING_KEY: "x".repeat(48),
      RESIDENT_KEY: "r".repeat(48),
    },
  });
  if (child.status !== 0) {
    throw new Error(`importing ${specifier} failed:\n${child.stderr || child.stdout}`);
  }
  const last = child.stdout.trim().split("\n").at(-1) ?? "";
  return (JSON.parse(last) as { ms: number }).ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

const kib = (bytes: number) => `${(bytes / KIB).toFixed(1)} KiB`;

async function main() {
  const { values } = parseArgs({
    options: { runs: { type: "string", default: "9" }, keep: { type: "boolean", default: false } },
  });
  const runs = Math.max(7, Number(values.runs) || 9);
  // infra/defaults.ts lies outside this package's TypeScript project: load it at run time.
  const defaults = (await import(pathToFileURL(join(repoRoot, "infra", "defaults.ts")).href)) as {
    FUNCTION_NODEJS: NodeJsProps;
    API_NODEJS: NodeJsProps;
  };
  const root = mkdtempSync(join(tmpdir(), "lianxin-lambda-"));
  try {
    const reports = [
      await bundle(
        "api",
        "packages/functions/src/lambda.ts",
        join(root, "api"),
        defaults.API_NODEJS,
      ),
      await bundle(
        "job",
        "packages/functions/src/job.ts",
        join(root, "job"),
        defaults.FUNCTION_NODEJS,
      ),
      // Background ledger exports: exceljs is its work, so it is in the bundle; no budget.
      await bundle(
        "export worker",
        "packages/functions/src/export-worker.ts",
        join(root, "export-worker"),
        defaults.FUNCTION_NODEJS,
      ),
      // Residents' SMS: the Aliyun SDK is bundled here and nowhere else; no budget.
      await bundle(
        "sms sender",
        "packages/functions/src/sms-sender.ts",
        join(root, "sms-sender"),
        defaults.FUNCTION_NODEJS,
      ),
    ];
    const linked = linkExternals(root, reports);

    console.log(`esbuild ${esbuild.version} (SST's), node ${process.version}, ${runs} runs each`);
    console.log(
      `external at run time (the Lambda runtime's SDK; jieba, in the package): ${linked.join(", ")}\n`,
    );
    for (const r of reports) {
      console.log(`${r.name}: ${kib(r.bytes)} (${r.bytes} bytes) minified, largest inputs:`);
      for (const { input, bytes } of r.topInputs) {
        console.log(`  ${kib(bytes).padStart(10)}  ${input}`);
      }
      for (const chunk of r.lazyChunks) {
        const note = chunk.heavy ? "heavy library, loaded on demand" : "loaded on demand";
        console.log(`  lazy chunk ${chunk.file}: ${kib(chunk.bytes)} (${note})`);
      }
      if (r.lazyChunks.length > 0) {
        const light = r.lazyChunks.filter((c) => !c.heavy);
        const lightBytes = light.reduce((sum, c) => sum + c.bytes, 0);
        console.log(
          `  everything but the heavy libraries' chunks: ${kib(r.bytes + lightBytes)} ` +
            `(at init ${kib(r.bytes)} + ${light.length} lazy chunks ${kib(lightBytes)})`,
        );
      }
    }

    // Interleaved, so that drift in the machine's speed hits every subject alike.
    const subjects: {
      name: string;
      specifier: string;
      firstRequest?: boolean;
      viaRequire?: boolean;
    }[] = [
      { name: "@aws-sdk/client-dynamodb (bare)", specifier: "@aws-sdk/client-dynamodb" },
      // The same SDK through `require`, as the store loads it (store/src/sdk.ts): shown so
      // that the reader sees how much of the API's margin comes from skipping the ESM loader.
      {
        name: "@aws-sdk/client-dynamodb (bare, require)",
        specifier: "@aws-sdk/client-dynamodb",
        viaRequire: true,
      },
      ...reports.map((r) => ({
        name: `${r.name} bundle`,
        specifier: pathToFileURL(r.file).href,
        firstRequest: r.name === "api",
      })),
      // The import alone (what Lambda reports as Init Duration), to show what the first
      // event adds: the app, the SDK client and the intake use case with its schemas.
      {
        name: "api bundle, import only",
        specifier: pathToFileURL((reports[0] as BundleReport).file).href,
        firstRequest: false,
      },
    ];
    const times = new Map(subjects.map((s) => [s.name, [] as number[]]));
    for (const s of subjects) coldImport(s.specifier, root, s); // warm the file cache
    for (let i = 0; i < runs; i++) {
      for (const s of subjects) {
        times.get(s.name)?.push(coldImport(s.specifier, root, s));
      }
    }
    const sdk = median(times.get(subjects[0]?.name ?? "") ?? []);
    console.log(`\n| subject | minified | cold init (median of ${runs}) | × bare SDK |`);
    console.log("|---|---:|---:|---:|");
    for (const s of subjects) {
      const ms = median(times.get(s.name) ?? []);
      const report = reports.find((r) => s.name.startsWith(`${r.name} bundle`));
      const size = report ? kib(report.bytes) : "(runtime)";
      console.log(`| ${s.name} | ${size} | ${ms.toFixed(0)} ms | ${(ms / sdk).toFixed(2)} |`);
    }

    const api = reports[0] as BundleReport;
    const apiMs = median(times.get("api bundle") ?? []);
    const failures: string[] = [];
    if (api.bytes > BUDGET.apiBytes) {
      failures.push(`API bundle ${kib(api.bytes)} > ${kib(BUDGET.apiBytes)}`);
    }
    if (apiMs > BUDGET.initRatio * sdk) {
      failures.push(
        `API init ${apiMs.toFixed(0)} ms > ${BUDGET.initRatio} × bare SDK (${(BUDGET.initRatio * sdk).toFixed(0)} ms)`,
      );
    }
    console.log(
      `\nbudgets: API bundle ≤ ${kib(BUDGET.apiBytes)}; API init ≤ ${BUDGET.initRatio} × bare SDK import`,
    );
    if (failures.length > 0) {
      for (const f of failures) console.error(`OVER BUDGET: ${f}`);
      process.exitCode = 1;
    } else {
      console.log("within budget");
    }
    if (values.keep) console.log(`bundles kept in ${root}`);
  } finally {
    if (!values.keep) rmSync(root, { recursive: true, force: true });
  }
}

await main();
