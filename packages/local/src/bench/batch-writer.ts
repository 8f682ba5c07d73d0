import {
  type AttributeValue,
  BatchWriteItemCommand,
  DynamoDBClient,
  type WriteRequest,
} from "@aws-sdk/client-dynamodb";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../dynamodb-local.js";

/** A plain client on DynamoDB Local, for writing seeded items (not the app's, not counted). */
export function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 5,
  });
}

/**
 * Plain JavaScript → DynamoDB attribute values, as the store's document client writes
 * them (`removeUndefinedValues`: undefined fields are left out). Only what items hold:
 * strings, finite numbers, booleans, null, arrays and plain objects.
 */
export function marshalItem(item: Record<string, unknown>): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [key, value] of Object.entries(item)) {
    if (value !== undefined) out[key] = marshalValue(value, key);
  }
  return out;
}

function marshalValue(value: unknown, path: string): AttributeValue {
  if (value === null) return { NULL: true };
  switch (typeof value) {
    case "string":
      return { S: value };
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`${path}: not a finite number`);
      return { N: String(value) };
    case "boolean":
      return { BOOL: value };
    case "object":
      if (Array.isArray(value)) return { L: value.map((v, i) => marshalValue(v, `${path}[${i}]`)) };
      return { M: marshalItem(value as Record<string, unknown>) };
    default:
      throw new TypeError(`${path}: cannot store a ${typeof value}`);
  }
}

const BATCH_SIZE = 25;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Writes items with BatchWriteItem: 25 per request, `concurrency` requests in flight,
 * unprocessed items retried with jittered exponential backoff. `put` waits while the
 * pipeline is full, so a producer never holds more than a few batches in memory.
 */
export class BatchWriter {
  private buffer: WriteRequest[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private failure: unknown = null;
  /** Items acknowledged by DynamoDB. */
  written = 0;
  /** BatchWriteItem requests sent (retries included). */
  requests = 0;
  retries = 0;

  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly concurrency: number,
  ) {}

  /** Called after each acknowledged request with the running total. */
  onProgress: (written: number) => void = () => {};

  async put(item: Record<string, unknown>): Promise<void> {
    this.buffer.push({ PutRequest: { Item: marshalItem(item) } });
    if (this.buffer.length >= BATCH_SIZE) await this.flushBuffer();
  }

  /** Sends what is buffered and waits for every request in flight. */
  async drain(): Promise<void> {
    await this.flushBuffer();
    await Promise.all(this.inFlight);
    if (this.failure) throw this.failure;
  }

  private async flushBuffer(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    while (this.inFlight.size >= this.concurrency) await Promise.race(this.inFlight);
    if (this.failure) throw this.failure;
    const request: Promise<void> = this.send(batch)
      .catch((error) => {
        this.failure ??= error;
      })
      .finally(() => this.inFlight.delete(request));
    this.inFlight.add(request);
  }

  private async send(batch: WriteRequest[]): Promise<void> {
    let pending = batch;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) {
        this.retries++;
        if (attempt > 12)
          throw new Error(`${pending.length} items still unprocessed after retries`);
        await sleep(Math.random() * Math.min(2_000, 25 * 2 ** attempt));
      }
      this.requests++;
      const result = await this.client.send(
        new BatchWriteItemCommand({ RequestItems: { [this.tableName]: pending } }),
      );
      const unprocessed = result.UnprocessedItems?.[this.tableName] ?? [];
      const done = pending.length - unprocessed.length;
      this.written += done;
      if (done > 0) this.onProgress(this.written);
      pending = unprocessed;
    }
  }
}
