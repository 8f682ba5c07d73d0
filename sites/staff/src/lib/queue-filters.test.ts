import { describe, expect, it } from "vitest";
import {
  hasFilters,
  moreFiltersSet,
  queueHref,
  queueQuery,
  readQueueFilters,
  withStatus,
} from "./queue-filters";

describe("queue filters", () => {
  it("reads known values and drops the rest", () => {
    const f = readQueueFilters(
      new URLSearchParams(
        "status=assigned&overdue=true&village=meijing&category=environment&stage=sign_for&sort=registered",
      ),
    );
    expect(f).toMatchObject({
      status: ["assigned"],
      overdue: "true",
      village: ["meijing"],
      category: "environment",
      stage: "sign_for",
      sort: "registered",
      cursor: "",
    });
    const bad = readQueueFilters(
      new URLSearchParams("status=deleted&overdue=no&village=<x>&stage=x&from=8/12&sort=title"),
    );
    expect(bad).toMatchObject({ status: [], overdue: "", village: [], stage: "", from: "" });
    expect(hasFilters(bad)).toBe(false);
    expect(hasFilters(f)).toBe(true);
  });

  it("takes several villages repeated (a form) or comma-separated (a link), once each", () => {
    const f = readQueueFilters(
      new URLSearchParams("village=meijing&village=doumen,yaxi&village=meijing"),
    );
    expect(f.village).toEqual(["meijing", "doumen", "yaxi"]);
    expect(queueQuery("all", f).village).toBe("meijing,doumen,yaxi");
  });

  it("builds the API query and the next-page link", () => {
    const f = readQueueFilters(new URLSearchParams("overdue=on&cursor=abc&supervised=false"));
    expect(queueQuery("mine", f)).toEqual({
      scope: "mine",
      overdue: "true",
      supervised: "false",
      cursor: "abc",
    });
    expect(queueHref("/", f, "eyJrIjoxfQ==")).toBe(
      "/?overdue=true&supervised=false&cursor=eyJrIjoxfQ%3D%3D",
    );
    expect(queueHref("/all", readQueueFilters(new URLSearchParams("")))).toBe("/all");
    expect(moreFiltersSet(f)).toBe(1);
  });

  it("adds a hidden state to the statuses shown (the default being open)", () => {
    const f = readQueueFilters(new URLSearchParams("village=meijing&cursor=abc"));
    expect(queueHref("/all", withStatus(f, "answered"))).toBe(
      "/all?status=open%2Canswered&village=meijing",
    );
    const one = readQueueFilters(new URLSearchParams("status=accepted"));
    expect(withStatus(one, "answered").status).toEqual(["accepted", "answered"]);
  });
});
