import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, SITE_SECRET, smellyCreek, submit, type TestApi } from "../support/api.js";
import { loginAs, staff } from "../support/staff.js";

/**
 * What the fuzz suite (no-5xx.test.ts, `pnpm fuzz`; issue 12) found, each kept as a test of
 * its own: inputs that got a 500 before their fix.
 */
let api: TestApi;
let admin: string;

beforeAll(async () => {
  api = await createTestApi();
  admin = await loginAs(api, "admin");
});

/** A submission from its own client address (the hourly limit is per address). */
let address = 0;
const from = () => ({
  "x-lianxin-client-address": `203.0.113.${++address}`,
  "x-lianxin-site-secret": SITE_SECRET,
});

describe("a location with a number too small for DynamoDB", () => {
  it("is filed, kept to 9 decimals (it was a 500: DynamoDB stops at 1e-130)", async () => {
    const res = await submit(
      api,
      { ...smellyCreek, location: { lat: 5e-324, long: -2.2421181315303766e-137 } },
      { headers: from() },
    );
    expect(res.status, await res.clone().text()).toBe(201);
    const { ledgerNo } = await res.json();
    const view = await (await staff(api, admin, "GET", `/api/staff/concerns/${ledgerNo}`)).json();
    expect(view.location).toMatchObject({ lat: 0, long: 0 });

    const precise = await submit(
      api,
      { ...smellyCreek, location: { lat: 31.5123456789123, long: 120.2345678915 } },
      { headers: from() },
    );
    expect(precise.status).toBe(201);
    const preciseView = await (
      await staff(api, admin, "GET", `/api/staff/concerns/${(await precise.json()).ledgerNo}`)
    ).json();
    expect(preciseView.location).toMatchObject({ lat: 31.512345679, long: 120.234567892 });
  });
});

describe("query parameters named like Object's own properties", () => {
  it("are parameters like any other (constructor= was a 500 on Open311's list)", async () => {
    const junk = "constructor=1&__proto__=x&toString=2&hasOwnProperty=3&__proto__[polluted]=1";
    for (const path of [
      "/open311/v2/requests.json",
      "/open311/v2/requests.xml",
      `/open311/v2/requests/LS-2026-000001.json`,
      "/api/notices",
      "/api/statistics/field-work",
    ]) {
      const res = await api.app.request(`${path}?${junk}`);
      expect(res.status, `${path}: ${await res.clone().text()}`).toBeLessThan(500);
      expect([200, 404]).toContain(res.status);
    }
    const queue = await staff(api, admin, "GET", `/api/staff/queue?${junk}`);
    expect(queue.status).toBe(200);
    // Nothing leaked into Object.prototype.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("a page cursor whose sort key is outside the query's range", () => {
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

  it("is 400 on the notices of a month (it was a 500: DynamoDB refuses such a start key)", async () => {
    const outside = b64({ pk: "x", sk: "y", gsi1pk: "NOTICES#published", gsi1sk: "z" });
    const res = await api.app.request(`/api/notices?month=2026-05&cursor=${outside}`);
    expect(res.status, await res.clone().text()).toBe(400);
    expect((await res.json()).error.fields.cursor).toBeTruthy();
    // The same cursor without a month is within the (whole) partition: just a page.
    expect((await api.app.request(`/api/notices?cursor=${outside}`)).status).toBe(200);
    const inside = b64({ pk: "x", sk: "y", gsi1pk: "NOTICES#published", gsi1sk: "2026-05#z" });
    expect((await api.app.request(`/api/notices?month=2026-05&cursor=${inside}`)).status).toBe(200);
  });

  it("is 400 on a staff queue too (its cursor is a row's sort key, not a DynamoDB key)", async () => {
    const store = (sk: string) => b64({ pk: "x", sk: "y", gsi3pk: "TOWN", gsi3sk: sk });
    for (const cursor of [
      b64([store("OPEN#2026")]),
      b64({ rank: 7, at: "2026", desc: false, ledgerNo: "LS-2026-000001" }),
      "not-base64-json",
    ]) {
      const res = await staff(api, admin, "GET", `/api/staff/queue?scope=all&cursor=${cursor}`);
      expect(res.status, `${cursor}: ${await res.clone().text()}`).toBe(400);
      expect((await res.json()).error.fields.cursor).toBeTruthy();
    }
    const inside = await staff(
      api,
      admin,
      "GET",
      `/api/staff/queue?scope=all&cursor=${b64({ rank: 0, at: "2026", desc: false, ledgerNo: "LS-2026-000001" })}`,
    );
    expect(inside.status).toBe(200);
  });
});

describe("Open311's extensions parameter given twice", () => {
  it("is 400 whichever value comes first (true first was taken)", async () => {
    for (const query of ["extensions=true&extensions=false", "extensions=false&extensions=true"]) {
      for (const path of [
        "/open311/v2/requests.json",
        "/open311/v2/requests/LS-2026-000001.json",
      ]) {
        const res = await api.app.request(`${path}?${query}`, {
          headers: { "accept-language": "en" },
        });
        expect(res.status, `${path}?${query}`).toBe(400);
        expect(await res.json()).toEqual([{ code: 400, description: "extensions: Give it once" }]);
      }
    }
  });
});

describe("a filtered Open311 list", () => {
  it("gets only its matches from DynamoDB (status=closed read every concern of 90 days)", async () => {
    const filed: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await submit(api, smellyCreek, { headers: from() });
      filed.push((await res.json()).ledgerNo);
    }
    const act = async (ledgerNo: string, action: Record<string, unknown>) => {
      const view = await (await staff(api, admin, "GET", `/api/staff/concerns/${ledgerNo}`)).json();
      const path = `/api/staff/concerns/${ledgerNo}/actions`;
      const res = await staff(api, admin, "POST", path, {
        expectedVersion: view.version,
        ...action,
      });
      expect(res.status, await res.clone().text()).toBe(200);
    };
    const closed = filed[0] as string;
    await act(closed, { type: "accept" });
    await act(closed, { type: "answer", outcome: "resolved", publicReply: "已清淤。" });
    await act(closed, { type: "strike_off", verificationNote: "回访核实" });

    // What the store hands the use case, by status.
    const store = api.deps.store;
    const original = store.queryConcernsByMonth;
    const handed: string[] = [];
    store.queryConcernsByMonth = async (month, range) => {
      const page = await original(month, range);
      handed.push(...page.items.map((c) => c.status));
      return page;
    };
    try {
      const list = await (await api.app.request("/open311/v2/requests.json?status=closed")).json();
      expect(list.map((r: { service_request_id: string }) => r.service_request_id)).toContain(
        closed,
      );
      expect(new Set(handed)).toEqual(new Set(["struck_off"]));

      handed.length = 0;
      const open = await (await api.app.request("/open311/v2/requests.json?status=open")).json();
      expect(open.length).toBeGreaterThanOrEqual(3);
      expect(handed).not.toContain("struck_off");

      handed.length = 0;
      const none = await api.app.request("/open311/v2/requests.json?service_code=no_such_code");
      expect(await none.json()).toEqual([]);
      expect(handed).toEqual([]);
    } finally {
      store.queryConcernsByMonth = original;
    }
  });
});

describe("an Open311 date window in year 0000 or past 9999", () => {
  it("is an empty list at once (end_date=0000-01-01 walked months without end: out of memory)", async () => {
    for (const query of [
      "end_date=0000-01-01",
      "start_date=0000-01-01",
      "end_date=0999-06-01",
      "start_date=9999-12-31T23:59:59%2B14:00",
      "start_date=1969-11-01&end_date=1970-01-20",
    ]) {
      const started = Date.now();
      const res = await api.app.request(`/open311/v2/requests.json?${query}`);
      expect(res.status, query).toBe(200);
      expect(await res.json(), query).toEqual([]);
      expect(Date.now() - started, query).toBeLessThan(3_000);
    }
  });
});
