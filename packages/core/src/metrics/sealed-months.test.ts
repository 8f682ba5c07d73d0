import { describe, expect, it } from "vitest";
import {
  endOfShanghaiMonth,
  isChangeMonthKind,
  isSealedMonth,
  SEALED_MONTH_GRACE_MS,
} from "./sealed-months.js";

describe("sealed months", () => {
  it("ends a month at Shanghai midnight, in UTC 16:00 of its last day", () => {
    expect(endOfShanghaiMonth("2026-02").toISOString()).toBe("2026-02-28T15:59:59.999Z");
    expect(endOfShanghaiMonth("2024-02").toISOString()).toBe("2024-02-29T15:59:59.999Z");
    expect(endOfShanghaiMonth("2026-12").toISOString()).toBe("2026-12-31T15:59:59.999Z");
  });

  it("keeps the current month and the grace after its end open", () => {
    const end = endOfShanghaiMonth("2026-10").getTime();
    expect(isSealedMonth("2026-10", new Date(end - 1000))).toBe(false);
    // Already November in Shanghai, but a change stamped on 31 October may still commit.
    expect(isSealedMonth("2026-10", new Date(end + 1000))).toBe(false);
    expect(isSealedMonth("2026-10", new Date(end + SEALED_MONTH_GRACE_MS - 1))).toBe(false);
    expect(isSealedMonth("2026-10", new Date(end + SEALED_MONTH_GRACE_MS + 1))).toBe(true);
    expect(isSealedMonth("2025-03", new Date(end))).toBe(true);
  });

  it("never seals a month in the future", () => {
    expect(isSealedMonth("2027-01", new Date("2026-11-27T00:00:00Z"))).toBe(false);
  });

  it("holds only the concern counter kinds, not field work", () => {
    expect(isChangeMonthKind("village")).toBe(true);
    expect(isChangeMonthKind("department_people")).toBe(true);
    expect(isChangeMonthKind("fieldwork_village")).toBe(false);
  });
});
