import { describe, expect, it } from "vitest";
import { buildDemoDirectory } from "../directory/demo-directory.js";
import { indexDirectory } from "../directory/lookup.js";
import type { StaffUser } from "../staff/schema.js";
import { ledgerScope, seesWholeLedger } from "./export-scope.js";

const index = indexDirectory(buildDemoDirectory());
const user = (u: Partial<StaffUser>): StaffUser => ({
  id: "u",
  username: "u",
  name: "u",
  role: "admin",
  departmentId: null,
  villageIds: [],
  ...u,
});

describe("ledgerScope", () => {
  it("gives admin and inspectors everything, conduct complaints included", () => {
    expect(ledgerScope(user({ role: "inspector" }), {}, index)).toEqual({
      villages: null,
      department: null,
      status: null,
      includeDiscipline: true,
    });
  });

  it("keeps a leader to their villages, and refuses another", () => {
    const leader = user({ role: "leader", villageIds: ["meijing", "doumen"] });
    expect(ledgerScope(leader, {}, index).villages).toEqual(new Set(["meijing", "doumen"]));
    expect(() => ledgerScope(leader, { village: "yaxi" }, index)).toThrow(
      expect.objectContaining({ code: "forbidden" }),
    );
  });

  it("keeps a cadre to their department, and names unknown ids", () => {
    const cadre = user({ role: "cadre", departmentId: "env-bureau" });
    expect(ledgerScope(cadre, {}, index).department).toBe("env-bureau");
    expect(() => ledgerScope(cadre, { department: "justice" }, index)).toThrow(
      expect.objectContaining({ code: "forbidden" }),
    );
    expect(() => ledgerScope(cadre, { village: "atlantis" }, index)).toThrow(
      expect.objectContaining({ code: "validation_failed" }),
    );
  });
});

describe("seesWholeLedger", () => {
  it("is true only for admin and inspectors without a filter", () => {
    for (const role of ["admin", "inspector"] as const) {
      expect(seesWholeLedger(ledgerScope(user({ role }), {}, index))).toBe(true);
      expect(seesWholeLedger(ledgerScope(user({ role }), { village: "meijing" }, index))).toBe(
        false,
      );
      expect(
        seesWholeLedger(ledgerScope(user({ role }), { department: "env-bureau" }, index)),
      ).toBe(false);
      expect(seesWholeLedger(ledgerScope(user({ role }), { status: "answered" }, index))).toBe(
        false,
      );
    }
  });

  it("is false for leaders, heads and cadres, whatever they ask", () => {
    const leader = user({ role: "leader", villageIds: ["meijing", "doumen"] });
    expect(seesWholeLedger(ledgerScope(leader, {}, index))).toBe(false);
    for (const role of ["dept_head", "cadre"] as const) {
      const u = user({ role, departmentId: "env-bureau" });
      expect(seesWholeLedger(ledgerScope(u, {}, index))).toBe(false);
    }
  });
});
