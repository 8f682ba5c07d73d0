import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { wgs84ToGcj02 } from "@lianxin/core";
import { createDynamoClient } from "@lianxin/store";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createTestApi,
  newIdempotencyKey,
  SITE_SECRET,
  smellyCreek,
  submit,
  type TestApi,
} from "../support/api.js";
import { loginAs, staff } from "../support/staff.js";

/**
 * Issue 15's place: the portal's "使用我的位置" sends a point with its datum and accuracy;
 * GCJ-02 is stored as WGS84 with the original kept, and a place the town cannot use is
 * refused with the field's words, before anything is written.
 */
let api: TestApi;
let admin: string;

beforeAll(async () => {
  api = await createTestApi();
  admin = await loginAs(api, "admin");
});

let address = 0;
const from = () => `198.51.100.${++address}`;

/** Every item in the table (to see that a refusal wrote nothing). */
async function itemCount(): Promise<number> {
  const client = createDynamoClient({ endpoint: api.endpoint, region: "local" });
  try {
    let count = 0;
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new ScanCommand({ TableName: api.tableName, ConsistentRead: true, ExclusiveStartKey }),
      );
      count += page.Items?.length ?? 0;
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return count;
  } finally {
    client.destroy();
  }
}

/** By 梅泾村's demo centre (31.6556, 120.1873): 300 m east of it. */
const wgs = { lat: 31.6556, long: 120.1873 + 300 / 94700 };

describe("a place sent from the portal", () => {
  it("in GCJ-02 is stored in WGS84, with the point as sent kept", async () => {
    const gcj = wgs84ToGcj02(wgs);
    const res = await submit(
      api,
      {
        ...smellyCreek,
        place: { ...gcj, datum: "gcj02", accuracyM: 35, source: "wechat" },
      },
      { from: from() },
    );
    expect(res.status, await res.clone().text()).toBe(201);
    const { ledgerNo } = await res.json();
    const stored = (await api.deps.store.getConcernWithEvents(ledgerNo))?.concern;
    expect(stored?.location?.lat).toBeCloseTo(wgs.lat, 7);
    expect(stored?.location?.long).toBeCloseTo(wgs.long, 7);
    expect(stored?.locationAsSent).toMatchObject({
      datum: "gcj02",
      accuracyM: 35,
      source: "wechat",
    });
    expect(stored?.locationAsSent?.lat).toBeCloseTo(gcj.lat, 8);

    const view = await (await staff(api, admin, "GET", `/api/staff/concerns/${ledgerNo}`)).json();
    expect(view.location).toMatchObject({ rounded: false });
    expect(view.locationAsSent).toMatchObject({ datum: "gcj02", converted: true });
    expect(view.fromVillageCentre.distanceM).toBeGreaterThanOrEqual(299);
    expect(view.fromVillageCentre.distanceM).toBeLessThanOrEqual(301);
  });

  it("in WGS84 from the browser is stored as sent", async () => {
    const res = await submit(
      api,
      { ...smellyCreek, place: { ...wgs, datum: "wgs84", accuracyM: 12, source: "browser" } },
      { from: from() },
    );
    expect(res.status).toBe(201);
    const stored = (await api.deps.store.getConcernWithEvents((await res.json()).ledgerNo))
      ?.concern;
    expect(stored?.location).toEqual({ lat: wgs.lat, long: Number(wgs.long.toFixed(9)) });
    expect(stored?.locationAsSent?.datum).toBe("wgs84");
  });

  it("outside the town, or with a poor accuracy, is refused by field: nothing is written", async () => {
    const before = await itemCount();
    const place = { ...wgs, datum: "wgs84", accuracyM: 20, source: "browser" };
    const outside = await submit(
      api,
      { ...smellyCreek, place: { ...place, lat: 39.9087, long: 116.3975 } },
      { from: from() },
    );
    expect(outside.status).toBe(400);
    const outsideBody = await outside.json();
    expect(outsideBody.error.fields.place).toContain("不在本镇");

    const vague = await submit(
      api,
      { ...smellyCreek, place: { ...place, accuracyM: 12000 } },
      { from: from(), headers: { "accept-language": "en" } },
    );
    expect(vague.status).toBe(400);
    expect((await vague.json()).error.fields["place.accuracyM"]).toContain("5 km");

    const both = await submit(
      api,
      { ...smellyCreek, place, location: { lat: 31.6, long: 120.2 } },
      { from: from() },
    );
    expect(both.status).toBe(400);
    expect(Object.keys((await both.json()).error.fields)).toEqual(["place"]);
    expect(await itemCount()).toBe(before);
  });

  it("may come with a staff registration too, held to the same rules", async () => {
    const head = await loginAs(api, "head");
    const register = (place: unknown) =>
      api.app.request("/api/staff/concerns", {
        method: "POST",
        headers: {
          authorization: `Bearer ${head}`,
          "content-type": "application/json",
          "idempotency-key": newIdempotencyKey(),
          "x-lianxin-site-secret": SITE_SECRET,
        },
        body: JSON.stringify({ ...smellyCreek, channel: "visit", place }),
      });
    const ok = await register({ ...wgs, datum: "wgs84", accuracyM: 8, source: "browser" });
    expect(ok.status, await ok.clone().text()).toBe(201);
    const refused = await register({
      lat: 31.2,
      long: 121.5,
      datum: "wgs84",
      accuracyM: 8,
      source: "browser",
    });
    expect(refused.status).toBe(400);
  });
});

describe("a village's centre, as admin edits it", () => {
  it("is set, kept when omitted, refused by field when not a point, and removed", async () => {
    const doumen = {
      name: "陡门村",
      kind: "village",
      contactLeaderId: (
        await (await staff(api, admin, "GET", "/api/staff/directory")).json()
      ).villages.find((v: { id: string }) => v.id === "doumen").contactLeaderId,
    };
    const put = (body: unknown) =>
      staff(api, admin, "PUT", "/api/staff/directory/villages/doumen", body);
    const set = await put({ ...doumen, centre: { lat: 31.65, long: 120.19 } });
    expect(set.status, await set.clone().text()).toBe(200);
    expect((await set.json()).entry.centre).toEqual({ lat: 31.65, long: 120.19 });
    expect((await (await put(doumen)).json()).entry.centre).toEqual({ lat: 31.65, long: 120.19 });

    const bad = await put({ ...doumen, centre: { lat: 31.65, long: "east" } });
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.fields)).toEqual(["centre.long"]);

    const removed = await put({ ...doumen, centre: null });
    expect((await removed.json()).entry).not.toHaveProperty("centre");
  });
});
