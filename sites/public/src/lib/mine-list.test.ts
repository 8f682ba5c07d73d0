import { describe, expect, it } from "vitest";
import { type MyConcernItem, mineRows, needsCategoryNames, readMyConcerns } from "./mine-list";

const item = (over: Partial<MyConcernItem>): MyConcernItem => ({
  ledgerNo: "LS-2026-000001",
  title: "倪巷浜臭水河",
  categoryCode: "environment",
  status: "assigned",
  createdAt: "2026-03-01T02:00:00.000Z",
  answeredAt: null,
  outcome: null,
  awaitingRating: false,
  mergedInto: null,
  ...over,
});

describe("the 我的诉求 list", () => {
  it("reads the API's answer, dropping rows it cannot show", () => {
    expect(readMyConcerns(null)).toBeNull();
    expect(readMyConcerns({ items: [] })).toBeNull();
    expect(readMyConcerns({ items: "x", expiresAt: "2026-03-01T02:30:00.000Z" })).toBeNull();
    const good = item({});
    expect(
      readMyConcerns({
        items: [good, { ledgerNo: "../x", status: "assigned", createdAt: "" }, 3],
        expiresAt: "2026-03-01T02:30:00.000Z",
      }),
    ).toEqual({ items: [good], expiresAt: "2026-03-01T02:30:00.000Z" });
  });
  it("lists newest first, by title or else the category's name", () => {
    const names = new Map([["roads", "道路与交通"]]);
    const rows = mineRows(
      [
        item({ ledgerNo: "LS-2026-000001" }),
        item({
          ledgerNo: "LS-2026-000007",
          title: null,
          categoryCode: "roads",
          createdAt: "2026-05-01T02:00:00.000Z",
          awaitingRating: true,
        }),
        item({
          ledgerNo: "LS-2026-000003",
          title: "  ",
          categoryCode: "retired",
          createdAt: "2026-04-01T02:00:00.000Z",
          status: "merged",
          mergedInto: "LS-2026-000002",
        }),
      ],
      (code) => names.get(code),
    );
    expect(rows.map((r) => [r.ledgerNo, r.label, r.awaitingRating, r.mergedInto])).toEqual([
      ["LS-2026-000007", "道路与交通", true, null],
      ["LS-2026-000003", null, false, "LS-2026-000002"],
      ["LS-2026-000001", "倪巷浜臭水河", false, null],
    ]);
    expect(rows[0]?.href).toBe("/mine/LS-2026-000007");
  });
  it("reads the directory only when a row has no title", () => {
    expect(needsCategoryNames([item({})])).toBe(false);
    expect(needsCategoryNames([item({}), item({ title: null })])).toBe(true);
    expect(needsCategoryNames([])).toBe(false);
  });
});
