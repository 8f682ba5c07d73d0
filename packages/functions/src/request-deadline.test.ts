import { currentDeadline, DeadlineExceeded, DYNAMODB_TIMEOUTS, type Store } from "@lianxin/store";
import { describe, expect, it } from "vitest";
import { createApp } from "./app.js";
import { readConfig } from "./config.js";
import { createDeps } from "./deps.js";
import { API_FUNCTION_TIMEOUT_SECONDS, REQUEST_DEADLINE_MS } from "./request-deadline.js";

/** The app on a store of the test's making (no database: nothing here reaches one). */
function appWith(store: Partial<Store>, overrides: { requestDeadlineMs?: number } = {}) {
  const config = readConfig({ TABLE_NAME: "t", DYNAMODB_ENDPOINT: "http://127.0.0.1:9" });
  return createApp(createDeps(config, { store: store as Store, ...overrides }));
}

describe("the request deadline", () => {
  it("ends below the function's time limit, and a stalled DynamoDB call within 3 s", () => {
    expect(REQUEST_DEADLINE_MS.aws).toBeLessThan(API_FUNCTION_TIMEOUT_SECONDS * 1_000);
    expect(DYNAMODB_TIMEOUTS.aws.callBudget).toBeLessThan(3_000);
    expect(DYNAMODB_TIMEOUTS.aws.callBudget).toBeLessThan(REQUEST_DEADLINE_MS.aws);
    // Both attempts of a call fit the call's budget only with DynamoDB Local's longer times.
    expect(DYNAMODB_TIMEOUTS.local.callBudget).toBeLessThan(REQUEST_DEADLINE_MS.local);
  });

  it("is 8 s on AWS and 60 s with DynamoDB Local, from the configuration", () => {
    const aws = readConfig({
      TABLE_NAME: "t",
      SESSION_SIGNING_KEY: "k".repeat(32),
      RESIDENT_KEY: "r".repeat(32),
    });
    expect(createDeps(aws).requestDeadlineMs).toBe(8_000);
    const local = readConfig({ TABLE_NAME: "t", DYNAMODB_ENDPOINT: "http://127.0.0.1:9" });
    expect(createDeps(local).requestDeadlineMs).toBe(60_000);
  });

  it("is set for each request the app answers, and for nothing else", async () => {
    let left: number | undefined;
    const app = appWith(
      {
        async ping() {
          const deadline = currentDeadline();
          left = deadline ? deadline.at - deadline.clock() : undefined;
        },
      },
      { requestDeadlineMs: 4_000 },
    );
    const res = await app.request("/api/health");
    expect(res.status).toBe(200);
    expect(left).toBeGreaterThan(3_000);
    expect(left).toBeLessThanOrEqual(4_000);
    expect(currentDeadline()).toBeUndefined();
  });

  it("once passed, is answered 503 unavailable with Retry-After, never 500", async () => {
    const app = appWith({
      async loadDirectory() {
        throw new DeadlineExceeded("the request's deadline has passed");
      },
    });
    const res = await app.request("/api/directory");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unavailable");
  });
});
