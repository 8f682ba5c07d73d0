import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * One config for the whole repository (run from the root: `npm test`, or
 * `pnpm exec vitest run --config tests/vitest.config.ts [--project unit|integration|browser]`).
 *
 * - unit:        pure tests beside the code; no database.
 * - integration: store/API/Lambda tests against ONE DynamoDB Local for the run (a table per test
 *                file: tests/support/database.ts), started by tests/setup/global-dynamodb.ts.
 * - infra:       synthesizes the SST v2 stacks offline (NODE_ENV=test) and asserts on them.
 * - browser:     Chromium via playwright-core (tests/support/browser.ts), one file at a time.
 *                Left out when LIANXIN_SKIP_BROWSER=1 (npm test sets it when Chromium is missing
 *                outside CI).
 */
// The lockfile pins the AWS SDK; its "Node 22 needed after January 2027" warning is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const skipBrowser = process.env.LIANXIN_SKIP_BROWSER === "1";
const globalSetup = ["tests/setup/global-dynamodb.ts"];
const setupFiles = ["tests/setup/aws-env.ts"];

export default defineConfig({
  root: repoRoot,
  test: {
    root: repoRoot,
    exclude: ["**/node_modules/**", "**/dist/**", "**/.astro/**", "**/.data/**"],
    // Vitest's default on 2 cores is 1 worker; database tests mostly wait on the JVM, so 2 overlap.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        test: {
          name: "unit",
          root: repoRoot,
          environment: "node",
          include: [
            "packages/*/src/**/*.test.ts",
            "sites/public/src/**/*.test.ts",
            "sites/staff/src/**/*.test.ts",
          ],
          testTimeout: 10_000,
        },
      },
      {
        test: {
          name: "integration",
          root: repoRoot,
          environment: "node",
          include: ["tests/integration/**/*.test.ts", "packages/*/test/**/*.test.ts"],
          globalSetup,
          setupFiles,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "infra",
          root: repoRoot,
          environment: "node",
          include: ["tests/infra/**/*.test.ts"],
          testTimeout: 180_000,
          // Synthesizing bundles every function with esbuild: minutes on a busy 2-core machine.
          hookTimeout: 480_000,
          env: { NODE_ENV: "test" },
        },
      },
      ...(skipBrowser
        ? []
        : [
            {
              test: {
                name: "browser",
                root: repoRoot,
                environment: "node",
                include: ["tests/e2e/**/*.test.ts"],
                globalSetup,
                setupFiles,
                fileParallelism: false,
                testTimeout: 120_000,
                hookTimeout: 180_000,
              },
            },
          ]),
    ],
  },
});
