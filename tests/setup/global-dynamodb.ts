/**
 * globalSetup for the "integration" and "browser" projects: ONE in-memory DynamoDB Local (free
 * port) for the whole vitest run, or the DynamoDB at DYNAMODB_ENDPOINT when that is set.
 *
 * Vitest 4 runs a project's globalSetup once per project, all in the main process, one project
 * after another. The instance therefore lives on globalThis with a reference count: the first
 * project starts it, later ones reuse it, and the last teardown stops it. Tests read the endpoint
 * with `inject("dynamoEndpoint")` (see tests/support/database.ts).
 */
import { startDynamoDbLocal } from "@lianxin/local";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

interface Shared {
  ready: Promise<{ endpoint: string; stop: () => Promise<void> }>;
  users: number;
}

const KEY = Symbol.for("lianxin.tests.dynamodb-local");
const holder = globalThis as typeof globalThis & { [KEY]?: Shared };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let shared = holder[KEY];
  if (shared === undefined) {
    const external = process.env.DYNAMODB_ENDPOINT?.trim();
    const ready = external
      ? Promise.resolve({ endpoint: external, stop: async () => {} })
      : (async () => {
          const started = Date.now();
          const db = await startDynamoDbLocal({ port: 0 });
          const seconds = ((Date.now() - started) / 1000).toFixed(1);
          process.stdout.write(
            `▸ DynamoDB Local (in memory) at ${db.endpoint}, ready in ${seconds} s\n`,
          );
          return db;
        })();
    shared = { ready, users: 0 };
    holder[KEY] = shared;
  }
  shared.users += 1;
  let db: Awaited<Shared["ready"]>;
  try {
    db = await shared.ready;
  } catch (error) {
    shared.users -= 1;
    if (shared.users === 0) delete holder[KEY];
    throw error;
  }
  project.provide("dynamoEndpoint", db.endpoint);

  const current = shared;
  return async () => {
    current.users -= 1;
    if (current.users > 0) return;
    delete holder[KEY];
    await db.stop();
  };
}
