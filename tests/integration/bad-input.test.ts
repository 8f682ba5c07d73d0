import { DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestApi,
  newIdempotencyKey,
  SITE_SECRET,
  smellyCreek,
  submit,
  type TestApi,
} from "../support/api.js";

let api: TestApi;
let client: DynamoDBClient;
/** Every item of the table as the seeding left it, before any request. */
let seeded: string[];

/** The keys of every item in the test's table (a test-only Scan: no request path scans). */
async function itemKeys(): Promise<string[]> {
  const found: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: api.tableName,
        ConsistentRead: true,
        ProjectionExpression: "pk, sk",
        ...(start ? { ExclusiveStartKey: start as never } : {}),
      }),
    );
    for (const item of page.Items ?? []) found.push(`${item.pk?.S} | ${item.sk?.S}`);
    start = page.LastEvaluatedKey;
  } while (start);
  return found.sort();
}

beforeAll(async () => {
  api = await createTestApi({
    limits: {
      submissionsPerHour: 1000,
      wrongCodesPer15Minutes: 5,
      messagesPerHour: 20,
      uploadsPerHour: 60,
    },
  });
  client = new DynamoDBClient({
    endpoint: api.endpoint,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  seeded = await itemKeys();
});

afterAll(() => client?.destroy());

type Case = {
  name: string;
  body: unknown;
  status: number;
  code: string;
  field?: string;
  key?: string | null;
  headers?: Record<string, string>;
};

const cases: Case[] = [
  { name: "malformed JSON", body: '{"villageId": "meijing",', status: 400, code: "invalid_json" },
  { name: "JSON that is not an object", body: "[1,2,3]", status: 400, code: "validation_failed" },
  {
    name: "no Idempotency-Key",
    body: smellyCreek,
    key: null,
    status: 400,
    code: "missing_idempotency_key",
  },
  {
    name: "a malformed Idempotency-Key",
    body: smellyCreek,
    key: "short",
    status: 400,
    code: "missing_idempotency_key",
  },
  {
    name: "missing description",
    body: { ...smellyCreek, description: undefined },
    status: 400,
    code: "validation_failed",
    field: "description",
  },
  {
    name: "a description under 10 characters",
    body: { ...smellyCreek, description: "太臭了" },
    status: 400,
    code: "validation_failed",
    field: "description",
  },
  {
    name: "a description over 4,000 characters",
    body: { ...smellyCreek, description: "臭".repeat(4001) },
    status: 400,
    code: "validation_failed",
    field: "description",
  },
  {
    name: "a title over 100 characters",
    body: { ...smellyCreek, title: "题".repeat(101) },
    status: 400,
    code: "validation_failed",
    field: "title",
  },
  {
    name: "a wrong type",
    body: { ...smellyCreek, anonymous: "yes" },
    status: 400,
    code: "validation_failed",
    field: "anonymous",
  },
  {
    name: "a number for the village",
    body: { ...smellyCreek, villageId: 7 },
    status: 400,
    code: "validation_failed",
    field: "villageId",
  },
  {
    name: "a bad phone number",
    body: { ...smellyCreek, contactPhone: "12345" },
    status: 400,
    code: "validation_failed",
    field: "contactPhone",
  },
  {
    name: "an unknown field",
    body: { ...smellyCreek, priority: "high" },
    status: 400,
    code: "validation_failed",
    field: "priority",
  },
  {
    name: "an unknown village",
    body: { ...smellyCreek, villageId: "atlantis", groupId: undefined },
    status: 400,
    code: "unknown_reference",
    field: "villageId",
  },
  {
    name: "a group of another village",
    body: { ...smellyCreek, groupId: "doumen-01" },
    status: 400,
    code: "unknown_reference",
    field: "groupId",
  },
  {
    name: "an unknown category",
    body: { ...smellyCreek, categoryCode: "ufo" },
    status: 400,
    code: "unknown_reference",
    field: "categoryCode",
  },
  {
    name: "a body over 64 KB",
    body: { ...smellyCreek, address: "址".repeat(30_000) },
    status: 413,
    code: "payload_too_large",
  },
  {
    name: "form encoding instead of JSON",
    body: "villageId=meijing",
    status: 415,
    code: "unsupported_media_type",
    headers: { "content-type": "application/x-www-form-urlencoded" },
  },
];

describe("bad input to POST /api/concerns", () => {
  it.each(cases)("answers $name with $status $code and writes nothing", async (c) => {
    const res = await submit(api, c.body, {
      key: c.key === undefined ? newIdempotencyKey() : c.key,
      headers: c.headers ?? {},
    });
    expect(res.status).toBe(c.status);
    const body = await res.json();
    expect(body.error.code).toBe(c.code);
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/); // zh-CN by default
    if (c.field) expect(body.error.fields?.[c.field]).toMatch(/[\u4e00-\u9fff]/);
  });

  it("speaks English when asked", async () => {
    const res = await submit(
      api,
      { ...smellyCreek, description: "short" },
      { headers: { "accept-language": "en-GB,en;q=0.9" } },
    );
    const body = await res.json();
    expect(body.error.message).toBe("Some fields are not valid: see the fields listed");
    expect(body.error.fields.description).toBe("At least 10 characters");
  });

  it("says a field has the wrong type, not that it is missing", async () => {
    const body = { ...smellyCreek, anonymous: "yes", description: 12345678901, groupId: 7 };
    const zh = await (await submit(api, body)).json();
    expect(zh.error.fields).toEqual({
      anonymous: "类型不对，应为是/否（true 或 false）",
      description: "类型不对，应为文本",
      groupId: "类型不对，应为文本",
    });
    const en = await (await submit(api, body, { headers: { "accept-language": "en" } })).json();
    expect(en.error.fields).toEqual({
      anonymous: "Must be true or false",
      description: "Must be text",
      groupId: "Must be text",
    });
    const missing = await (
      await submit(api, { ...smellyCreek, description: undefined, villageId: null })
    ).json();
    expect(missing.error.fields).toEqual({ description: "必填", villageId: "类型不对，应为文本" });
  });

  it("left nothing behind: not an item more in the table, the next valid concern is the year's first, and a rejected key is still free", async () => {
    // Every refusal above (and the unknown references among them, which are refused only
    // after the directory is read) wrote nothing: no concern, event, ledger counter,
    // idempotency record, counter or rate-limit window.
    expect(await itemKeys()).toEqual(seeded);
    const key = newIdempotencyKey();
    expect((await submit(api, { ...smellyCreek, categoryCode: "ufo" }, { key })).status).toBe(400);
    expect(await itemKeys()).toEqual(seeded);
    const res = await submit(api, smellyCreek, { key });
    expect(res.status).toBe(201);
    expect((await res.json()).ledgerNo).toMatch(/-000001$/);
  });

  it("answers unknown paths and methods with JSON 404 and 405", async () => {
    const missing = await api.app.request("/api/nothing");
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe("not_found");
    const wrongMethod = await api.app.request("/api/directory", { method: "DELETE" });
    expect(wrongMethod.status).toBe(405);
  });
});

describe("submission rate limit per client address", () => {
  it("refuses the 3rd submission in an hour from one address when the limit is 2", async () => {
    const limited = await createTestApi({
      limits: {
        submissionsPerHour: 2,
        wrongCodesPer15Minutes: 5,
        messagesPerHour: 20,
        uploadsPerHour: 60,
      },
    });
    const from = (address: string, secret = SITE_SECRET) => ({
      headers: { "x-lianxin-client-address": address, "x-lianxin-site-secret": secret },
    });
    expect((await submit(limited, smellyCreek, from("10.0.0.1"))).status).toBe(201);
    expect((await submit(limited, smellyCreek, from("10.0.0.1"))).status).toBe(201);
    const third = await submit(limited, smellyCreek, from("10.0.0.1"));
    expect(third.status).toBe(429);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another resident behind the same site is not affected.
    expect((await submit(limited, smellyCreek, from("10.0.0.2"))).status).toBe(201);
    // Without the site secret the forwarded address is ignored: all such calls share one.
    expect((await submit(limited, smellyCreek, from("10.0.0.3", "guess"))).status).toBe(201);
    expect((await submit(limited, smellyCreek, from("10.0.0.4", "guess"))).status).toBe(201);
    expect((await submit(limited, smellyCreek, from("10.0.0.5", "guess"))).status).toBe(429);
  });
});
