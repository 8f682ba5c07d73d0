#!/usr/bin/env node
// `npm start`: install what is missing, build the public site if stale, then run the local
// portal (packages/local/src/start.ts) with the workspace's tsx. Builtins only.
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { bootstrap, buildPublicSiteIfStale, repoRoot, run } from "./bootstrap.mjs";

const { pnpm } = await bootstrap();
await buildPublicSiteIfStale(pnpm);

// tsx as an --import loader: one Node process for the portal (the tsx CLI would add another).
const requireFromLocal = createRequire(join(repoRoot, "packages", "local", "package.json"));
const tsxLoader = pathToFileURL(requireFromLocal.resolve("tsx")).href;
const entry = join(repoRoot, "packages", "local", "src", "start.ts");
const code = await run(process.execPath, ["--import", tsxLoader, entry, ...process.argv.slice(2)], {
  shell: false,
});
// The portal exits 0 after Ctrl-C; 130 means it was killed by the signal itself.
process.exit(code === 130 ? 0 : code);
