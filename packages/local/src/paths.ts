import { fileURLToPath } from "node:url";

/** The monorepo root (this file is packages/local/src/paths.ts). */
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
