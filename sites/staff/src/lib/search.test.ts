import { describe, expect, it } from "vitest";
import { countMessage, noteKey, searchHref, searchQueryOf } from "./search";

describe("the search page's query", () => {
  it("keeps what the API takes and drops the rest", () => {
    const q = searchQueryOf(
      new URLSearchParams({ q: "  路灯 不亮 ", cursor: "abc_-1", from: "2026-01", to: "x" }),
    );
    expect(q).toEqual({ q: "路灯 不亮", cursor: "abc_-1", from: "2026-01", to: "" });
    expect(searchQueryOf(new URLSearchParams({ cursor: "a b<" })).cursor).toBe("");
    expect(searchQueryOf(new URLSearchParams({ q: "字".repeat(300) })).q).toHaveLength(200);
  });

  it("links a query and its next page, escaped", () => {
    expect(searchHref({ q: "路灯&x", cursor: "c1" })).toBe(
      `/search?q=${encodeURIComponent("路灯&x")}&cursor=c1`,
    );
    expect(searchHref({})).toBe("/search");
  });

  it("words the count, with N+ while more may be found", () => {
    expect(countMessage({ n: 12, more: false })).toEqual(["search.found", { n: 12 }]);
    expect(countMessage({ n: 20, more: true })).toEqual(["search.foundMore", { n: 20 }]);
  });

  it("words only the notes it knows", () => {
    expect(noteKey("phone_not_permitted")).toBe("search.note.phone_not_permitted");
    expect(noteKey("something_new")).toBeNull();
    expect(noteKey(null)).toBeNull();
  });
});
