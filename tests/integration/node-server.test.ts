import { prepareLocalDatabase, startLocalApi } from "@lianxin/functions/local";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestTable } from "../support/database.js";
import { DEMO_PASSWORD } from "../support/staff.js";

/**
 * The app on a real socket (http/node-server.ts), as `npm start` and the browser tests serve
 * it: what the in-process `app.request` of the other tests does not cross.
 */
let api: { url: string; close(): Promise<void> };

beforeAll(async () => {
  const { endpoint, tableName } = await createTestTable();
  await prepareLocalDatabase({ endpoint, tableName });
  api = await startLocalApi({ port: 0, endpoint, tableName });
});
afterAll(() => api.close());

async function signIn(username: string): Promise<string> {
  const login = await fetch(`${api.url}/api/staff/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  return (await login.json()).token;
}

describe("the local server", () => {
  it("answers with a length and the security header", async () => {
    const res = await fetch(`${api.url}/api/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-length")).toBe(String('{"ok":true}'.length));
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await res.json()).toEqual({ ok: true });
  });

  it("decodes path parameters and query strings", async () => {
    const village = await fetch(`${api.url}/api/villages/${encodeURIComponent("meijing")}`);
    expect(village.status).toBe(200);
    const notices = await fetch(`${api.url}/api/notices?q=${encodeURIComponent("路灯 照明")}`);
    expect(notices.status).toBe(200);
  });

  it("refuses a body past the limit with 413, without reading it all", async () => {
    const res = await fetch(`${api.url}/api/concerns`, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": "socket-413-0001" },
      body: "x".repeat(6 * 1024 * 1024),
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe("payload_too_large");
  });

  it("reads a larger body where the route takes one (the roster workbook)", async () => {
    const token = await signIn("admin");
    const res = await fetch(`${api.url}/api/staff/directory/import?dryRun=true`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      },
      body: new Uint8Array(200 * 1024),
    });
    // Past the 64 KB of other routes, and read whole: refused as no workbook, not as too large.
    expect(res.status).toBe(400);
  });

  it("sends no body and no length with a 204", async () => {
    const token = await signIn("cadre");
    const res = await fetch(`${api.url}/api/staff/session`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("content-length")).toBeNull();
    expect(await res.text()).toBe("");
  });

  it("answers an unknown path 404 and a known one with the wrong method 405", async () => {
    expect((await fetch(`${api.url}/api/nowhere`)).status).toBe(404);
    expect((await fetch(`${api.url}/api/health`, { method: "PUT" })).status).toBe(405);
  });
});
