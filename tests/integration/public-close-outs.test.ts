import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, smellyCreek, submit, type TestApi } from "../support/api.js";
import { act, loginAs, staff } from "../support/staff.js";

/**
 * 数据公开 (issue 17): "办结 N 件，其中公示 M 件". N is the period's close-outs (counters), M the
 * notices actually published for them: the test publishes some of the drafts and checks M
 * against the public notice list, month by month and over the period.
 */
let api: TestApi;
let cadre: string;
let admin: string;
const now = new Date("2026-11-20T02:00:00.000Z");

beforeAll(async () => {
  api = await createTestApi({
    now: () => now,
    limits: {
      submissionsPerHour: 200,
      wrongCodesPer15Minutes: 5,
      messagesPerHour: 20,
      uploadsPerHour: 60,
    },
  });
  cadre = await loginAs(api, "cadre");
  admin = await loginAs(api, "admin");
});

async function ok(res: Response, status = 200) {
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  return body;
}

/** A concern answered and rated satisfied: struck off, its notice drafted. */
async function closedConcern(title: string) {
  const filed = await ok(await submit(api, { ...smellyCreek, title }), 201);
  await ok(await act(api, cadre, filed.ledgerNo, { type: "accept" }));
  await ok(
    await act(api, cadre, filed.ledgerNo, {
      type: "answer",
      outcome: "resolved",
      publicReply: "已清理河道并完成整改。",
    }),
  );
  const rated = await api.app.request(`/api/concerns/${filed.ledgerNo}/feedback`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-access-code": filed.accessCode },
    body: JSON.stringify({ rating: "satisfied" }),
  });
  expect(await ok(rated, 201)).toMatchObject({ status: "struck_off" });
  return filed.ledgerNo as string;
}

async function publish(ledgerNo: string) {
  const drafts = await ok(await staff(api, admin, "GET", "/api/staff/notices?state=draft"));
  const draft = drafts.items.find((n: { ledgerNo: string }) => n.ledgerNo === ledgerNo);
  expect(draft).toBeDefined();
  await ok(await staff(api, admin, "POST", `/api/staff/notices/${draft.id}/publish`));
}

async function publishedNoticesOf(month: string): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const page: { items: unknown[]; nextCursor: string | null } = await ok(
      await api.app.request(`/api/notices?month=${month}${cursor ? `&cursor=${cursor}` : ""}`),
    );
    count += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return count;
}

describe("public statistics: closed and published", () => {
  it("counts the notices actually published, and says what each rate is counted on", async () => {
    const closed = [
      await closedConcern("河道一"),
      await closedConcern("河道二"),
      await closedConcern("河道三"),
    ];
    // One still open: received, not closed.
    await ok(await submit(api, { ...smellyCreek, title: "河道四" }), 201);
    await publish(closed[0] as string);
    await publish(closed[1] as string);

    const stats = await ok(await api.app.request("/api/statistics"));
    const published = await publishedNoticesOf("2026-11");
    expect(published).toBe(2);
    expect(stats.closeOuts).toEqual({ closed: 3, published });
    const november = stats.trend.find((p: { month: string }) => p.month === "2026-11");
    expect(november).toMatchObject({ received: 4, closed: 3, published: 2 });
    expect(november.bases.resolution).toEqual({ count: 3, base: 3 });
    expect(november.bases.satisfaction).toEqual({ count: 3, base: 3 });
    // A month with nothing received has no rate and says so by its empty base.
    const october = stats.trend.find((p: { month: string }) => p.month === "2026-10");
    expect(october).toMatchObject({ received: 0, closed: 0, published: 0, response: null });
    expect(october.bases.response).toEqual({ count: 0, base: 0 });
    // Every month's published count agrees with the notices list of that month.
    for (const p of stats.trend as Array<{ month: string; published: number }>) {
      expect(p.published, p.month).toBe(p.month === "2026-11" ? published : 0);
    }

    // Publishing the third draft moves M, not N.
    await publish(closed[2] as string);
    const after = await ok(await api.app.request("/api/statistics"));
    expect(after.closeOuts).toEqual({ closed: 3, published: await publishedNoticesOf("2026-11") });
    expect(after.closeOuts.published).toBe(3);
  });
});
