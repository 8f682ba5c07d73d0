import { describe, expect, it } from "vitest";
import { maskName, maskPhone } from "./mask.js";

describe("masking for staff", () => {
  it("masks for staff who may not see", () => {
    expect(maskName("张三丰")).toBe("张**");
    expect(maskPhone("13812345678")).toBe("138****5678");
  });
});
