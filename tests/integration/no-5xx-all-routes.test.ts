import { routes } from "@lianxin/functions";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../support/api.js";
import { loginAs } from "../support/staff.js";

/**
 * Nothing a client sends may cause a 5xx: every route in the shared list, staff routes too,
 * gets fixed hostile path parameters, query strings and bodies, signed in as admin (so
 * requests get past the session check and reach the use cases). The public routes and the
 * staff login are also fuzzed with seeded inputs, in no-5xx.test.ts (issue 12).
 */
let api: TestApi;
let token: string;

beforeAll(async () => {
  api = await createTestApi();
  token = await loginAs(api, "admin");
});

const HOSTILE_PARAMS = [
  "x".repeat(3000),
  "%E0%A4%A",
  "..%2F..%2Fetc",
  "LS-2026-000001'\"<>",
  "🙂".repeat(300),
];
const HOSTILE_BODIES = [
  "",
  "null",
  "[]",
  '"text"',
  "{",
  JSON.stringify({ a: "x".repeat(70_000) }),
  JSON.stringify({ expectedVersion: "1", type: 5 }),
];
const HOSTILE_QUERIES = [
  "?cursor=not-base64!!",
  `?cursor=${Buffer.from('{"pk":{"S":1}}').toString("base64url")}`,
  `?q=${"字".repeat(500)}&month=2026-99&from=2026-13&to=x&scope=village:${"a".repeat(100)}`,
];

describe("hostile input on every route, signed in as admin", () => {
  for (const route of routes) {
    it(`${route.method} ${route.path} answers below 500`, async () => {
      // Signing out revokes the session: that route gets one of its own, or every staff
      // route after it in the list would only ever see 401.
      const signingOut = route.method === "DELETE" && route.path === "/api/staff/session";
      const bearer = signingOut ? await loginAs(api, "admin") : token;
      const statuses: number[] = [];
      for (const param of HOSTILE_PARAMS) {
        const path = route.path.replace(
          /:[A-Za-z]+/g,
          encodeURIComponent(param).replace(/%25/g, "%"),
        );
        for (const query of HOSTILE_QUERIES) {
          const bodies =
            route.method === "GET" || route.method === "DELETE" ? [undefined] : HOSTILE_BODIES;
          for (const body of bodies) {
            const res = await api.app.request(`${path}${query}`, {
              method: route.method,
              headers: {
                authorization: `Bearer ${bearer}`,
                "content-type": "application/json",
                "idempotency-key": "hostile-key-0001",
                "x-access-code": param.slice(0, 100).replace(/[^\x20-\x7e]/g, "?"),
              },
              ...(body === undefined ? {} : { body }),
            });
            statuses.push(res.status);
            if (res.status >= 500)
              throw new Error(
                `${route.method} ${path}${query} ${body?.slice(0, 40)} → ${res.status} ${await res.text()}`,
              );
          }
        }
      }
      expect(statuses.every((s) => s < 500)).toBe(true);
      // The session held: staff routes were reached with hostile input, not just refused.
      if (route.access === "staff" && !signingOut) expect(statuses).not.toContain(401);
    }, 120_000);
  }
});
