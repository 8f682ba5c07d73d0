import { createRequire } from "node:module";
import { join, relative } from "node:path";
import type { FunctionProps } from "sst/constructs";
import { useProject } from "sst/project.js";
import {
  JIEBA_DICTIONARY_FILE,
  JIEBA_PACKAGE,
} from "../packages/functions/src/text/person-tagger.js";

/** The Lambda build of jieba's binary: our functions run on arm64 (sst.config.ts). */
export const JIEBA_BINARY_PACKAGE = "@node-rs/jieba-linux-arm64-gnu";
export const JIEBA_BINARY_FILE = "jieba.linux-arm64-gnu.node";

/**
 * What a function that masks public text carries beside its bundle, under `node_modules/` at
 * the package's root, where the tagger's `require` finds it (packages/functions/src/text/
 * person-tagger.ts): jieba's loader and licence, its arm64 binary (2.5 MB) and its dictionary
 * (5 MB).
 * Not jieba's `idf.txt` (6 MB, keyword extraction only), nor the x64 binary.
 */
export const PERSON_TAGGER_FILES: Record<string, readonly string[]> = {
  [JIEBA_PACKAGE]: ["package.json", "index.js", "LICENSE", JIEBA_DICTIONARY_FILE],
  [JIEBA_BINARY_PACKAGE]: ["package.json", JIEBA_BINARY_FILE],
};

/**
 * `copyFiles` for SST's Function: each file of PERSON_TAGGER_FILES, found where
 * packages/functions resolves it (the pnpm store: `node_modules/.pnpm/…`, a real path, so
 * that SST copies the file and not pnpm's symlink), copied after the bundle is built. Not
 * `nodejs.install`: SST runs that as `npm install --omit=optional` at every synth, outside
 * the lockfile, and would leave the binary (an optional dependency of jieba) out. The arm64
 * binary is a dependency of packages/functions of its own, so that pnpm installs it on any
 * build machine, x64 included.
 */
export function personTaggerFiles(
  root: string = useProject().paths.root,
): NonNullable<FunctionProps["copyFiles"]> {
  const resolve = createRequire(join(root, "packages", "functions", "package.json")).resolve;
  return Object.entries(PERSON_TAGGER_FILES).flatMap(([pkg, files]) =>
    files.map((file) => {
      let from: string;
      try {
        from = resolve(`${pkg}/${file}`);
      } catch (error) {
        throw new Error(
          `${pkg}/${file} is missing from packages/functions' dependencies (run pnpm install): ` +
            `the functions that mask carry it. ${String(error)}`,
        );
      }
      return { from: relative(root, from), to: `node_modules/${pkg}/${file}` };
    }),
  );
}
