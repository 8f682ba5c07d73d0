import { describe, expect, it } from "vitest";
import { addMonths, monthIndex, monthRange, monthsBetween } from "./months.js";

describe("months", () => {
  it("steps across years both ways", () => {
    expect(addMonths("2026-11", 2)).toBe("2027-01");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(addMonths("2026-03", -15)).toBe("2024-12");
    expect(addMonths("2026-03", -5)).toBe("2025-10");
    expect(addMonths("2026-12", 1)).toBe("2027-01");
    expect(monthIndex("2026-01-31T16:00:00.000Z")).toBe(monthIndex("2026-01"));
  });

  it("lists the months between two, ends included, bounded", () => {
    expect(monthsBetween("2025-11", "2026-02")).toEqual([
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
    ]);
    expect(monthsBetween("2026-01-05T00:00:00Z", "2026-02-28T00:00:00Z")).toEqual([
      "2026-01",
      "2026-02",
    ]);
    expect(monthsBetween("2026-05", "2026-05")).toEqual(["2026-05"]);
    expect(monthsBetween("2020-01", "2030-12", 60)).toHaveLength(60);
  });

  it("gives the n months ending with a month", () => {
    expect(monthRange("2026-02", 3)).toEqual(["2025-12", "2026-01", "2026-02"]);
    expect(monthRange("2026-11", 12)[0]).toBe("2025-12");
  });
});
