import { shanghaiDate } from "@lianxin/core";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, newIdempotencyKey, type TestApi } from "../support/api.js";
import { loginAs, staff } from "../support/staff.js";

/**
 * Issue 17: 钱志刚 (环保分局's head) showed "已走过 0/6" on 梅泾村's rotation though he logged
 * symposia in 倪巷组. A field log in a group counts as having walked it, with no plan saved.
 */
let api: TestApi;
let head: string;
const now = new Date("2026-11-20T02:00:00.000Z");

beforeAll(async () => {
  api = await createTestApi({ now: () => now });
  head = await loginAs(api, "head");
});

const coverageOf = async (token: string) => {
  const view = await (await staff(api, token, "GET", "/api/staff/rotation/meijing")).json();
  expect(view.plan).toBeNull();
  const qian = view.heads.find((h: { name: string }) => h.name === "钱志刚");
  return qian.coverage as { covered: string[]; total: number };
};

describe("rotation coverage", () => {
  it("counts the groups a head logged field work in", async () => {
    expect(await coverageOf(head)).toEqual({ covered: [], total: 6 });
    const res = await api.app.request("/api/staff/field-logs", {
      method: "POST",
      headers: {
        authorization: `Bearer ${head}`,
        "content-type": "application/json",
        "idempotency-key": newIdempotencyKey(),
      },
      body: JSON.stringify({
        date: shanghaiDate(now),
        villageId: "meijing",
        groupId: "meijing-01",
        kind: "symposium",
        peopleReached: 12,
        peopleConsulted: 12,
        notes: "倪巷组座谈会。",
      }),
    });
    expect(res.status).toBe(201);
    expect(await coverageOf(head)).toEqual({ covered: ["meijing-01"], total: 6 });
  });
});
