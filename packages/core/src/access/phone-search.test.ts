import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Concern } from "../concern/concern.js";
import type { Role, StaffUser } from "../staff/schema.js";
import { canSeePersonalData, maySearchByPhone } from "./policy.js";

const ROLES: readonly Role[] = ["admin", "leader", "dept_head", "cadre", "inspector"];
const VILLAGES = ["meijing", "doumen"];
const DEPARTMENTS = ["env-bureau", "justice"];

const userArb: fc.Arbitrary<StaffUser> = fc.record({
  id: fc.constant("u1"),
  username: fc.constant("u1"),
  name: fc.constant("某人"),
  role: fc.constantFrom(...ROLES),
  departmentId: fc.option(fc.constantFrom(...DEPARTMENTS), { nil: null }),
  villageIds: fc.subarray(VILLAGES),
}) as fc.Arbitrary<StaffUser>;

/** As much of a concern as the contact rule reads. */
const concernArb = fc
  .record({
    villageId: fc.constantFrom(...VILLAGES),
    department: fc.constantFrom(...DEPARTMENTS),
    conduct: fc.boolean(),
  })
  .map(
    (c) =>
      ({
        villageId: c.villageId,
        routing: {
          department: { id: c.department, name: c.department },
          visibility: c.conduct ? "discipline" : "standard",
          contactLeader: { id: "l", name: "l" },
          groupHolder: null,
        },
      }) as unknown as Concern,
  );

describe("maySearchByPhone", () => {
  it("is refused exactly to those the contact rule never shows a contact to", () => {
    fc.assert(
      fc.property(userArb, fc.array(concernArb, { minLength: 12, maxLength: 12 }), (user, cs) => {
        // Refused: no concern's contact is theirs to see. Allowed: some concern's can be.
        if (!maySearchByPhone(user)) {
          expect(cs.some((c) => canSeePersonalData(user, c))).toBe(false);
        }
      }),
    );
  });

  it("reads the role and the account's place", () => {
    const u = (role: Role, departmentId: string | null, villageIds: string[] = []) =>
      ({ role, departmentId, villageIds }) as StaffUser;
    expect(maySearchByPhone(u("admin", null))).toBe(true);
    expect(maySearchByPhone(u("inspector", "discipline"))).toBe(true);
    expect(maySearchByPhone(u("cadre", "env-bureau"))).toBe(true);
    expect(maySearchByPhone(u("cadre", null))).toBe(false);
    expect(maySearchByPhone(u("dept_head", null))).toBe(false);
    expect(maySearchByPhone(u("leader", null, ["meijing"]))).toBe(true);
    expect(maySearchByPhone(u("leader", null))).toBe(false);
  });
});
