import { batchGetAll, type StoreContext, unlessConditionFails } from "./context.js";
import { keys } from "./keys.js";
import { GetCommand, QueryCommand, UpdateCommand } from "./sdk.js";
import { seedItems } from "./seed.js";

/**
 * The word index (README, "Word index"): a concern's search terms, each under a keyed hash
 * (core `termKey`), written by the indexer after the concern's commit, never on a request.
 */

/** What the indexer writes for one concern: its term keys and the facts postings carry. */
export interface IndexedConcern {
  ledgerNo: string;
  createdAt: string;
  /** Registration month, Asia/Shanghai `YYYY-MM` (the concern's own month-index partition). */
  month: string;
  villageId: string;
  categoryCode: string;
  /** The handling department when indexed (a dispatch later moves it: informative only). */
  departmentId: string;
  /** A conduct complaint (`routing.visibility === "discipline"`): never changes. */
  restricted: boolean;
  /** Term keys, each once. */
  termKeys: string[];
}

/** One posting read back: enough to order, intersect and pre-filter without the concern. */
export interface TermPosting {
  /** `<createdAt>#<ledgerNo>`: the order of results, the same for every term of a concern. */
  sort: string;
  ledgerNo: string;
  villageId: string;
  restricted: boolean;
}

function postingItems(concern: IndexedConcern): Record<string, unknown>[] {
  return concern.termKeys.map((termKey) => ({
    ...keys.termPosting(termKey, concern.month, concern.createdAt, concern.ledgerNo),
    entity: "term_posting",
    ledgerNo: concern.ledgerNo,
    villageId: concern.villageId,
    departmentId: concern.departmentId,
    restricted: concern.restricted,
  }));
}

function summaryItem(concern: IndexedConcern, indexedAt: string): Record<string, unknown> {
  return {
    ...keys.concernTerms(concern.ledgerNo),
    entity: "concern_terms",
    ledgerNo: concern.ledgerNo,
    terms: concern.termKeys,
    villageId: concern.villageId,
    categoryCode: concern.categoryCode,
    createdAt: concern.createdAt,
    indexedAt,
  };
}

/**
 * AP-TI1: index concerns: each term's posting and the concern's summary (BatchWriteItem, 25
 * items a request, unprocessed items retried). Puts of the same keys and content: running
 * twice changes nothing. The summary goes last, so a concern whose summary exists has all
 * its postings (the indexer skips concerns with a summary).
 */
export async function putConcernTerms(
  ctx: StoreContext,
  concerns: IndexedConcern[],
  indexedAt: string,
): Promise<void> {
  const postings = concerns.flatMap(postingItems);
  if (postings.length) await seedItems(ctx, postings, { concurrency: 4 });
  const summaries = concerns.map((c) => summaryItem(c, indexedAt));
  if (summaries.length) await seedItems(ctx, summaries, { concurrency: 4 });
}

/**
 * AP-TI2: the term keys of concerns already indexed, by ledger number (BatchGetItem of their
 * summaries, 100 keys a request, unprocessed keys retried); a concern not indexed yet is
 * absent from the map. Duplicate suggestions compare these; the indexer skips what it finds.
 */
export async function getConcernTerms(
  ctx: StoreContext,
  ledgerNos: string[],
): Promise<Map<string, string[]>> {
  const items = await batchGetAll(
    ctx,
    [...new Set(ledgerNos)].map((no) => keys.concernTerms(no)),
    { projection: "ledgerNo, terms" },
  );
  return new Map(
    items.map((item) => [
      String(item.ledgerNo),
      Array.isArray(item.terms) ? item.terms.map(String) : [],
    ]),
  );
}

/**
 * AP-TI3: one page of a term's postings in one month, newest first, older than `before` (a
 * posting's sort key, exclusive) when given: Query on the term-month partition with `limit`.
 * `more` says the partition holds older postings than those returned.
 */
export async function queryTermPostings(
  ctx: StoreContext,
  termKey: string,
  month: string,
  options: { before?: string | undefined; limit: number },
): Promise<{ postings: TermPosting[]; more: boolean }> {
  const page = await ctx.client.send(
    new QueryCommand({
      TableName: ctx.tableName,
      KeyConditionExpression: options.before ? "pk = :pk AND sk < :before" : "pk = :pk",
      ExpressionAttributeValues: {
        ":pk": keys.termPartition(termKey, month),
        ...(options.before ? { ":before": options.before } : {}),
      },
      ProjectionExpression: "sk, ledgerNo, villageId, restricted",
      ScanIndexForward: false,
      Limit: options.limit,
    }),
  );
  return {
    postings: (page.Items ?? []).map((item) => ({
      sort: String(item.sk),
      ledgerNo: String(item.ledgerNo),
      villageId: String(item.villageId),
      restricted: item.restricted === true,
    })),
    more: page.LastEvaluatedKey !== undefined,
  };
}

/** AP-TI4: how far the indexer has read (GetItem, consistent); null before its first run. */
export async function getTermIndexWatermark(ctx: StoreContext): Promise<string | null> {
  const result = await ctx.client.send(
    new GetCommand({
      TableName: ctx.tableName,
      Key: keys.termIndexWatermark,
      ConsistentRead: true,
    }),
  );
  const through = result.Item?.indexedThrough;
  return typeof through === "string" ? through : null;
}

/**
 * AP-TI5: move the watermark on (UpdateItem, conditional on not moving it back: two runs at
 * once leave the later one's). False when it was already further.
 */
export async function saveTermIndexWatermark(
  ctx: StoreContext,
  indexedThrough: string,
  at: string,
): Promise<boolean> {
  const done = await unlessConditionFails(
    ctx.client.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: keys.termIndexWatermark,
        UpdateExpression: "SET indexedThrough = :through, updatedAt = :at, entity = :entity",
        ConditionExpression: "attribute_not_exists(indexedThrough) OR indexedThrough <= :through",
        ExpressionAttributeValues: {
          ":through": indexedThrough,
          ":at": at,
          ":entity": "term_index_watermark",
        },
      }),
    ),
  );
  return done !== null;
}
