/**
 * What the app reads from DynamoDB, counted on its clients: requests by command, and item
 * reads. A key asked for by GetItem or BatchGetItem is a read whether or not the item exists
 * (each is billed as one); a Query reads the items it returns. Of those, what the sharded
 * counters (store README, "Sharded counters") add over one item per counter: the keys of
 * shards 1..N-1 that BatchGetItem asks for, the Query items beyond one per counter, and the
 * BatchGetItem requests of AP-M2 beyond what one key per counter would take.
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ApiConfig, createApp, createDeps, readConfig } from "@lianxin/functions";
import { prepareLocalDatabase } from "@lianxin/functions/local";
import { COUNTER_SHARDS, createDynamoClient, createStore, keys, type Store } from "@lianxin/store";

/** DynamoDB's BatchGetItem limit, which AP-M2 fills. */
const BATCH_GET_KEYS = 100;

export interface Reads {
  requests: Map<string, number>;
  items: number;
  /** Of the item reads, those of counter items (`METRICS#…`). */
  counterItems: number;
  /** Item reads that one item per counter would not make. */
  shardItems: number;
  /** Requests that one item per counter would not make. */
  shardRequests: number;
}

const text = (v: unknown): string =>
  typeof v === "string" ? v : String((v as { S?: string } | undefined)?.S ?? "");

const isCounter = (item: Record<string, unknown>) => text(item.pk).startsWith(keys.metricsPrefix);

/** Keys of shards 1..N-1 among the keys asked for. */
const shardKeys = (asked: Array<Record<string, unknown>>) =>
  asked.filter((k) => isCounter(k) && keys.metricsSort(text(k.sk)).shard > 0).length;

/** Counter items returned beyond one per counter (month and member). */
function extraShardItems(items: Array<Record<string, unknown>>): number {
  const found = items.filter(isCounter);
  const counters = new Set(
    found.map((item) => {
      const { month, member } = keys.metricsSort(text(item.sk));
      return `${text(item.pk)}|${month}|${member ?? ""}`;
    }),
  );
  return found.length - counters.size;
}

export class ReadCounter {
  private readonly reads: Reads = {
    requests: new Map(),
    items: 0,
    counterItems: 0,
    shardItems: 0,
    shardRequests: 0,
  };

  /** Counts what is sent through `client` from now on. */
  watch(client: ReturnType<typeof createDynamoClient>): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const name = String(context.commandName ?? "?").replace(/Command$/, "");
        const { requests } = this.reads;
        requests.set(name, (requests.get(name) ?? 0) + 1);
        const input = args.input as Record<string, unknown>;
        if (name === "BatchGetItem") {
          const asked = Object.values(
            (input.RequestItems ?? {}) as Record<string, { Keys?: Array<Record<string, unknown>> }>,
          ).flatMap((r) => r.Keys ?? []);
          this.reads.items += asked.length;
          this.reads.counterItems += asked.filter(isCounter).length;
          this.reads.shardItems += shardKeys(asked);
        }
        if (name === "GetItem") this.reads.items += 1;
        const result = await next(args);
        if (name === "Query") {
          const items = ((result.output as { Items?: Array<Record<string, unknown>> }).Items ??
            []) as Array<Record<string, unknown>>;
          this.reads.items += items.length;
          this.reads.counterItems += items.filter(isCounter).length;
          this.reads.shardItems += extraShardItems(items);
        }
        return result;
      },
      { step: "initialize", name: "benchReadCounter" },
    );
  }

  /** The store with AP-M2's calls counted: requests at N shards against one key a counter. */
  watchStore(store: Store): Store {
    return {
      ...store,
      readCountersBatch: (scopes, months) => {
        const counters = scopes.length * months.length;
        this.reads.shardRequests +=
          Math.ceil((counters * COUNTER_SHARDS) / BATCH_GET_KEYS) -
          Math.ceil(counters / BATCH_GET_KEYS);
        return store.readCountersBatch(scopes, months);
      },
    };
  }

  snapshot(): Reads {
    return { ...this.reads, requests: new Map(this.reads.requests) };
  }
}

export function readsSince(after: Reads, before: Reads): Reads {
  const requests = new Map<string, number>();
  for (const [k, v] of after.requests) {
    const n = v - (before.requests.get(k) ?? 0);
    if (n > 0) requests.set(k, n);
  }
  return {
    requests,
    items: after.items - before.items,
    counterItems: after.counterItems - before.counterItems,
    shardItems: after.shardItems - before.shardItems,
    shardRequests: after.shardRequests - before.shardRequests,
  };
}

export const totalRequests = (r: Reads | undefined) =>
  [...(r?.requests.values() ?? [])].reduce((a, b) => a + b, 0);

/** `7 requests (BatchGetItem 4, GetItem 2, Query 1), 330 item reads (288 of counters)` */
export function describeReads(r: Reads): string {
  const kinds = [...r.requests]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  return `${totalRequests(r)} requests (${kinds}), ${r.items} item reads (${r.counterItems} of counters)`;
}

/** What the shards added: `+1 request, +210 item reads` */
export const describeShardCost = (r: Reads) =>
  `+${r.shardRequests} request${r.shardRequests === 1 ? "" : "s"}, +${r.shardItems} item reads`;

/** The same requests (by command) and the same counter item reads, shards included. */
export function sameRequestsAndCounterReads(a: Reads, b: Reads): boolean {
  const kinds = (r: Reads) => JSON.stringify([...r.requests].sort());
  return (
    kinds(a) === kinds(b) &&
    a.counterItems === b.counterItems &&
    a.shardItems === b.shardItems &&
    a.shardRequests === b.shardRequests
  );
}

export interface Target {
  table: string;
  app: ReturnType<typeof createApp>;
  /** The demo admin's session. */
  token: string;
  /** Signs in through the app (a demo account's password is the table's demo password). */
  signIn: (username: string, password?: string) => Promise<string>;
  /** The demo accounts' password. */
  password: string;
  config: ApiConfig;
  store: ReturnType<typeof createStore>;
  /**
   * A new app on a new store, as a new Lambda container would start: nothing kept in
   * memory (directory, sealed months' counters). Needed after seeding, which writes into
   * months that are over, something no real change can do.
   */
  restart: () => void;
}

/** A table with the demo directory and accounts, and the real app on it, signed in as admin. */
export async function openTarget(
  endpoint: string,
  table: string,
  counter: ReadCounter,
): Promise<Target> {
  const password = `bench-${Math.random().toString(36).slice(2)}-pw`;
  await prepareLocalDatabase({ endpoint, tableName: table, demoPassword: password });
  const client = createDynamoClient({ endpoint });
  counter.watch(client);
  const store = createStore(client, table);
  const config = readConfig({
    TABLE_NAME: table,
    DYNAMODB_ENDPOINT: endpoint,
    FILES_DIR: join(tmpdir(), "lianxin-bench-files"),
  });
  const newApp = () =>
    createApp(createDeps(config, { store: counter.watchStore(createStore(client, table)) }));
  const app = newApp();
  const signIn = async (username: string, secret = password) => {
    const login = await target.app.request("/api/staff/session", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password: secret }),
    });
    if (login.status !== 201) throw new Error(`${username} login failed: ${login.status}`);
    return ((await login.json()) as { token: string }).token;
  };
  const target: Target = {
    table,
    app,
    token: "",
    signIn,
    password,
    config,
    store,
    restart: () => {
      target.app = newApp();
    },
  };
  target.token = await signIn("admin");
  return target;
}
