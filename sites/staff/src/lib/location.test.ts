import { describe, expect, it } from "vitest";
import { formatCoordinates, formatDistance, mapLinks, safeMediaHref } from "./location";

describe("location", () => {
  it("shows the point latitude first, and map links with longitude first for Amap", () => {
    const point = { lat: 31.512345, long: 120.234567 };
    expect(formatCoordinates(point)).toBe("31.512345, 120.234567");
    expect(mapLinks(point)).toEqual({
      amap: "https://uri.amap.com/marker?position=120.234567,31.512345&coordinate=wgs84&src=lianxin",
      osm: "https://www.openstreetmap.org/?mlat=31.512345&mlon=120.234567#map=18/31.512345/120.234567",
    });
  });

  it("gives nothing for a missing or impossible point", () => {
    expect(formatCoordinates(null)).toBe("");
    expect(mapLinks(undefined)).toBeNull();
    expect(mapLinks({ lat: 95, long: 0 })).toBeNull();
    expect(mapLinks({ lat: Number.NaN, long: 0 })).toBeNull();
  });

  it("makes only http(s) media links clickable", () => {
    expect(safeMediaHref("https://img.example.cn/a.jpg")).toBe("https://img.example.cn/a.jpg");
    expect(safeMediaHref("http://example.com/a b")).toBe("http://example.com/a%20b");
    for (const bad of [
      null,
      "",
      "javascript:alert(1)",
      "java\nscript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "/relative",
    ]) {
      expect(safeMediaHref(bad), String(bad)).toBeNull();
    }
  });
});

describe("distances", () => {
  it("read in metres below a kilometre, else in kilometres to 0.1", () => {
    expect(formatDistance(349.6, "zh-CN")).toBe("350 米");
    expect(formatDistance(350, "en")).toBe("350 m");
    expect(formatDistance(1234, "zh-CN")).toBe("1.2 公里");
    expect(formatDistance(12_000, "en")).toBe("12 km");
    expect(formatDistance(Number.NaN, "en")).toBe("");
  });
});
