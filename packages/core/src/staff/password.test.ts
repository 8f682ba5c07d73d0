import { describe, expect, it } from "vitest";
import {
  hashPassword,
  hashPasswordAsync,
  verifyPassword,
  verifyPasswordAsync,
} from "./password.js";

describe("passwords off the event loop", () => {
  it("hash and verify as the synchronous versions do", async () => {
    const salt = new Uint8Array(16).fill(7);
    const hash = await hashPasswordAsync("一个足够长的密码 long", salt);
    expect(hash).toBe(hashPassword("一个足够长的密码 long", salt));
    expect(await verifyPasswordAsync("一个足够长的密码 long", hash)).toBe(true);
    expect(await verifyPasswordAsync("another password", hash)).toBe(false);
    expect(verifyPassword("一个足够长的密码 long", hash)).toBe(true);
    expect(await verifyPasswordAsync("x", "not-a-hash")).toBe(false);
  });
});
