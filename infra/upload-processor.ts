import { existsSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import type { Table } from "aws-cdk-lib/aws-dynamodb";
import type { Bucket } from "aws-cdk-lib/aws-s3";
import { type FunctionProps, Function as SstFunction, type Stack } from "sst/constructs";
import { useProject } from "sst/project.js";
import { FUNCTION_NODEJS } from "./defaults.js";
import {
  bucketPrefixAccess,
  tableAccess,
  UPLOAD_PROCESSOR_FILE_ACTIONS,
  UPLOAD_PROCESSOR_TABLE_ACTIONS,
} from "./permissions.js";

/** The upload processor's entry (packages/functions/src/upload-processor.ts). */
export const UPLOAD_PROCESSOR_HANDLER = "packages/functions/src/upload-processor.handler";

/**
 * Memory and time limit, from `pnpm bench:photos` (packages/functions/README.md, "Photos"; x64
 * VM, a fresh process per case): a 4000 × 3000 JPEG 251 ms warm and 236 MB peak RSS, an
 * 8192 × 8192 JPEG at the pixel limit (rotated) 595 ms and 347 MB. 1,024 MB is about 3 × the
 * worst peak, with room for a 20 MB body and both outputs, and buys about 0.6 vCPU; 30 s is
 * far over the worst case single-threaded (under 1 s there; a PNG at the pixel limit, measured
 * by hand, 2.6 s). To be checked against the `Max Memory Used` of real runs.
 */
export const UPLOAD_PROCESSOR_MEMORY_MB = 1024;
export const UPLOAD_PROCESSOR_TIMEOUT_SECONDS = 30;

/**
 * At most this many photos are processed at once: a flood of uploads queues up (S3 invokes
 * asynchronously, and Lambda keeps throttled events and retries them for up to 6 hours)
 * instead of taking the account's concurrency from the API and the sites.
 */
export const UPLOAD_PROCESSOR_RESERVED_CONCURRENCY = 10;

/** Lambda's own retries of a failed asynchronous run (its default, written out). */
export const UPLOAD_PROCESSOR_RETRY_ATTEMPTS = 2;

/** sharp's arm64 add-on and its libvips: direct dependencies of packages/functions. */
export const SHARP_BINARY_PACKAGE = "@img/sharp-linux-arm64";
export const SHARP_LIBVIPS_PACKAGE = "@img/sharp-libvips-linux-arm64";

/**
 * What the processor carries beside its bundle, under `node_modules/` at its package's root,
 * where the bundle's `import("sharp")` finds them (packages/functions/README.md, "sharp on
 * arm64 Lambda"): sharp's ESM and CommonJS build, its three dependencies, the arm64 add-on
 * and libvips (the add-on finds `libvips-cpp.so.*` through its RPATH
 * `$ORIGIN/../../sharp-libvips-linux-arm64/lib`: the sibling package). About 20 MB, 8 MB
 * zipped. Not sharp's C++ sources, nor any x64 build. Entries are files or folders of each
 * package. `from` says where the package is resolved from: packages/functions for its
 * direct dependencies, sharp's own folder for sharp's.
 */
export const SHARP_FILES: {
  pkg: string;
  from: "functions" | "sharp";
  files: readonly string[];
}[] = [
  { pkg: "sharp", from: "functions", files: ["package.json", "LICENSE", "dist"] },
  {
    pkg: "@img/colour",
    from: "sharp",
    files: ["package.json", "LICENSE.md", "index.cjs", "color.cjs"],
  },
  { pkg: "detect-libc", from: "sharp", files: ["package.json", "LICENSE", "lib"] },
  {
    pkg: "semver",
    from: "sharp",
    files: [
      "package.json",
      "LICENSE",
      "index.js",
      "preload.js",
      "classes",
      "functions",
      "internal",
      "ranges",
    ],
  },
  {
    pkg: SHARP_BINARY_PACKAGE,
    from: "functions",
    files: ["package.json", "LICENSE", "index.cjs", "lib"],
  },
  {
    pkg: SHARP_LIBVIPS_PACKAGE,
    from: "functions",
    files: ["package.json", "versions.json", "lib"],
  },
];

/**
 * The folder of `pkg` as Node would find it from `base` (a file), through pnpm's symlink to
 * its real path in the store, so that SST copies files and not links. Found by folder, not by
 * `require.resolve`: the @img packages export neither a main entry nor `./package.json`.
 */
function packageDir(base: string, pkg: string): string {
  const paths = createRequire(base).resolve.paths(pkg) ?? [];
  for (const dir of paths) {
    if (existsSync(join(dir, pkg, "package.json"))) return realpathSync(join(dir, pkg));
  }
  throw new Error(
    `${pkg} is missing from packages/functions' dependencies (run pnpm install): ` +
      "the upload processor carries it.",
  );
}

/**
 * `copyFiles` for the processor: each entry of SHARP_FILES, from the pnpm store, to
 * `node_modules/<package>/<entry>`, copied after the bundle is built (as `personTaggerFiles`
 * does for jieba). Not `nodejs.install`: SST runs it as `npm install --omit=optional` outside
 * the lockfile, on the host's platform, and would pin sharp 0.32.6 besides.
 */
export function sharpFiles(
  root: string = useProject().paths.root,
): NonNullable<FunctionProps["copyFiles"]> {
  const functions = join(root, "packages", "functions", "package.json");
  const sharpDir = packageDir(functions, "sharp");
  return SHARP_FILES.flatMap(({ pkg, from, files }) => {
    const dir = packageDir(from === "sharp" ? join(sharpDir, "package.json") : functions, pkg);
    return files.map((file) => {
      const path = join(dir, file);
      if (!existsSync(path)) throw new Error(`${pkg}/${file} is missing (${dirname(path)})`);
      return { from: relative(root, path), to: `node_modules/${pkg}/${file}` };
    });
  });
}

/**
 * The processor's bundling: as every function's, with sharp and its `@img/*` packages left
 * out of the bundle (they are copied beside it). Listing `sharp` as external also keeps SST
 * from running its own `npm install sharp` at synth (it does for an import of `sharp` that is
 * not in `external`).
 */
export const UPLOAD_PROCESSOR_NODEJS = {
  ...FUNCTION_NODEJS,
  esbuild: { external: [...FUNCTION_NODEJS.esbuild.external, "sharp", "@img/*"] },
} satisfies NonNullable<FunctionProps["nodejs"]>;

/** The bucket's prefixes the processor reads and writes (storage.ts defines them). */
export interface ProcessorPrefixes {
  uploads: string;
  staged: string;
  files: string;
}

/**
 * The upload processor (issue 15): checks, strips and re-encodes each upload, writes the
 * result under `staged/`, deletes the upload and records the verdict in the table; for a photo
 * a submission claimed before its processing finished, it then moves the output to `files/`
 * and records the file. It gets the table and the bucket by name and exactly the grants of
 * UPLOAD_PROCESSOR_FILE_ACTIONS and UPLOAD_PROCESSOR_TABLE_ACTIONS. No secret.
 */
export function uploadProcessor(
  stack: Stack,
  args: { table: Table; bucket: Bucket; prefixes: ProcessorPrefixes },
): SstFunction {
  const { table, bucket, prefixes } = args;
  const fn = new SstFunction(stack, "UploadProcessor", {
    handler: UPLOAD_PROCESSOR_HANDLER,
    nodejs: UPLOAD_PROCESSOR_NODEJS,
    copyFiles: sharpFiles(),
    memorySize: UPLOAD_PROCESSOR_MEMORY_MB,
    timeout: UPLOAD_PROCESSOR_TIMEOUT_SECONDS,
    reservedConcurrentExecutions: UPLOAD_PROCESSOR_RESERVED_CONCURRENCY,
    retryAttempts: UPLOAD_PROCESSOR_RETRY_ATTEMPTS,
    environment: { TABLE_NAME: table.tableName, FILES_BUCKET: bucket.bucketName },
  });
  fn.attachPermissions([
    tableAccess(table, UPLOAD_PROCESSOR_TABLE_ACTIONS),
    bucketPrefixAccess(bucket, prefixes.uploads, UPLOAD_PROCESSOR_FILE_ACTIONS.uploads),
    bucketPrefixAccess(bucket, prefixes.staged, UPLOAD_PROCESSOR_FILE_ACTIONS.staged),
    // A photo claimed by its submission before its processing finished goes straight to its
    // final place under files/ (the claim found nothing under staged/ to move).
    bucketPrefixAccess(bucket, prefixes.files, UPLOAD_PROCESSOR_FILE_ACTIONS.files),
  ]);
  return fn;
}
