import { request } from "node:http";
import { type AddressInfo, createServer, type Server, type Socket } from "node:net";
import { createApp, createDeps, REQUEST_DEADLINE_MS, readConfig } from "@lianxin/functions";
import { prepareLocalDatabase, startLocalApi } from "@lianxin/functions/local";
import { findFreePort } from "@lianxin/local";
import { createDynamoClient, createStore, DYNAMODB_TIMEOUTS } from "@lianxin/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, smellyCreek, submit, type TestApi } from "../support/api.js";
import { createTestTable } from "../support/database.js";
import { loginAs, staff } from "../support/staff.js";

/**
 * Faults answered, not suffered (issue 12): a database that cannot be reached, or that never
 * answers, gives 503 with Retry-After within seconds, and no failure is cacheable; no attempt
 * starts after a request's deadline; a crafted cursor is 400; a bad Host is 400 and public
 * documents never repeat the Host a client sent. (A database that hangs, dies and comes back
 * on its data: database-faults.test.ts.)
 */
describe("a database that refuses connections", () => {
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    // Nothing listens on this port: every DynamoDB call is refused at once.
    const port = await findFreePort();
    app = createApp(
      createDeps(
        readConfig({ TABLE_NAME: "nowhere", DYNAMODB_ENDPOINT: `http://127.0.0.1:${port}` }),
      ),
    );
  });

  const cases: [string, RequestInit?][] = [
    ["/api/health"],
    ["/api/notices"],
    ["/api/directory"],
    ["/api/statistics"],
    ["/open311/v2/requests.json"],
    [
      "/api/concerns",
      {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": "fault-0000001" },
        body: JSON.stringify(smellyCreek),
      },
    ],
  ];
  for (const [path, init] of cases) {
    it(`${init?.method ?? "GET"} ${path}: 503 with Retry-After, never cached, within 3 s`, async () => {
      const started = Date.now();
      const res = await app.request(path, init);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      expect(res.headers.get("cache-control")).toBe("no-store");
    });
  }
});

describe("a database that accepts connections and never answers", () => {
  // A stalled database (a hung process, a black-holed network): the kernel accepts, nothing
  // answers. The deployed API's timeouts and deadline must answer for it.
  let server: Server;
  let endpoint: string;
  let attempts = 0;
  const sockets = new Set<Socket>();
  const appWith = (requestDeadlineMs: number) => {
    const config = readConfig({ TABLE_NAME: "stalled", DYNAMODB_ENDPOINT: endpoint });
    const client = createDynamoClient({ endpoint, timeouts: DYNAMODB_TIMEOUTS.aws });
    return createApp(
      createDeps(config, { store: createStore(client, "stalled"), requestDeadlineMs }),
    );
  };
  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      // Each DynamoDB attempt is one POST; count them, answer none.
      socket.on("data", (chunk) => {
        attempts += chunk.toString("latin1").split("POST / HTTP/1.1").length - 1;
      });
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((done) => server.close(done));
  });

  for (const [path, init] of [
    ["/api/health"],
    [
      "/api/concerns",
      {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": "stalled-000001" },
        body: JSON.stringify(smellyCreek),
      },
    ],
  ] as [string, RequestInit?][]) {
    it(`${init?.method ?? "GET"} ${path}: 503 with Retry-After within 3 s`, async () => {
      const app = appWith(REQUEST_DEADLINE_MS.aws);
      const started = Date.now();
      const res = await app.request(path, init);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
    });
  }

  it("starts no attempt after the request's deadline, and cuts the one in flight at it", async () => {
    const app = appWith(1_000);
    const before = attempts;
    const started = Date.now();
    const res = await app.request("/api/health");
    const took = Date.now() - started;
    expect(res.status).toBe(503);
    // The first attempt (1.5 s of its own) is cut at the 1 s deadline; the SDK's retry never starts.
    expect(took).toBeGreaterThanOrEqual(950);
    expect(took).toBeLessThan(2_000);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(attempts - before).toBe(1);
  });
});

describe("crafted cursors", () => {
  let api: TestApi;
  let admin: string;
  beforeAll(async () => {
    api = await createTestApi();
    admin = await loginAs(api, "admin");
    await submit(api, smellyCreek);
  });
  const crafted = (key: Record<string, string>) =>
    Buffer.from(JSON.stringify(key)).toString("base64url");

  it("are refused with 400 wherever a list pages, never 500", async () => {
    const partitionOnly = crafted({ gsi1pk: "NOTICES#published" });
    const extra = crafted({
      pk: "x",
      sk: "y",
      gsi1pk: "NOTICES#published",
      gsi1sk: "z",
      evil: "1",
    });
    for (const cursor of [partitionOnly, extra]) {
      const publicList = await api.app.request(`/api/notices?cursor=${cursor}`);
      expect(publicList.status).toBe(400);
      expect(publicList.headers.get("cache-control")).toBe("no-store");
      for (const path of [
        "/api/staff/inbox",
        "/api/staff/audit?subject=village%23meijing&",
        "/api/staff/access-log",
      ]) {
        const sep = path.includes("?") ? "" : "?";
        const res = await staff(api, admin, "GET", `${path}${sep}cursor=${cursor}`);
        expect(res.status, path).toBe(400);
      }
    }
  });
});

describe("the Host a client sends", () => {
  let server: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    const { endpoint, tableName } = await createTestTable();
    await prepareLocalDatabase({ endpoint, tableName });
    server = await startLocalApi({ port: 0, endpoint, tableName });
  });
  afterAll(() => server.close());

  const get = (path: string, host: string) =>
    new Promise<{ status: number; body: string; cache: string | undefined }>((done, fail) => {
      const { hostname, port } = new URL(server.url);
      const req = request({ hostname, port, path, headers: { host } }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => {
          body += chunk;
        });
        res.on("end", () =>
          done({
            status: res.statusCode ?? 0,
            body,
            cache: res.headers["cache-control"] as string | undefined,
          }),
        );
      });
      req.on("error", fail);
      req.end();
    });

  it("is 400 when no URL can be made of it", async () => {
    const res = await get("/api/health", "a b");
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.code).toBe("validation_failed");
  });

  it("never appears in the public discovery document", async () => {
    const res = await get("/open311/discovery.json", "evil.example");
    expect(res.status).toBe(200);
    expect(res.body).not.toContain("evil.example");
    expect(JSON.parse(res.body).endpoints[0].url).toBe(`${server.url}/open311/v2`);
  });
});
