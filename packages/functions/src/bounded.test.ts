import { describe, expect, it } from "vitest";
import { mapBounded } from "./bounded.js";

describe("mapBounded", () => {
  it("runs at most `limit` tasks at once and keeps the items' order", async () => {
    let running = 0;
    let most = 0;
    const out = await mapBounded([5, 1, 4, 2, 3, 0, 2], 3, async (ms, i) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, ms));
      running--;
      return `${i}:${ms}`;
    });
    expect(out).toEqual(["0:5", "1:1", "2:4", "3:2", "4:3", "5:0", "6:2"]);
    expect(most).toBe(3);
  });

  it("takes an empty list and a limit above the count", async () => {
    expect(await mapBounded([], 4, async () => 1)).toEqual([]);
    expect(await mapBounded([1, 2], 10, async (n) => n * 2)).toEqual([2, 4]);
  });
});
