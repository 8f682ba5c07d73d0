import { describe, expect, it } from "vitest";
import { hasFilters, queueHref, queueQuery, readQueueFilters } from "./queue-filters";

describe("queue filters", () => {
  it("reads known values and drops the rest", () => {
    const f = readQueueFilters(
      new URLSearchParams("status=assigned&overdue=true&village=meijing&category=environment"),
    );
    expect(f).toEqual({
      status: "assigned",
      overdue: true,
      village: "meijing",
      category: "environment",
      cursor: "",
    });
    const bad = readQueueFilters(new URLSearchParams("status=deleted&overdue=no&village=<x>"));
    expect(bad).toEqual({ status: "", overdue: false, village: "", category: "", cursor: "" });
    expect(hasFilters(bad)).toBe(false);
    expect(hasFilters(f)).toBe(true);
  });
  it("builds the API query and the next-page link", () => {
    const f = readQueueFilters(new URLSearchParams("overdue=on&cursor=abc"));
    expect(queueQuery("mine", f)).toEqual({
      scope: "mine",
      status: undefined,
      overdue: "true",
      village: undefined,
      category: undefined,
      cursor: "abc",
    });
    expect(queueHref("/", f, "eyJrIjoxfQ==")).toBe("/?overdue=true&cursor=eyJrIjoxfQ%3D%3D");
    expect(queueHref("/all", readQueueFilters(new URLSearchParams("")))).toBe("/all");
  });
});
