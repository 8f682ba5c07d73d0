import { describe, expect, it } from "vitest";
import {
  CURSOR_MAX,
  cleanKeyword,
  EMPTY_FILTER,
  excerpt,
  hasFilters,
  isNoticeId,
  noticeApiQuery,
  noticeListHref,
  readNoticeFilter,
} from "./notice-filter";

const read = (qs: string) => readNoticeFilter(new URLSearchParams(qs));

describe("readNoticeFilter", () => {
  it("reads a full filter", () => {
    expect(
      read("village=meijing&outcome=assisted&month=2026-08&q=+桃农+&cursor=abc%3D%3D"),
    ).toEqual({
      filter: {
        village: "meijing",
        outcome: "assisted",
        month: "2026-08",
        q: "桃农",
        cursor: "abc==",
      },
      dropped: [],
    });
  });
  it("is empty for an empty query, and empty values are not 'dropped'", () => {
    expect(read("")).toEqual({ filter: EMPTY_FILTER, dropped: [] });
    expect(read("village=&outcome=&month=&q=&cursor=")).toEqual({
      filter: EMPTY_FILTER,
      dropped: [],
    });
  });
  it("keeps the month only when it is YYYY-MM with a real month", () => {
    for (const ok of ["2026-01", "2026-12", "1999-09"])
      expect(read(`month=${ok}`).filter.month).toBe(ok);
    for (const bad of [
      "2026-13",
      "2026-00",
      "2026-8",
      "26-08",
      "2026/08",
      "2026-08-01",
      "2026-08x",
    ]) {
      expect(read(`month=${encodeURIComponent(bad)}`), bad).toEqual({
        filter: EMPTY_FILTER,
        dropped: ["month"],
      });
    }
  });
  it("keeps the outcome only when it is in the enum", () => {
    expect(read("outcome=resolved").filter.outcome).toBe("resolved");
    expect(read("outcome=explained").filter.outcome).toBe("explained");
    expect(read("outcome=RESOLVED")).toEqual({ filter: EMPTY_FILTER, dropped: ["outcome"] });
    expect(read("outcome=solved")).toEqual({ filter: EMPTY_FILTER, dropped: ["outcome"] });
  });
  it("keeps only plain village ids", () => {
    expect(read("village=meijing-03").filter.village).toBe("meijing-03");
    for (const bad of ["../admin", "a b", "<script>", "x".repeat(65), "-lead"]) {
      expect(read(`village=${encodeURIComponent(bad)}`).dropped, bad).toEqual(["village"]);
    }
  });
  it("trims the keyword and keeps at most 50 characters", () => {
    expect(read(`q=${encodeURIComponent("  路灯\t 维修 \n")}`).filter.q).toBe("路灯 维修");
    const long = "臭".repeat(60);
    expect(read(`q=${encodeURIComponent(long)}`).filter.q).toBe("臭".repeat(50));
    // 50 characters, not 50 UTF-16 units: an emoji is never cut in half.
    expect(cleanKeyword("😀".repeat(51))).toBe("😀".repeat(50));
    expect(cleanKeyword("a\u0000b")).toBe("a b");
    expect(read("q=%20%20").filter.q).toBe("");
  });
  it("passes the cursor through as it is, up to 500 characters", () => {
    const cursor = "eyJwayI6Ik5PVElDRSJ9+/=_-";
    expect(read(`cursor=${encodeURIComponent(cursor)}`).filter.cursor).toBe(cursor);
    expect(read(`cursor=${"c".repeat(CURSOR_MAX)}`).filter.cursor).toHaveLength(CURSOR_MAX);
    expect(read(`cursor=${"c".repeat(CURSOR_MAX + 1)}`)).toEqual({
      filter: EMPTY_FILTER,
      dropped: ["cursor"],
    });
    expect(read("cursor=a%0Ab").dropped).toEqual(["cursor"]);
  });
  it("keeps the good values when others are dropped", () => {
    expect(read("village=meijing&outcome=x&month=2026-99&q=路灯")).toEqual({
      filter: { ...EMPTY_FILTER, village: "meijing", q: "路灯" },
      dropped: ["outcome", "month"],
    });
  });
});

describe("building queries and links", () => {
  const filter = {
    village: "meijing",
    outcome: "resolved" as const,
    month: "2026-08",
    q: "路灯 维修",
    cursor: "",
  };
  it("builds the API query from the non-empty values only", () => {
    expect(noticeApiQuery(EMPTY_FILTER)).toBe("");
    expect(noticeApiQuery(filter)).toBe(
      "?village=meijing&outcome=resolved&month=2026-08&q=%E8%B7%AF%E7%81%AF+%E7%BB%B4%E4%BF%AE",
    );
    expect(noticeApiQuery({ ...EMPTY_FILTER, cursor: "a&b=c" })).toBe("?cursor=a%26b%3Dc");
  });
  it("links the next page with the filters and the cursor", () => {
    expect(noticeListHref(EMPTY_FILTER)).toBe("/notices");
    expect(noticeListHref(EMPTY_FILTER, "n/x+1")).toBe("/notices?cursor=n%2Fx%2B1");
    const href = noticeListHref({ ...filter, cursor: "old" }, "next==");
    const back = readNoticeFilter(new URL(href, "http://site.invalid").searchParams);
    expect(back).toEqual({ filter: { ...filter, cursor: "next==" }, dropped: [] });
    // The first-page link drops the cursor but keeps the filters.
    expect(noticeListHref({ ...filter, cursor: "old" })).not.toContain("cursor");
  });
  it("knows when a filter is set (the cursor is not a filter)", () => {
    expect(hasFilters(EMPTY_FILTER)).toBe(false);
    expect(hasFilters({ ...EMPTY_FILTER, cursor: "x" })).toBe(false);
    expect(hasFilters({ ...EMPTY_FILTER, month: "2026-08" })).toBe(true);
  });
});

describe("isNoticeId", () => {
  it("accepts plain ids and refuses anything else", () => {
    for (const ok of ["01JABCDEF", "N-LS-2026-000123", "notice_1", "a.b~c:d"])
      expect(isNoticeId(ok), ok).toBe(true);
    for (const bad of [
      undefined,
      "",
      "../x",
      "a/b",
      "a b",
      "<script>",
      "x".repeat(129),
      ".hidden",
    ]) {
      expect(isNoticeId(bad), String(bad)).toBe(false);
    }
  });
});

describe("excerpt", () => {
  it("keeps the first lines and marks what was cut", () => {
    expect(excerpt(null)).toBe("");
    expect(excerpt("一行。")).toBe("一行。");
    expect(excerpt("一\n\n二\r\n三\n四", 120, 3)).toBe("一\n二\n三…");
    expect(excerpt("一\n二", 120, 3)).toBe("一\n二");
    expect(excerpt("好".repeat(130), 120)).toBe(`${"好".repeat(120)}…`);
  });
  it("returns text, not markup (escaping is the template's job, so nothing is stripped)", () => {
    expect(excerpt("<script>alert(1)</script>")).toBe("<script>alert(1)</script>");
  });
});
