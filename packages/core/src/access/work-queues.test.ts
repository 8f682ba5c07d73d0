import { describe, expect, it } from "vitest";
import { buildDemoDirectory } from "../directory/demo-directory.js";
import { indexDirectory } from "../directory/lookup.js";
import type { StaffUser } from "../staff/schema.js";
import { workPilesFor } from "./work-queues.js";

const index = indexDirectory(buildDemoDirectory());
const user = (over: Partial<StaffUser>): StaffUser => ({
  id: "u1",
  username: "u1",
  name: "某人",
  role: "cadre",
  departmentId: "env-bureau",
  villageIds: [],
  ...over,
});

describe("work piles", () => {
  it("gives everyone their own work under 'mine'", () => {
    expect(workPilesFor(user({}), "mine", index)).toEqual([
      { kind: "department", id: "env-bureau" },
    ]);
    expect(
      workPilesFor(user({ role: "leader", villageIds: ["meijing", "yaxi"] }), "mine", index),
    ).toEqual([
      { kind: "village", id: "meijing" },
      { kind: "village", id: "yaxi" },
    ]);
    expect(workPilesFor(user({ role: "admin" }), "mine", index)).toEqual([
      { kind: "department", id: index.triageOffice().id },
    ]);
    expect(workPilesFor(user({ role: "inspector" }), "mine", index)).toEqual([
      { kind: "department", id: index.disciplineCommission().id },
    ]);
  });

  it("keeps the town and triage to those who read everything, groups to heads", () => {
    expect(workPilesFor(user({ role: "inspector" }), "all", index)).toEqual([{ kind: "town" }]);
    expect(() => workPilesFor(user({}), "all", index)).toThrow();
    expect(() => workPilesFor(user({ role: "leader" }), "triage", index)).toThrow();
    expect(() => workPilesFor(user({}), "groups", index)).toThrow();
    const holder = index.directory.villages.flatMap((v) => v.groups).find((g) => g.holderId);
    const piles = workPilesFor(
      user({ role: "dept_head", id: holder?.holderId ?? "" }),
      "groups",
      index,
    );
    expect(piles.length).toBeGreaterThan(0);
    expect(piles.every((p) => p.kind === "village")).toBe(true);
  });
});
