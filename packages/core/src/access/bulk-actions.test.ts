import { describe, expect, it } from "vitest";
import { bulkActionsFor } from "./bulk-actions.js";

describe("bulk actions offered", () => {
  it("follows each role's part in handling", () => {
    expect(bulkActionsFor({ role: "cadre" })).toEqual(["accept"]);
    expect(bulkActionsFor({ role: "dept_head" })).toEqual(["accept", "assign"]);
    expect(bulkActionsFor({ role: "leader" })).toEqual(["supervise"]);
    expect(bulkActionsFor({ role: "inspector" })).toEqual(["accept", "assign", "supervise"]);
    expect(bulkActionsFor({ role: "admin" })).toEqual([
      "accept",
      "dispatch",
      "assign",
      "supervise",
    ]);
  });
});
