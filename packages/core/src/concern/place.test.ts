import { describe, expect, it } from "vitest";
import { buildDemoDirectory } from "../directory/demo-directory.js";
import { indexDirectory } from "../directory/lookup.js";
import { registerConcern } from "../intake/register-concern.js";
import { routeConcern } from "../routing/route-concern.js";
import type { StaffUser } from "../staff/schema.js";
import { officialCalendar } from "../time/working-calendar.js";
import type { Concern } from "./concern.js";
import {
  DEMO_TOWN_AREA,
  distanceMeters,
  gcj02ToWgs84,
  insideArea,
  PlaceInput,
  parseTownArea,
  receivePlace,
  wgs84ToGcj02,
} from "./place.js";
import { toStaffView } from "./staff-view.js";

/**
 * Central Beijing, by Tiananmen (the round-trip point of the "eviltransform" libraries'
 * own tests): WGS84 39.911954, 116.377817 is GCJ-02 39.91334545536069, 116.38404722455657.
 */
const BEIJING = {
  wgs: { lat: 39.911954, long: 116.377817 },
  gcj: { lat: 39.91334545536069, long: 116.38404722455657 },
};
/** Shanghai, the same libraries' second point. */
const SHANGHAI = {
  wgs: { lat: 31.1774276, long: 121.5272106 },
  gcj: { lat: 31.17530398364597, long: 121.531541859215 },
};

describe("GCJ-02", () => {
  it("matches the published formula at known points", () => {
    for (const { wgs, gcj } of [BEIJING, SHANGHAI]) {
      const forward = wgs84ToGcj02(wgs);
      expect(forward.lat).toBeCloseTo(gcj.lat, 9);
      expect(forward.long).toBeCloseTo(gcj.long, 9);
    }
  });

  it("converts back to WGS84 within a millimetre", () => {
    for (const { wgs, gcj } of [BEIJING, SHANGHAI]) {
      expect(distanceMeters(gcj02ToWgs84(gcj), wgs)).toBeLessThan(0.001);
    }
  });

  it("round-trips across the town and the country, well under 1 m", () => {
    for (let lat = 18; lat <= 53; lat += 2.7) {
      for (let long = 74; long <= 134; long += 3.1) {
        const wgs = { lat, long };
        expect(distanceMeters(gcj02ToWgs84(wgs84ToGcj02(wgs)), wgs)).toBeLessThan(0.01);
      }
    }
    const luoshe = { lat: 31.64, long: 120.2 };
    const shifted = wgs84ToGcj02(luoshe);
    // The shift here is a few hundred metres: why the datum matters.
    expect(distanceMeters(shifted, luoshe)).toBeGreaterThan(300);
    expect(distanceMeters(shifted, luoshe)).toBeLessThan(800);
    expect(distanceMeters(gcj02ToWgs84(shifted), luoshe)).toBeLessThan(0.001);
  });

  it("leaves points outside China as they are", () => {
    expect(wgs84ToGcj02({ lat: 51.5, long: -0.12 })).toEqual({ lat: 51.5, long: -0.12 });
    expect(gcj02ToWgs84({ lat: 51.5, long: -0.12 })).toEqual({ lat: 51.5, long: -0.12 });
  });
});

describe("distance", () => {
  it("is the great-circle distance (haversine)", () => {
    expect(distanceMeters({ lat: 31.64, long: 120.2 }, { lat: 31.64, long: 120.2 })).toBe(0);
    // One degree of latitude: about 111.2 km.
    expect(distanceMeters({ lat: 31, long: 120 }, { lat: 32, long: 120 })).toBeCloseTo(111195, -1);
    // One degree of longitude at 31.64 N: cos(31.64°) × 111.2 km.
    const d = distanceMeters({ lat: 31.64, long: 120 }, { lat: 31.64, long: 121 });
    expect(d).toBeGreaterThan(94600);
    expect(d).toBeLessThan(94700);
    // Antipodes do not produce NaN.
    expect(distanceMeters({ lat: 0, long: 0 }, { lat: 0, long: 180 })).toBeCloseTo(20015114, -2);
  });
});

describe("the portal's place", () => {
  const place = { lat: 31.64, long: 120.2, datum: "wgs84", accuracyM: 25, source: "browser" };

  it("takes a point with its datum, accuracy and source", () => {
    expect(PlaceInput.parse(place)).toEqual(place);
    expect(PlaceInput.parse({ ...place, accuracyM: 12.345 }).accuracyM).toBe(12.3);
    for (const bad of [
      { ...place, datum: "bd09" },
      { ...place, source: "ip" },
      { ...place, accuracyM: -1 },
      { ...place, accuracyM: Number.POSITIVE_INFINITY },
      { ...place, lat: 91 },
      { ...place, extra: 1 },
      { lat: 31.64, long: 120.2 },
    ]) {
      expect(PlaceInput.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it("refuses an accuracy worse than 5 km, with words in both languages", () => {
    expect(PlaceInput.safeParse({ ...place, accuracyM: 5000 }).success).toBe(true);
    const refused = PlaceInput.safeParse({ ...place, accuracyM: 5001 });
    expect(refused.success).toBe(false);
    const issue = refused.error?.issues[0];
    expect(issue?.path).toEqual(["accuracyM"]);
    expect(issue && "params" in issue ? issue.params : undefined).toMatchObject({
      words: { "zh-CN": expect.stringContaining("精度"), en: expect.stringContaining("5 km") },
    });
  });

  it("converts GCJ-02 on receipt and keeps the point as sent", () => {
    const gcj = wgs84ToGcj02({ lat: 31.64, long: 120.2 });
    const received = receivePlace(
      PlaceInput.parse({ ...place, ...gcj, datum: "gcj02", source: "wechat" }),
      DEMO_TOWN_AREA,
    );
    if (!received.ok) throw new Error("refused");
    expect(received.location.lat).toBeCloseTo(31.64, 8);
    expect(received.location.long).toBeCloseTo(120.2, 8);
    expect(received.locationAsSent).toMatchObject({ datum: "gcj02", source: "wechat" });
    expect(received.locationAsSent.lat).toBeCloseTo(gcj.lat, 8);

    const wgs = receivePlace(PlaceInput.parse(place), DEMO_TOWN_AREA);
    expect(wgs).toMatchObject({ ok: true, location: { lat: 31.64, long: 120.2 } });
  });

  it("refuses a point outside the town's area", () => {
    const beijing = receivePlace(PlaceInput.parse({ ...place, ...BEIJING.wgs }), DEMO_TOWN_AREA);
    expect(beijing).toMatchObject({
      ok: false,
      problem: { kind: "invalid", message: { "zh-CN": expect.stringContaining("不在本镇") } },
    });
  });
});

describe("the town's area", () => {
  it("is a box; the demo's covers Wuxi", () => {
    expect(insideArea({ lat: 31.64, long: 120.2 }, DEMO_TOWN_AREA)).toBe(true);
    expect(insideArea({ lat: 31.49, long: 120.31 }, DEMO_TOWN_AREA)).toBe(true);
    expect(insideArea(SHANGHAI.wgs, DEMO_TOWN_AREA)).toBe(false);
    expect(insideArea({ lat: 32.2, long: 120.2 }, DEMO_TOWN_AREA)).toBe(false);
  });

  it("is read from south,west,north,east", () => {
    expect(parseTownArea(" 31.5,120.1, 31.8 ,120.3")).toEqual({
      south: 31.5,
      west: 120.1,
      north: 31.8,
      east: 120.3,
    });
    for (const bad of ["", "31,120,32", "a,b,c,d", "32,120,31,121", "31,121,32,120"]) {
      expect(() => parseTownArea(bad), bad).toThrow(/TOWN_AREA/);
    }
  });
});

describe("the place on the staff concern page", () => {
  const index = indexDirectory(buildDemoDirectory());
  const village = index.village("meijing");
  const category = index.category("environment");
  if (!village?.centre || !category) throw new Error("fixture missing (meijing has a demo centre)");
  const centre = village.centre;
  const now = new Date("2026-11-27T03:00:00Z");
  let ids = 0;
  // A resident 400 m north of the village's centre, sent in GCJ-02 from WeChat.
  const exactPoint = { lat: centre.lat + 400 / 111195, long: centre.long };
  const received = receivePlace(
    PlaceInput.parse({
      ...wgs84ToGcj02(exactPoint),
      datum: "gcj02",
      accuracyM: 30,
      source: "wechat",
    }),
    DEMO_TOWN_AREA,
  );
  if (!received.ok) throw new Error("refused");
  const { concern, events } = registerConcern({
    input: {
      villageId: "meijing",
      categoryCode: "environment",
      description: "倪巷浜河水发黑发臭，希望治理。",
      anonymous: false,
      contactName: "张三",
      contactPhone: "13800138000",
    },
    place: received,
    routing: routeConcern(index, village, category, null),
    limits: category.limits,
    calendar: officialCalendar,
    ledgerNo: "LS-2026-000001",
    accessCode: "7KQ2M9X4PA",
    now: new Date("2026-11-27T02:00:00Z"),
    newEventId: () => `e${++ids}`,
  });
  const admin: StaffUser = {
    id: "staff-admin",
    username: "admin",
    name: "管理员",
    role: "admin",
    departmentId: "town-office",
    villageIds: [],
  };

  it("keeps WGS84 in location and the point as sent beside it", () => {
    expect(concern.location?.lat).toBeCloseTo(exactPoint.lat, 8);
    expect(concern.locationAsSent).toMatchObject({ datum: "gcj02", accuracyM: 30 });
  });

  it("shows the distance from the village's centre, exact to those who see the contact", () => {
    const view = toStaffView(concern, events, admin, index, "zh-CN", now).view;
    expect(view.fromVillageCentre).toEqual({ distanceM: 400, centre });
    expect(view.locationAsSent).toMatchObject({ datum: "gcj02", converted: true, accuracyM: 30 });
    expect(view.locationAsSent?.point).not.toBeNull();
  });

  it("to the 100 m, from the rounded place, for the others; never the original point", () => {
    const holder: StaffUser = {
      id: "holder-1",
      username: "holder",
      name: "包组负责人",
      role: "dept_head",
      departmentId: "park-office",
      villageIds: [],
    };
    const held: Concern = {
      ...concern,
      routing: { ...concern.routing, groupHolder: { id: "holder-1", name: "包组负责人" } },
    };
    const view = toStaffView(held, events, holder, index, "zh-CN", now).view;
    expect(view.location?.rounded).toBe(true);
    expect(view.fromVillageCentre?.distanceM).toBe(400);
    expect(view.fromVillageCentre && view.fromVillageCentre.distanceM % 100).toBe(0);
    expect(view.locationAsSent?.point).toBeNull();
  });

  it("shows no distance when the village has no centre", () => {
    const other = { ...concern, villageId: "doumen" };
    expect(
      toStaffView(other, events, admin, index, "zh-CN", now).view.fromVillageCentre,
    ).toBeNull();
  });
});
