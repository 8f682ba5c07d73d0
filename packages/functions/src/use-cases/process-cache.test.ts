import { describe, expect, it } from "vitest";
import type { Deps } from "../deps.js";
import { processCache } from "./process-cache.js";

function fakeDeps(clock: { now: number }): Deps {
  return { now: () => new Date(clock.now), directoryCacheMs: 30_000 } as unknown as Deps;
}

describe("processCache", () => {
  it("loads once for a burst of cold requests, and again after the period", async () => {
    const clock = { now: 0 };
    const deps = fakeDeps(clock);
    let loads = 0;
    const cache = processCache(async () => {
      loads++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return loads;
    });
    const values = await Promise.all(Array.from({ length: 64 }, () => cache.get(deps)));
    expect(new Set(values)).toEqual(new Set([1]));
    expect(loads).toBe(1);
    clock.now = 29_999;
    expect(await cache.get(deps)).toBe(1);
    clock.now = 30_000;
    expect(await cache.get(deps)).toBe(2);
    cache.forget(deps);
    expect(await cache.get(deps)).toBe(3);
  });

  it("does not keep a failed load", async () => {
    const deps = fakeDeps({ now: 0 });
    let calls = 0;
    const cache = processCache(async () => {
      calls++;
      if (calls === 1) throw new Error("table unreachable");
      return "directory";
    });
    await expect(cache.get(deps)).rejects.toThrow("table unreachable");
    expect(await cache.get(deps)).toBe("directory");
  });
});
