import { describe, expect, it } from "vitest";
import type { StaffUser } from "../staff/schema.js";
import {
  backlogByAge,
  dashboardScopeValue,
  defaultDashboardScope,
  mayViewDashboard,
  parseDashboardScope,
} from "./dashboard-scope.js";

const user = (over: Partial<StaffUser>): StaffUser =>
  ({
    id: "u1",
    username: "u1",
    name: "某人",
    role: "cadre",
    departmentId: null,
    villageIds: [],
    ...over,
  }) as StaffUser;

describe("dashboard scopes", () => {
  it("lets inspectors and admin see the town, leaders their villages, departments their own", () => {
    const town = { kind: "town" } as const;
    expect(mayViewDashboard(user({ role: "inspector" }), town)).toBe(true);
    expect(mayViewDashboard(user({ role: "leader", villageIds: ["meijing"] }), town)).toBe(false);
    const leader = user({ role: "leader", villageIds: ["meijing"], departmentId: "env-bureau" });
    expect(mayViewDashboard(leader, { kind: "village", id: "meijing" })).toBe(true);
    expect(mayViewDashboard(leader, { kind: "village", id: "yaxi" })).toBe(false);
    expect(mayViewDashboard(leader, { kind: "department", id: "env-bureau" })).toBe(false);
    const head = user({ role: "dept_head", departmentId: "env-bureau" });
    expect(mayViewDashboard(head, { kind: "department", id: "env-bureau" })).toBe(true);
    expect(mayViewDashboard(head, { kind: "department", id: "justice" })).toBe(false);
    expect(mayViewDashboard(head, { kind: "person", id: "u1" })).toBe(true);
    expect(mayViewDashboard(head, { kind: "person", id: "u2" })).toBe(false);
  });

  it("lands each role on the widest dashboard it may see", () => {
    expect(defaultDashboardScope(user({ role: "admin" }))).toEqual({ kind: "town" });
    expect(
      defaultDashboardScope(user({ role: "leader", villageIds: ["yaxi", "meijing"] })),
    ).toEqual({ kind: "villages", ids: ["yaxi", "meijing"] });
    expect(defaultDashboardScope(user({ role: "leader", villageIds: ["yaxi"] }))).toEqual({
      kind: "village",
      id: "yaxi",
    });
    expect(defaultDashboardScope(user({ departmentId: "env-bureau" }))).toEqual({
      kind: "department",
      id: "env-bureau",
    });
    expect(defaultDashboardScope(user({}))).toEqual({ kind: "person", id: "u1" });
  });
});

describe("several villages together", () => {
  const leader = user({ role: "leader", villageIds: ["meijing", "doumen"] });

  it("reads villages:mine as the user's contact villages and a list as given", () => {
    expect(parseDashboardScope("villages:mine", leader)).toEqual({
      kind: "villages",
      ids: ["meijing", "doumen"],
    });
    expect(parseDashboardScope("villages:doumen,yaxi", leader)).toEqual({
      kind: "villages",
      ids: ["doumen", "yaxi"],
    });
    expect(parseDashboardScope("villages:doumen", leader)).toEqual({
      kind: "village",
      id: "doumen",
    });
    expect(parseDashboardScope("town", leader)).toEqual({ kind: "town" });
    expect(parseDashboardScope("person:u1", leader)).toEqual({ kind: "person", id: "u1" });
  });

  it("refuses malformed scopes", () => {
    for (const raw of ["", "villages:", "villages:a,a", "villages:A", "region:x", "village:"]) {
      expect(parseDashboardScope(raw, leader), raw).toBeNull();
    }
    expect(parseDashboardScope("villages:mine", user({}))).toBeNull();
  });

  it("lets a leader see only lists of their own villages; admin and inspectors any", () => {
    expect(mayViewDashboard(leader, { kind: "villages", ids: ["meijing", "doumen"] })).toBe(true);
    expect(mayViewDashboard(leader, { kind: "villages", ids: ["meijing", "yaxi"] })).toBe(false);
    expect(mayViewDashboard(leader, { kind: "villages", ids: [] })).toBe(false);
    const inspector = user({ role: "inspector" });
    expect(mayViewDashboard(inspector, { kind: "villages", ids: ["meijing", "yaxi"] })).toBe(true);
    expect(mayViewDashboard(user({ role: "admin" }), { kind: "villages", ids: ["yaxi"] })).toBe(
      true,
    );
    const head = user({ role: "dept_head", departmentId: "env-bureau" });
    expect(mayViewDashboard(head, { kind: "villages", ids: ["meijing"] })).toBe(false);
  });

  it("writes a scope back as the address does", () => {
    expect(dashboardScopeValue({ kind: "villages", ids: ["meijing", "doumen"] })).toBe(
      "villages:meijing,doumen",
    );
    expect(dashboardScopeValue({ kind: "town" })).toBe("town");
    expect(dashboardScopeValue({ kind: "department", id: "env-bureau" })).toBe(
      "department:env-bureau",
    );
  });
});

describe("backlog by age", () => {
  it("puts every open concern in exactly one bucket, bounds to the upper bucket", () => {
    const now = new Date("2026-11-27T00:00:00Z");
    const ago = (days: number) => ({
      createdAt: new Date(now.getTime() - days * 86_400_000).toISOString(),
    });
    const open = [ago(0.5), ago(1), ago(2.9), ago(3), ago(7), ago(14.99), ago(15), ago(400)];
    expect(backlogByAge(open, now)).toEqual([
      { bucket: "lt1d", count: 1 },
      { bucket: "1to3d", count: 2 },
      { bucket: "3to7d", count: 1 },
      { bucket: "7to15d", count: 2 },
      { bucket: "gt15d", count: 2 },
    ]);
  });
});
