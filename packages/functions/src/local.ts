import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { buildDemoDirectory } from "@lianxin/core";
import { createDynamoClient, createStore, ensureTable } from "@lianxin/store";
import { createApp } from "./app.js";
import { readConfig } from "./config.js";
import { createDeps, type Deps } from "./deps.js";

/** Creates the table if missing and seeds the demo directory if the table has none. */
export async function prepareLocalDatabase(options: { endpoint: string; tableName: string }) {
  const client = createDynamoClient({ endpoint: options.endpoint });
  const created = await ensureTable(client, options.tableName);
  const store = createStore(client, options.tableName);
  let seeded = false;
  const directory = buildDemoDirectory();
  if (!(await store.hasDirectory())) {
    await store.putDirectory(directory);
    seeded = true;
  }
  return {
    created,
    seeded,
    villages: directory.villages.length,
    categories: directory.categories.length,
  };
}

/** Serves the same app the Lambda serves, on a local port (0 picks a free one). */
export async function startLocalApi(options: {
  port: number;
  endpoint: string;
  tableName: string;
  siteSecret?: string | undefined;
  hostname?: string;
  overrides?: Partial<Deps>;
}): Promise<{ url: string; close(): Promise<void> }> {
  const config = readConfig({
    ...process.env,
    TABLE_NAME: options.tableName,
    DYNAMODB_ENDPOINT: options.endpoint,
    LIANXIN_SITE_SECRET: options.siteSecret ?? process.env.LIANXIN_SITE_SECRET,
  });
  const app = createApp(createDeps(config, options.overrides));
  const hostname = options.hostname ?? "127.0.0.1";
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port: options.port, hostname },
      (info: AddressInfo) => {
        resolve({
          url: `http://${hostname}:${info.port}`,
          close: () => new Promise<void>((done) => server.close(() => done())),
        });
      },
    );
    server.once("error", reject);
  });
}
