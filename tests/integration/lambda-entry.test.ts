import { readFileSync } from "node:fs";
import { prepareLocalDatabase } from "@lianxin/functions/local";
import type { APIGatewayProxyEventV2, APIGatewayProxyResult, Context } from "aws-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import { smellyCreek } from "../support/api.js";
import { createTestTable } from "../support/database.js";

const fixture: APIGatewayProxyEventV2 = JSON.parse(
  readFileSync(new URL("../fixtures/apigw-v2-event.json", import.meta.url), "utf8"),
);

function event(
  method: string,
  path: string,
  init: { body?: string; headers?: Record<string, string> } = {},
) {
  return {
    ...fixture,
    rawPath: path,
    headers: { ...fixture.headers, ...init.headers },
    requestContext: {
      ...fixture.requestContext,
      http: { ...fixture.requestContext.http, method, path },
    },
    ...(init.body ? { body: init.body } : {}),
  } as APIGatewayProxyEventV2;
}

const context = { awsRequestId: "fixture", functionName: "api" } as unknown as Context;
let invoke: (e: APIGatewayProxyEventV2) => Promise<APIGatewayProxyResult>;

beforeAll(async () => {
  const { endpoint, tableName } = await createTestTable();
  await prepareLocalDatabase({ endpoint, tableName });
  process.env.TABLE_NAME = tableName;
  process.env.DYNAMODB_ENDPOINT = endpoint;
  // Imported after the environment is set: the entry reads it on first invocation.
  const { handler } = await import("@lianxin/functions/lambda");
  invoke = (e) => handler(e as never, context) as Promise<APIGatewayProxyResult>;
});

describe("the Lambda entry with API Gateway v2 events", () => {
  it("answers GET /api/health", async () => {
    const res = await invoke(event("GET", "/api/health"));
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true });
  });

  it("registers a concern and tracks it, as the local server does", async () => {
    const created = await invoke(
      event("POST", "/api/concerns", {
        body: JSON.stringify(smellyCreek),
        headers: { "content-type": "application/json", "idempotency-key": "lambda-fixture-0001" },
      }),
    );
    expect(created.statusCode).toBe(201);
    const receipt = JSON.parse(created.body);
    expect(receipt.routing.department.name).toBe("环保分局");
    const view = await invoke(
      event("GET", `/api/concerns/${receipt.ledgerNo}`, {
        headers: { "x-access-code": receipt.accessCode },
      }),
    );
    expect(view.statusCode).toBe(200);
    expect(JSON.parse(view.body).village.name).toBe("梅泾村");
  });

  it("maps bad input to a 4xx with the error body", async () => {
    const res = await invoke(
      event("POST", "/api/concerns", {
        body: "{oops",
        headers: {
          "content-type": "application/json",
          "idempotency-key": "lambda-fixture-0002",
          "accept-language": "en",
        },
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).error).toEqual({
      code: "invalid_json",
      message: "The request body is not valid JSON",
    });
  });

  it("returns the CSV ledger base64-encoded, so Excel's byte-order mark survives", async () => {
    const login = await invoke(
      event("POST", "/api/staff/session", {
        body: JSON.stringify({ username: "admin", password: "demo-only-change-me" }),
        headers: { "content-type": "application/json" },
      }),
    );
    const { token } = JSON.parse(login.body);
    const res = await invoke(
      event("GET", "/api/staff/ledger", {
        headers: { authorization: `Bearer ${token}` },
      }),
    );
    expect(res.statusCode).toBe(400); // a range is required
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const csv = await invoke({
      ...event("GET", "/api/staff/ledger", { headers: { authorization: `Bearer ${token}` } }),
      rawQueryString: `from=${today}&to=${today}&format=csv`,
      queryStringParameters: { from: today, to: today, format: "csv" },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.isBase64Encoded).toBe(true);
    expect([...Buffer.from(csv.body, "base64").subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
