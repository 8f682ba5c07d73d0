import { describe, expect, it } from "vitest";
import { lazy } from "./lazy.js";

describe("lazy", () => {
  it("loads once, on first use, and keeps the module", async () => {
    let loads = 0;
    const module = lazy(async () => ({ n: ++loads }));
    expect(loads).toBe(0);
    const [a, b] = await Promise.all([module(), module()]);
    expect(await module()).toBe(a);
    expect(b).toBe(a);
    expect(loads).toBe(1);
  });

  it("forgets a failed load, so the next use tries again", async () => {
    let loads = 0;
    const module = lazy(async () => {
      if (++loads === 1) throw new Error("disk hiccup");
      return { ok: true };
    });
    await expect(module()).rejects.toThrow("disk hiccup");
    expect(await module()).toEqual({ ok: true });
    expect(loads).toBe(2);
  });
});
