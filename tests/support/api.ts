import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import {
  createApp,
  createDeps,
  type Deps,
  readConfig,
  withInProcessExports,
} from "@lianxin/functions";
import { prepareLocalDatabase } from "@lianxin/functions/local";
import { createDynamoClient, createStore } from "@lianxin/store";
import {
  type ConflictSimulator,
  type ConflictSimulatorOptions,
  simulateConflicts,
} from "@lianxin/store/simulator";
import { createTestTable } from "./database.js";

export const SITE_SECRET = "test-site-secret";

/**
 * The real API app on a fresh table of the run's DynamoDB Local, seeded with the demo
 * directory. Requests go through the app's in-process `request`, i.e. the full handler
 * stack without a socket.
 *
 * With `simulate`, the app's store talks through the conflict simulator
 * (`@lianxin/store/simulator`): transactions hold their items, conflicts fail as on AWS, and
 * every round trip takes its latency. Its counts are `simulator.stats`.
 */
export async function createTestApi(
  overrides: Partial<Deps> = {},
  options: {
    simulate?: ConflictSimulatorOptions | boolean;
    /** Puts a layer around the app's DynamoDB client (to make chosen calls fail). */
    wrapClient?: (client: DynamoDBDocumentClient) => DynamoDBDocumentClient;
  } = {},
): Promise<{
  app: ReturnType<typeof createApp>;
  deps: Deps;
  endpoint: string;
  tableName: string;
  /** Set when the app runs under the conflict simulator. */
  simulator?: ConflictSimulator;
}> {
  const { endpoint, tableName } = await createTestTable();
  await prepareLocalDatabase({ endpoint, tableName });
  let simulator: ConflictSimulator | undefined;
  if ((options.simulate || options.wrapClient) && !overrides.store) {
    let client: DynamoDBDocumentClient = createDynamoClient({ endpoint, region: "local" });
    if (options.simulate) {
      const simulated = simulateConflicts(
        client,
        options.simulate === true ? {} : options.simulate,
      );
      simulator = simulated.simulator;
      client = simulated;
    }
    if (options.wrapClient) client = options.wrapClient(client);
    overrides = { ...overrides, store: createStore(client, tableName) };
  }
  // Background exports run in this process, as with `npm start`.
  const deps = withInProcessExports(
    createDeps(
      readConfig({
        TABLE_NAME: tableName,
        DYNAMODB_ENDPOINT: endpoint,
        LIANXIN_SITE_SECRET: SITE_SECRET,
      }),
      overrides,
    ),
  );
  const app = createApp(deps);
  return { app, deps, endpoint, tableName, ...(simulator ? { simulator } : {}) };
}

export type TestApi = Awaited<ReturnType<typeof createTestApi>>;

let keyCounter = 0;
export const newIdempotencyKey = () => `test-key-${Date.now()}-${++keyCounter}`;

export const smellyCreek = {
  villageId: "meijing",
  groupId: "meijing-01",
  categoryCode: "environment",
  title: "倪巷浜臭水河",
  description: "倪巷浜河水发黑发臭，夏天气味很大，附近居民经常“感冒”，希望尽快治理。",
  address: "梅泾村倪巷组 18 号",
  contactName: "张三",
  contactPhone: "13800138000",
};

/** POST /api/concerns as a site would send it. */
export function submit(
  api: TestApi,
  body: unknown,
  options: {
    key?: string | null;
    headers?: Record<string, string>;
    /** The resident's address, forwarded as the public site does (with its secret). */
    from?: string;
  } = {},
) {
  const key = options.key === undefined ? newIdempotencyKey() : options.key;
  return api.app.request("/api/concerns", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(key ? { "idempotency-key": key } : {}),
      ...(options.from
        ? { "x-lianxin-client-address": options.from, "x-lianxin-site-secret": SITE_SECRET }
        : {}),
      ...options.headers,
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export function track(api: TestApi, ledgerNo: string, code?: string, lang?: string) {
  return api.app.request(`/api/concerns/${ledgerNo}`, {
    headers: {
      ...(code ? { "x-access-code": code } : {}),
      ...(lang ? { "accept-language": lang } : {}),
    },
  });
}
