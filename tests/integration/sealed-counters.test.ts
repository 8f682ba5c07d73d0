import { keys } from "@lianxin/store";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, smellyCreek, submit, type TestApi } from "../support/api.js";
import { loginAs, staff } from "../support/staff.js";

/**
 * A month that is over never changes again, so a warm process keeps its counters and reads
 * only the open month from the table. Proved by changing items behind the app's back:
 * the sealed month keeps what was first read, the open month shows every change at once.
 */
let api: TestApi;
let admin: string;
const now = new Date("2026-11-27T02:00:00.000Z");

beforeAll(async () => {
  api = await createTestApi({ now: () => now });
  admin = await loginAs(api, "admin");
});

const counterItem = (kind: string, id: string, month: string, received: number) => ({
  ...keys.metrics(kind, id, month),
  received,
});

const trendOf = async (scope: string) => {
  const res = await staff(
    api,
    admin,
    "GET",
    `/api/staff/dashboard?scope=${scope}&from=2026-09&to=2026-11`,
  );
  expect(res.status).toBe(200);
  const body = await res.json();
  return Object.fromEntries(
    body.trend.map((m: { month: string; received: number }) => [m.month, m.received]),
  );
};

describe("counters of sealed months", () => {
  it("are read once per process; the open month is read every time", async () => {
    await api.deps.store.seedItems([
      counterItem("village", "meijing", "2026-09", 3),
      counterItem("department", "env-bureau", "2026-09", 4),
    ]);
    expect(await trendOf("village:meijing")).toEqual({ "2026-09": 3, "2026-10": 0, "2026-11": 0 });
    expect(await trendOf("department:env-bureau")).toMatchObject({ "2026-09": 4 });

    // Behind the app's back (no real change can land in a month that is over).
    await api.deps.store.seedItems([
      counterItem("village", "meijing", "2026-09", 30),
      counterItem("village", "meijing", "2026-10", 7),
      counterItem("department", "env-bureau", "2026-09", 40),
    ]);
    expect((await submit(api, smellyCreek)).status).toBe(201);

    expect(await trendOf("village:meijing")).toEqual({ "2026-09": 3, "2026-10": 0, "2026-11": 1 });
    expect(await trendOf("department:env-bureau")).toMatchObject({ "2026-09": 4, "2026-11": 1 });
  });
});
