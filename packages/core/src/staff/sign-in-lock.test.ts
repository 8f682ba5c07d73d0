import { describe, expect, it } from "vitest";
import { lockedUntilOf, SIGN_IN_LOCK_MS } from "./sign-in-lock.js";

describe("the sign-in lock", () => {
  const minute = 60_000;
  it("locks after five failures within 15 minutes, for 15 minutes from the last", () => {
    const times = [0, 1, 2, 3, 4].map((m) => m * minute);
    expect(lockedUntilOf(times)).toBe(4 * minute + SIGN_IN_LOCK_MS);
    expect(lockedUntilOf(times.slice(0, 4))).toBeNull();
    expect(lockedUntilOf([])).toBeNull();
  });
  it("does not count failures older than the window before the last", () => {
    expect(lockedUntilOf([0, 1, 2, 3, 20].map((m) => m * minute))).toBeNull();
  });
});
