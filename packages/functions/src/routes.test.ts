import { API_ROUTES } from "@lianxin/contract";
import { describe, expect, it } from "vitest";
import { routes } from "./routes.js";

describe("the API serves exactly the contract's routes", () => {
  const served = routes.map((r) => `${r.access} ${r.method} ${r.path}`).sort();
  const contract = API_ROUTES.map((r) => `${r.access} ${r.method} ${r.path}`).sort();

  it("with the same methods, paths and access", () => {
    expect(served).toEqual(contract);
  });

  it("and serves no route twice", () => {
    expect(new Set(served).size).toBe(served.length);
  });
});
