import { createApp, createDeps, readConfig } from "@lianxin/functions";
import { AccountExistsError, createFirstAdmin } from "@lianxin/local";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestTable } from "../support/database.js";

/**
 * The first-admin script (packages/local/src/admin/create-first-admin.ts) against DynamoDB
 * Local, on an empty table as after `sst deploy`; then a sign-in through the real API.
 */
let endpoint: string;
let tableName: string;

beforeAll(async () => {
  ({ endpoint, tableName } = await createTestTable());
});

const api = () =>
  createApp(createDeps(readConfig({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: endpoint })));

const login = (username: string, password: string) =>
  api().request("/api/staff/session", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });

describe("the first admin", () => {
  let password: string;

  it("is created with a generated strong password", async () => {
    const result = await createFirstAdmin({ tableName, endpoint });
    expect(result.username).toBe("admin");
    password = result.password;
    expect(password).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(password.length).toBeGreaterThanOrEqual(32);
    const other = await createFirstAdmin({ tableName, endpoint, username: "admin2" });
    expect(other.password).not.toBe(password);
  });

  it("signs in through the API with that password, and must change it", async () => {
    const res = await login("admin", password);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.mustChangePassword).toBe(true);
    expect(body.user).toMatchObject({ username: "admin", role: "admin" });
    expect((await login("admin", `${password}x`)).status).toBe(401);
  });

  it("refuses an existing username and leaves its password alone", async () => {
    await expect(createFirstAdmin({ tableName, endpoint })).rejects.toBeInstanceOf(
      AccountExistsError,
    );
    expect((await login("admin", password)).status).toBe(201);
  });
});
