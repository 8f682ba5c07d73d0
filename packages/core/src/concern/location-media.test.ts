import { describe, expect, it } from "vitest";
import { buildDemoDirectory } from "../directory/demo-directory.js";
import { indexDirectory } from "../directory/lookup.js";
import { registerConcern } from "../intake/register-concern.js";
import { routeConcern } from "../routing/route-concern.js";
import type { StaffUser } from "../staff/schema.js";
import { officialCalendar } from "../time/working-calendar.js";
import type { Concern } from "./concern.js";
import {
  GeoLocation,
  MEDIA_URL_MAX,
  parseDegrees,
  parseMediaUrl,
  roundCoordinate,
  roundLocation,
} from "./location-media.js";
import { toStaffView } from "./staff-view.js";
import { ConcernSubmission } from "./submission.js";
import { upgradeConcern } from "./upgrade.js";

describe("coordinates", () => {
  it("rounds to 3 decimals (about 100 m), half away from zero, never -0", () => {
    expect(roundCoordinate(31.512345)).toBe(31.512);
    expect(roundCoordinate(120.23456)).toBe(120.235);
    expect(roundCoordinate(-33.86882)).toBe(-33.869);
    expect(roundCoordinate(-0.0004)).toBe(0);
    expect(Object.is(roundCoordinate(-0.0004), 0)).toBe(true);
    expect(roundCoordinate(90)).toBe(90);
    expect(roundLocation({ lat: 31.4996, long: 120.0004 })).toEqual({ lat: 31.5, long: 120 });
  });

  it("keeps 9 decimal places (0.1 mm): a number too small for DynamoDB is 0", () => {
    expect(GeoLocation.parse({ lat: 31.5123456789123, long: 120.2345678915 })).toEqual({
      lat: 31.512345679,
      long: 120.234567892,
    });
    // Legal doubles DynamoDB cannot store (its numbers stop at 1e-130): found by the fuzz.
    const tiny = GeoLocation.parse({ lat: 5e-324, long: -2.2421181315303766e-137 });
    expect(tiny).toEqual({ lat: 0, long: 0 });
    expect(Object.is(tiny.long, 0)).toBe(true);
    expect(GeoLocation.parse({ lat: -90, long: 180 })).toEqual({ lat: -90, long: 180 });
    expect(GeoLocation.safeParse({ lat: 90.0000000001, long: 0 }).success).toBe(false);
  });

  it("reads plain decimal degrees only", () => {
    expect(parseDegrees("31.5")).toBe(31.5);
    expect(parseDegrees(" -120.25 ")).toBe(-120.25);
    expect(parseDegrees("+.5")).toBe(0.5);
    for (const bad of ["", "1e1", "0x10", "Infinity", "NaN", "31,5", "1234", "31.5N"]) {
      expect(parseDegrees(bad), bad).toBeNull();
    }
  });

  it("GeoLocation keeps WGS84 ranges", () => {
    expect(GeoLocation.safeParse({ lat: 31.5, long: 120.2 }).success).toBe(true);
    expect(GeoLocation.safeParse({ lat: -90, long: 180 }).success).toBe(true);
    for (const bad of [
      { lat: 90.1, long: 0 },
      { lat: 0, long: -180.5 },
      { lat: Number.NaN, long: 0 },
      { lat: 0, long: Number.POSITIVE_INFINITY },
      { lat: "31.5", long: 120 },
      { lat: 1, long: 2, alt: 3 },
    ]) {
      expect(GeoLocation.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe("media URL", () => {
  it("keeps http and https links, as the URL parser reads them", () => {
    expect(parseMediaUrl("https://img.example.cn/a/b.jpg")).toEqual({
      ok: true,
      url: "https://img.example.cn/a/b.jpg",
    });
    expect(parseMediaUrl("  HTTP://Example.COM/河道 1.jpg  ")).toEqual({
      ok: true,
      url: "http://example.com/%E6%B2%B3%E9%81%93%201.jpg",
    });
  });

  it("refuses other schemes, non-URLs, credentials and over-long links, in both languages", () => {
    const refused = (value: string) => {
      const result = parseMediaUrl(value);
      if (result.ok) throw new Error(`accepted ${value}`);
      if (result.problem.kind !== "invalid") throw new Error("no words");
      return result.problem.message;
    };
    for (const bad of [
      "javascript:alert(1)",
      " JavaScript:alert(document.cookie)",
      "java\tscript:alert(1)",
      "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
      "vbscript:msgbox(1)",
      "file:///etc/passwd",
      "ftp://example.com/a.jpg",
    ]) {
      const words = refused(bad);
      expect(words["zh-CN"].length, bad).toBeGreaterThan(0);
      expect(words.en, bad).toMatch(/http|URL/);
    }
    expect(refused("javascript:alert(1)").en).toContain("Only http:// and https://");
    expect(refused("not a url").en).toContain("Not a valid URL");
    expect(refused("//example.com/a.jpg").en).toContain("Not a valid URL");
    expect(refused("https://user:secret@example.com/a.jpg").en).toContain("user name");
    const long = `https://example.com/${"a".repeat(MEDIA_URL_MAX)}`;
    expect(refused(long).en).toContain(String(MEDIA_URL_MAX));
    // Within the limit as sent, over it once percent-encoded.
    expect(refused(`https://example.com/${"河".repeat(300)}`).en).toContain("2000");
  });

  it("the submission schema normalizes mediaUrl, drops an empty one, carries the words of a refusal", () => {
    const base = {
      villageId: "meijing",
      categoryCode: "environment",
      description: "倪巷浜河水发黑发臭，希望治理。",
    };
    const ok = ConcernSubmission.parse({
      ...base,
      location: { lat: 31.5, long: 120.2 },
      mediaUrl: " https://Example.com/x.jpg ",
    });
    expect(ok).toMatchObject({
      location: { lat: 31.5, long: 120.2 },
      mediaUrl: "https://example.com/x.jpg",
    });
    expect(ConcernSubmission.parse({ ...base, mediaUrl: "  " }).mediaUrl).toBeUndefined();
    const bad = ConcernSubmission.safeParse({ ...base, mediaUrl: "javascript:alert(1)" });
    expect(bad.success).toBe(false);
    const issue = bad.error?.issues[0];
    expect(issue?.path).toEqual(["mediaUrl"]);
    expect(issue?.code).toBe("custom");
    expect((issue as { params?: { words?: Record<string, string> } }).params?.words).toEqual({
      "zh-CN": expect.stringContaining("javascript:"),
      en: expect.stringContaining("javascript:"),
    });
    const far = ConcernSubmission.safeParse({ ...base, location: { lat: 91, long: 0 } });
    expect(far.error?.issues[0]?.path).toEqual(["location", "lat"]);
  });
});

describe("a concern with a location and a media link", () => {
  const index = indexDirectory(buildDemoDirectory());
  const village = index.village("meijing");
  const category = index.category("environment");
  if (!village || !category) throw new Error("fixture missing");
  let ids = 0;
  const register = (input: Partial<ConcernSubmission>) =>
    registerConcern({
      input: {
        villageId: "meijing",
        categoryCode: "environment",
        description: "倪巷浜河水发黑发臭，希望治理。",
        anonymous: false,
        contactName: "张三",
        contactPhone: "13800138000",
        ...input,
      },
      routing: routeConcern(index, village, category, null),
      limits: category.limits,
      calendar: officialCalendar,
      ledgerNo: "LS-2026-000001",
      accessCode: "7KQ2M9X4PA",
      now: new Date("2026-11-27T02:00:00Z"),
      newEventId: () => `e${++ids}`,
    });
  const location = { lat: 31.512345, long: 120.234567 };
  const mediaUrl = "https://img.example.cn/nixiang.jpg";

  it("is registered with both, and without either when none was sent", () => {
    const { concern } = register({ location, mediaUrl });
    expect(concern).toMatchObject({ location, mediaUrl });
    const plain = register({}).concern;
    expect(plain).not.toHaveProperty("location");
    expect(plain).not.toHaveProperty("mediaUrl");
  });

  it("an item stored before the fields existed still reads, without them", () => {
    const { location: _l, mediaUrl: _m, ...old } = register({ location, mediaUrl }).concern;
    const upgraded = upgradeConcern(old as Concern);
    expect(upgraded.location).toBeUndefined();
    expect(upgraded.mediaUrl).toBeUndefined();
    expect(upgraded.ledgerNo).toBe("LS-2026-000001");
  });

  it("staff who may see the contact see the exact point; others see it rounded", () => {
    const { concern, events } = register({ location, mediaUrl });
    const now = new Date("2026-11-27T03:00:00Z");
    const admin: StaffUser = {
      id: "staff-admin",
      username: "admin",
      name: "管理员",
      role: "admin",
      departmentId: "town-office",
      villageIds: [],
    };
    const exact = toStaffView(concern, events, admin, index, "zh-CN", now).view;
    expect(exact.location).toEqual({ ...location, rounded: false });
    expect(exact.mediaUrl).toBe(mediaUrl);
    expect(exact.contact.masked).toBe(false);

    // A department head holding the villager group sees the concern but not the contact.
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
    const masked = toStaffView(held, events, holder, index, "zh-CN", now).view;
    expect(masked.contact.masked).toBe(true);
    expect(masked.location).toEqual({ lat: 31.512, long: 120.235, rounded: true });
    expect(masked.mediaUrl).toBe(mediaUrl);

    const none = toStaffView(register({}).concern, events, admin, index, "zh-CN", now).view;
    expect(none.location).toBeNull();
    expect(none.mediaUrl).toBeNull();
  });
});
