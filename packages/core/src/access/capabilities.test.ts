import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildDemoDirectory } from "../directory/demo-directory.js";
import { indexDirectory } from "../directory/lookup.js";
import { DomainError } from "../errors.js";
import { ledgerScope } from "../ledger/export-scope.js";
import type { Role } from "../staff/schema.js";
import {
  CAPABILITIES,
  type Capability,
  type CapabilityScope,
  type CapabilityUser,
  may,
} from "./capabilities.js";

const ROLES: readonly Role[] = ["admin", "leader", "dept_head", "cadre", "inspector"];

/** Small pools, so that users and scopes often name the same village, department, person. */
const VILLAGES = ["meijing", "yaxi", "doumen"];
const DEPARTMENTS = ["env-bureau", "justice", "discipline"];
const PEOPLE = ["u1", "u2", "u3"];

const userArb: fc.Arbitrary<CapabilityUser> = fc.record({
  id: fc.constantFrom(...PEOPLE),
  role: fc.constantFrom(...ROLES),
  departmentId: fc.option(fc.constantFrom(...DEPARTMENTS), { nil: null }),
  villageIds: fc.subarray(VILLAGES),
});
const scopeArb: fc.Arbitrary<CapabilityScope> = fc.oneof(
  fc.constantFrom(...VILLAGES).map((villageId) => ({ villageId })),
  fc.constantFrom(...DEPARTMENTS).map((departmentId) => ({ departmentId })),
  fc.constantFrom(...PEOPLE).map((personId) => ({ personId })),
);
const capabilityArb = fc.constantFrom(...CAPABILITIES);

const user = (role: Role, over: Partial<CapabilityUser> = {}): CapabilityUser => ({
  id: "u1",
  role,
  departmentId: null,
  villageIds: [],
  ...over,
});

describe("the capability list", () => {
  it("names each capability once", () => {
    expect(new Set(CAPABILITIES).size).toBe(CAPABILITIES.length);
    for (const c of CAPABILITIES) expect(c).toMatch(/^[a-z0-9_]+\.[a-z_]+$/);
  });

  it("grants each role what it grants (unscoped)", () => {
    const granted = (role: Role) => CAPABILITIES.filter((c) => may(user(role), c));
    const readers: Capability[] = [
      "queue.all",
      "notice.read",
      "access_log.read",
      "directory.read",
      "audit.read",
      "account.read",
      "calendar.read",
      "party_member.read",
      "inspection.read",
    ];
    const everyone: Capability[] = [
      "concern.register",
      "concern.search",
      "inbox.read",
      "dashboard.read",
      "ledger.export",
      "field_log.create",
      "field_log.read",
      "quarterly_report.read",
      "rotation.read",
    ];
    expect(CAPABILITIES.filter((c) => !may(user("admin"), c))).toEqual(["commission_inbox.read"]);
    expect(granted("inspector").sort()).toEqual(
      [
        ...everyone,
        ...readers,
        "commission_inbox.read",
        "department_figures.read",
        "compliance.read",
        "member_report.read",
        "annual_assessment.read",
        "reply_template.read",
      ].sort(),
    );
    expect(granted("leader").sort()).toEqual(
      [
        ...everyone,
        "compliance.read",
        "annual_assessment.read",
        "service_day.schedule",
        "call_back.record",
      ].sort(),
    );
    expect(granted("dept_head").sort()).toEqual(
      [
        ...everyone,
        "department_figures.read",
        "compliance.read",
        "member_report.read",
        "service_day.schedule",
        "department_staff.read",
        "call_back.record",
        "reply_template.read",
        "quarterly_draft.write",
      ].sort(),
    );
    expect(granted("cadre").sort()).toEqual(
      [
        ...everyone,
        "department_figures.read",
        "department_staff.read",
        "call_back.record",
        "reply_template.read",
      ].sort(),
    );
  });
});

describe("scopes", () => {
  it("narrow field logs to a leader's villages and a head's department", () => {
    const leader = user("leader", { villageIds: ["meijing"], departmentId: "env-bureau" });
    expect(may(leader, "field_log.read", { villageId: "meijing" })).toBe(true);
    expect(may(leader, "field_log.read", { villageId: "yaxi" })).toBe(false);
    expect(may(leader, "field_log.read", { departmentId: "env-bureau" })).toBe(false);
    const head = user("dept_head", { departmentId: "env-bureau", villageIds: ["meijing"] });
    expect(may(head, "field_log.read", { departmentId: "env-bureau" })).toBe(true);
    expect(may(head, "field_log.read", { departmentId: "justice" })).toBe(false);
    expect(may(head, "field_log.read", { villageId: "meijing" })).toBe(false);
    const cadre = user("cadre", { departmentId: "env-bureau" });
    expect(may(cadre, "field_log.read", { departmentId: "env-bureau" })).toBe(false);
    expect(may(cadre, "field_log.read", { personId: "u1" })).toBe(true);
    expect(may(user("inspector"), "field_log.read", { villageId: "yaxi" })).toBe(true);
  });

  it("keep the ledger's villages to leaders' own, its departments to heads' and cadres' own", () => {
    const leader = user("leader", { villageIds: ["meijing"] });
    expect(may(leader, "ledger.export", { villageId: "meijing" })).toBe(true);
    expect(may(leader, "ledger.export", { villageId: "yaxi" })).toBe(false);
    expect(may(leader, "ledger.export", { departmentId: "justice" })).toBe(true);
    const cadre = user("cadre", { departmentId: "env-bureau" });
    expect(may(cadre, "ledger.export", { villageId: "yaxi" })).toBe(true);
    expect(may(cadre, "ledger.export", { departmentId: "env-bureau" })).toBe(true);
    expect(may(cadre, "ledger.export", { departmentId: "justice" })).toBe(false);
  });

  it("give heads their department's staff and members' reports, cadres only its staff", () => {
    const head = user("dept_head", { departmentId: "env-bureau" });
    const cadre = user("cadre", { departmentId: "env-bureau" });
    expect(may(head, "department_staff.read", { departmentId: "env-bureau" })).toBe(true);
    expect(may(cadre, "department_staff.read", { departmentId: "env-bureau" })).toBe(true);
    expect(may(cadre, "department_staff.read", { departmentId: "justice" })).toBe(false);
    expect(may(user("inspector"), "department_staff.read", { departmentId: "justice" })).toBe(
      false,
    );
    expect(may(head, "member_report.read", { departmentId: "env-bureau" })).toBe(true);
    expect(may(head, "member_report.read", { departmentId: "justice" })).toBe(false);
    expect(may(cadre, "member_report.read", { departmentId: "env-bureau" })).toBe(false);
    expect(may(cadre, "department_figures.read", { departmentId: "env-bureau" })).toBe(true);
    const leader = user("leader", { departmentId: "env-bureau" });
    expect(may(leader, "department_figures.read", { departmentId: "env-bureau" })).toBe(false);
  });

  it("never widen a grant", () => {
    fc.assert(
      fc.property(userArb, capabilityArb, scopeArb, (u, c, s) => !may(u, c, s) || may(u, c)),
    );
  });

  it("do not narrow admin's and inspectors' grants", () => {
    fc.assert(
      fc.property(userArb, capabilityArb, scopeArb, (u, c, s) => {
        if (u.role !== "admin" && u.role !== "inspector") return true;
        return may(u, c, s) === may(u, c);
      }),
    );
  });

  it("leave the unscoped answer to the role alone", () => {
    fc.assert(
      fc.property(userArb, userArb, capabilityArb, (a, b, c) => {
        return may(a, c) === may({ ...b, role: a.role }, c);
      }),
    );
  });
});

/**
 * The checks the use cases made inline before they asked `may()`, written out as they were:
 * each must give the same answer for every user and place.
 */
describe("the use cases' former checks", () => {
  const wide = (u: CapabilityUser) => u.role === "admin" || u.role === "inspector";
  const same = (
    before: (u: CapabilityUser, id: string) => boolean,
    after: (u: CapabilityUser, id: string) => boolean,
    ids: string[],
  ) =>
    fc.assert(
      fc.property(userArb, fc.constantFrom(...ids), (u, id) => before(u, id) === after(u, id)),
    );

  it("field logs of a village or a department", () => {
    same(
      (u, v) => wide(u) || (u.role === "leader" && u.villageIds.includes(v)),
      (u, v) => may(u, "field_log.read", { villageId: v }),
      VILLAGES,
    );
    same(
      (u, d) => wide(u) || (u.role === "dept_head" && u.departmentId === d),
      (u, d) => may(u, "field_log.read", { departmentId: d }),
      DEPARTMENTS,
    );
  });

  it("a department's quarterly report, a member's, compliance, the annual assessment", () => {
    same(
      (u, d) => wide(u) || (u.departmentId === d && u.role !== "leader"),
      (u, d) => may(u, "department_figures.read", { departmentId: d }),
      DEPARTMENTS,
    );
    same(
      (u, d) => wide(u) || (u.role === "dept_head" && u.departmentId === d),
      (u, d) => may(u, "member_report.read", { departmentId: d }),
      DEPARTMENTS,
    );
    same(
      (u) => wide(u) || u.role === "leader" || u.role === "dept_head",
      (u) => may(u, "compliance.read"),
      [""],
    );
    same(
      (u) => wide(u) || u.role === "leader",
      (u) => may(u, "annual_assessment.read"),
      [""],
    );
  });

  it("a department's staff", () => {
    same(
      (u, d) =>
        (u.departmentId === d && (u.role === "dept_head" || u.role === "cadre")) ||
        u.role === "admin",
      (u, d) => may(u, "department_staff.read", { departmentId: d }),
      DEPARTMENTS,
    );
  });

  it("service days", () => {
    same(
      (u) => u.role === "admin" || u.role === "leader" || u.role === "dept_head",
      (u) => may(u, "service_day.schedule"),
      [""],
    );
    same(
      (u) => u.role === "admin",
      (u) => may(u, "service_day.manage_all"),
      [""],
    );
  });

  it("the dashboard's village, department and person scopes", () => {
    same(
      (u, v) => wide(u) || (u.role === "leader" && u.villageIds.includes(v)),
      (u, v) => may(u, "dashboard.read", { villageId: v }),
      VILLAGES,
    );
    same(
      (u, d) => wide(u) || (u.role !== "leader" && u.departmentId === d),
      (u, d) => may(u, "dashboard.read", { departmentId: d }),
      DEPARTMENTS,
    );
    same(
      (u, p) => wide(u) || u.id === p,
      (u, p) => may(u, "dashboard.read", { personId: p }),
      PEOPLE,
    );
  });

  it("admin alone, admin and inspectors, inspectors alone", () => {
    const adminOnly: Capability[] = [
      "directory.edit",
      "account.manage",
      "staff_phone.read",
      "password.reset",
      "calendar.edit",
      "category.edit",
      "open311_key.manage",
      "reply_template.manage",
      "rotation.plan",
      "party_member.manage",
      "notice.publish",
    ];
    const readers: Capability[] = [
      "directory.read",
      "audit.read",
      "account.read",
      "access_log.read",
      "calendar.read",
      "party_member.read",
      "notice.read",
      "inspection.read",
    ];
    for (const c of adminOnly)
      same(
        (u) => u.role === "admin",
        (u) => may(u, c),
        [""],
      );
    for (const c of readers) same(wide, (u) => may(u, c), [""]);
    same(
      (u) => u.role === "inspector",
      (u) => may(u, "commission_inbox.read"),
      [""],
    );
  });
});

describe("the ledger export's scope (core ledgerScope) agrees", () => {
  const index = indexDirectory(buildDemoDirectory());
  const villages = index.directory.villages.slice(0, 3).map((v) => v.id);
  const departments = index.directory.departments.slice(0, 3).map((d) => d.id);

  it("refuses exactly the filters outside may()'s reach", () => {
    const valid = fc
      .record({
        id: fc.constant("u1"),
        role: fc.constantFrom(...ROLES),
        departmentId: fc.constantFrom(...departments),
        villageIds: fc.subarray(villages),
      })
      .map((u) => ({ ...u, username: u.id, name: "某人" }));
    fc.assert(
      fc.property(
        valid,
        fc.option(fc.constantFrom(...villages), { nil: undefined }),
        fc.option(fc.constantFrom(...departments), { nil: undefined }),
        (u, village, department) => {
          const allowed =
            (!village || may(u, "ledger.export", { villageId: village })) &&
            (!department || may(u, "ledger.export", { departmentId: department }));
          let refused = false;
          try {
            ledgerScope(u, { village, department }, index);
          } catch (error) {
            if (!(error instanceof DomainError) || error.code !== "forbidden") throw error;
            refused = true;
          }
          return refused === !allowed;
        },
      ),
    );
  });
});
