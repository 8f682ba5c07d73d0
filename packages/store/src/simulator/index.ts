/**
 * The conflict simulator (`@lianxin/store/simulator`): a document client that behaves towards
 * concurrent writers as real DynamoDB does and DynamoDB Local does not. DynamoDB Local runs
 * transactions one at a time, so two requests writing the same item never meet there; on AWS
 * they do:
 *
 * - a transaction holds the items it writes from before its request is sent until after its
 *   answer is back (the whole round trip, latency included);
 * - another transaction touching a held item is cancelled: `TransactionCanceledException`
 *   with `CancellationReasons[i].Code === "TransactionConflict"` at each held item's position
 *   and `"None"` elsewhere, and it writes nothing;
 * - a single-item write (PutItem, UpdateItem, DeleteItem) to a held item fails with
 *   `TransactionConflictException`; so does a BatchWriteItem that touches one (on AWS only the
 *   conflicting request of the batch fails; the seeding that uses it never runs concurrently);
 * - reads (GetItem, Query, BatchGetItem, TransactGetItems) never conflict;
 * - every round trip takes a latency (default 5–10 ms, seeded), half before the request
 *   reaches DynamoDB Local and half after its answer.
 *
 * Single-item writes hold nothing (on AWS they never cancel a transaction). Not in the Lambda
 * bundle: the store's main entry does not export it. Used by the integration tests
 * (tests/support/api.ts `createTestApi(overrides, { simulate })`) and meant for the benchmarks.
 */
import {
  type DynamoDBDocumentClient,
  TransactionCanceledException,
  TransactionConflictException,
} from "../sdk.js";
import { TABLE_KEYS } from "../table.js";

export interface ConflictSimulatorOptions {
  /** One round trip's latency in ms: a fixed value, or [min, max] drawn uniformly. Default [5, 10]. */
  latencyMs?: number | readonly [number, number];
  /** Seed of the latency draws, so a run can be repeated. Default 13. */
  seed?: number;
}

export interface ConflictSimulatorStats {
  /** Requests by command name (`TransactWriteCommand`, `GetCommand`, …), conflicting ones included. */
  requests: Record<string, number>;
  /** Transactions cancelled with a `TransactionConflict` reason. */
  transactionsCancelled: number;
  /** Single-item (or batch) writes refused with `TransactionConflictException`. */
  writesRefused: number;
  /**
   * Conflicts by the held item's kind, the part of its pk before the first `#` (`METRICS`,
   * `LEDGER`, `CONCERN`, …): which items the concurrent writers met on.
   */
  conflictsOn: Record<string, number>;
}

export interface ConflictSimulator {
  readonly stats: ConflictSimulatorStats;
  /** The items held right now, as `<table> <pk> <sk>`. */
  held(): string[];
  /** Zero the counts (the held items stay: they belong to requests in flight). */
  resetStats(): void;
}

export type SimulatedClient = DynamoDBDocumentClient & { readonly simulator: ConflictSimulator };

type Send = (command: unknown, options?: { abortSignal?: AbortSignal }) => Promise<unknown>;
type Input = Record<string, unknown>;

const TRANSACT_WRITES = new Set(["TransactWriteCommand", "TransactWriteItemsCommand"]);
const SINGLE_WRITES = new Set([
  "PutCommand",
  "PutItemCommand",
  "UpdateCommand",
  "UpdateItemCommand",
  "DeleteCommand",
  "DeleteItemCommand",
]);
const BATCH_WRITES = new Set(["BatchWriteCommand", "BatchWriteItemCommand"]);

/** The four kinds of a TransactWriteItems entry, and where each names its item. */
const TRANSACT_KINDS = ["Put", "Update", "Delete", "ConditionCheck"] as const;

/**
 * Wraps `client` (its `send` only; everything else is the client's own). The wrapper keeps the
 * holds of the requests sent through it: wrap one client per simulated table, and send every
 * concurrent writer through the same wrapper.
 */
export function simulateConflicts(
  client: DynamoDBDocumentClient,
  options: ConflictSimulatorOptions = {},
): SimulatedClient {
  const inner = client.send.bind(client) as Send;
  const nextLatency = latencyDraw(options.latencyMs ?? [5, 10], options.seed ?? 13);
  /** Held item → the transaction holding it. */
  const held = new Map<string, number>();
  let transactionIds = 0;
  const stats: ConflictSimulatorStats = {
    requests: {},
    transactionsCancelled: 0,
    writesRefused: 0,
    conflictsOn: {},
  };
  const count = (key: string) => {
    const kind = (key.split(" ")[1] ?? "").split("#")[0] ?? "";
    stats.conflictsOn[kind] = (stats.conflictsOn[kind] ?? 0) + 1;
  };

  const roundTrip = async (latency: number, command: unknown, sendOptions?: object) => {
    await sleep(latency / 2);
    const answer = await inner(command, sendOptions);
    await sleep(latency - latency / 2);
    return answer;
  };

  const send: Send = async (command, sendOptions) => {
    const name = commandName(command);
    const input = ((command as { input?: Input }).input ?? {}) as Input;
    stats.requests[name] = (stats.requests[name] ?? 0) + 1;
    const latency = nextLatency();

    if (TRANSACT_WRITES.has(name)) {
      const entries = (input.TransactItems ?? []) as Input[];
      const itemKeys = entries.map(transactEntryKey);
      const conflicts = itemKeys.map((key) => key !== null && held.has(key));
      if (conflicts.some(Boolean)) {
        await sleep(latency);
        stats.transactionsCancelled++;
        for (const [i, key] of itemKeys.entries()) if (key !== null && conflicts[i]) count(key);
        throw transactionCanceled(conflicts);
      }
      const id = ++transactionIds;
      for (const key of itemKeys) if (key !== null) held.set(key, id);
      try {
        return await roundTrip(latency, command, sendOptions);
      } finally {
        for (const key of itemKeys) if (key !== null && held.get(key) === id) held.delete(key);
      }
    }

    const written = SINGLE_WRITES.has(name)
      ? [singleWriteKey(input)]
      : BATCH_WRITES.has(name)
        ? batchWriteKeys(input)
        : [];
    const refused = written.filter((key): key is string => key !== null && held.has(key));
    if (refused.length > 0) {
      await sleep(latency);
      stats.writesRefused++;
      for (const key of refused) count(key);
      throw transactionConflict();
    }
    return roundTrip(latency, command, sendOptions);
  };

  const simulator: ConflictSimulator = {
    stats,
    held: () => [...held.keys()],
    resetStats: () => {
      stats.requests = {};
      stats.transactionsCancelled = 0;
      stats.writesRefused = 0;
      stats.conflictsOn = {};
    },
  };

  return new Proxy(client, {
    get(target, property) {
      if (property === "send") return send;
      if (property === "simulator") return simulator;
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  }) as SimulatedClient;
}

/** The error real DynamoDB answers a transaction that meets another one's item. */
function transactionCanceled(conflicts: boolean[]): Error {
  const codes = conflicts.map((c) => (c ? "TransactionConflict" : "None"));
  const error = new TransactionCanceledException({
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(", ")}]`,
    $metadata: { httpStatusCode: 400 },
    CancellationReasons: codes.map((Code) =>
      Code === "None" ? { Code } : { Code, Message: "Transaction is ongoing for the item" },
    ),
  });
  return error;
}

/** The error real DynamoDB answers a single-item write to an item a transaction holds. */
function transactionConflict(): Error {
  return new TransactionConflictException({
    message: "Transaction is ongoing for the item",
    $metadata: { httpStatusCode: 400 },
  });
}

function commandName(command: unknown): string {
  return (command as { constructor?: { name?: string } })?.constructor?.name ?? "unknown";
}

/** `<table> <pk> <sk>` of an item, from a Put's `Item` or the others' `Key`. */
function itemKey(tableName: unknown, key: unknown): string | null {
  if (typeof key !== "object" || key === null) return null;
  const attributes = key as Record<string, unknown>;
  const part = (value: unknown) =>
    typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
  return [
    String(tableName),
    part(attributes[TABLE_KEYS.partitionKey]),
    part(attributes[TABLE_KEYS.sortKey]),
  ].join(" ");
}

function transactEntryKey(entry: Input): string | null {
  for (const kind of TRANSACT_KINDS) {
    const operation = entry[kind] as Input | undefined;
    if (operation) return itemKey(operation.TableName, operation.Item ?? operation.Key);
  }
  return null;
}

function singleWriteKey(input: Input): string | null {
  return itemKey(input.TableName, input.Item ?? input.Key);
}

function batchWriteKeys(input: Input): (string | null)[] {
  const requestItems = (input.RequestItems ?? {}) as Record<string, Input[]>;
  return Object.entries(requestItems).flatMap(([tableName, requests]) =>
    requests.map((request) => {
      const put = request.PutRequest as Input | undefined;
      const del = request.DeleteRequest as Input | undefined;
      return itemKey(tableName, put?.Item ?? del?.Key);
    }),
  );
}

/** A seeded draw (mulberry32) of each round trip's latency. */
function latencyDraw(latency: number | readonly [number, number], seed: number): () => number {
  if (typeof latency === "number") return () => latency;
  const [min, max] = latency;
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return min + (((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * (max - min);
  };
}

const sleep = (ms: number) =>
  ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
