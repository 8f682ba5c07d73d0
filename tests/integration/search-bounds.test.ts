import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { queryTerms, shanghaiMonth, termKey } from "@lianxin/core";
import { runTermIndexer } from "@lianxin/functions";
import type { IndexedConcern } from "@lianxin/store";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, smellyCreek, submit, type TestApi } from "../support/api.js";
import { loginAs } from "../support/staff.js";

/**
 * A search's DynamoDB requests and items read do not grow with the history (issue 16's
 * benchmark compares 1k and 100k concerns): the same search costs the same before and after
 * thousands of older postings are added, and a search that finds nothing visible stops at
 * its bounds (SEARCH_BOUNDS) whatever the partition's size.
 */
const counts = { requests: 0, items: 0, on: false };

function counting(client: DynamoDBDocumentClient): DynamoDBDocumentClient {
  type Result = { Items?: unknown[]; Responses?: Record<string, unknown[]> };
  const send = client.send.bind(client) as unknown as (c: unknown, ...r: unknown[]) => unknown;
  const wrapped = async (command: unknown, ...rest: unknown[]) => {
    const result = (await send(command, ...rest)) as Result;
    if (counts.on) {
      counts.requests++;
      counts.items +=
        (result?.Items?.length ?? 0) +
        Object.values(result?.Responses ?? {}).reduce((n, list) => n + list.length, 0);
    }
    return result;
  };
  return new Proxy(client, {
    get: (target, property, receiver) =>
      property === "send" ? wrapped : Reflect.get(target, property, receiver),
  });
}

let api: TestApi;
let token: string;

beforeAll(async () => {
  api = await createTestApi(
    {
      limits: {
        submissionsPerHour: 10_000,
        wrongCodesPer15Minutes: 5,
        messagesPerHour: 20,
        uploadsPerHour: 60,
      },
    },
    { wrapClient: counting },
  );
  token = await loginAs(api, "admin");
  for (let i = 0; i < 22; i++) {
    await submit(api, {
      ...smellyCreek,
      title: `路灯不亮第${i + 1}处`,
      description: "晚上路灯不亮，行人看不清路。",
    });
  }
  await runTermIndexer(api.deps);
}, 120_000);

/** The requests and items one search costs (the session's reads included, the same each time). */
async function cost(q: string) {
  // Once uncounted: the directory and the session cached alike for both measurements (the
  // directory is reloaded every 30 s, and seeding the history may take longer).
  await api.app.request(`/api/staff/search?q=${encodeURIComponent(q)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  counts.requests = 0;
  counts.items = 0;
  counts.on = true;
  const res = await api.app.request(`/api/staff/search?q=${encodeURIComponent(q)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  counts.on = false;
  expect(res.status).toBe(200);
  const body = await res.json();
  return { requests: counts.requests, items: counts.items, rows: body.items.length };
}

/**
 * `n` postings of older, unregistered concerns for each of `terms`: spread over the months
 * before, or all about `inOneMonth` days ago.
 */
async function addHistory(terms: string[], n: number, from: number, inOneMonth?: number) {
  const keys = terms.map((t) => termKey(t, api.deps.residentKey));
  const concerns: IndexedConcern[] = Array.from({ length: n }, (_, i) => {
    const daysAgo = inOneMonth ?? 40 + ((from + i) % 300);
    const createdAt = new Date(Date.now() - daysAgo * 86_400_000 - (from + i) * 1000);
    return {
      ledgerNo: `LS-2025-9${String(from + i).padStart(5, "0")}`,
      createdAt: createdAt.toISOString(),
      month: shanghaiMonth(createdAt),
      villageId: "meijing",
      categoryCode: "environment",
      departmentId: "env-bureau",
      restricted: false,
      termKeys: keys,
    };
  });
  await api.deps.store.putConcernTerms(concerns, new Date().toISOString());
}

describe("a search's cost", () => {
  it("stays the same when the history grows", async () => {
    const before = await cost("路灯 不亮");
    expect(before.rows).toBe(20);
    await addHistory(queryTerms("路灯 不亮"), 3000, 0);
    const after = await cost("路灯 不亮");
    expect(after).toEqual(before);
  }, 120_000);

  it("stops at its bounds when nothing it reads is visible, at any size", async () => {
    // Postings whose concerns are not in the table, in one month two months back (the 15th,
    // so the month is the same whatever today is): every candidate read is wasted.
    const day = new Date();
    const daysAgo = Math.round(
      (day.getTime() - Date.UTC(day.getUTCFullYear(), day.getUTCMonth() - 2, 15)) / 86_400_000,
    );
    await addHistory(["旧闻"], 300, 10_000, daysAgo);
    const small = await cost("旧闻");
    await addHistory(["旧闻"], 3000, 20_000, daysAgo);
    const large = await cost("旧闻");
    expect(small.rows).toBe(0);
    expect(large).toEqual(small);
    // 12 rounds of one Query and at most 60 concern reads, plus the session's few reads.
    expect(large.requests).toBeLessThanOrEqual(12 + 3 + 5);
  }, 120_000);
});
