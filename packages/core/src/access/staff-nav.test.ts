import { describe, expect, it } from "vitest";
import type { Role } from "../staff/schema.js";
import { navFor } from "./staff-nav.js";

const userOf = (role: Role) => ({ id: "u1", role, departmentId: "env-bureau", villageIds: [] });

describe("navFor", () => {
  const hrefs = (r: Role | null) => navFor(r ? userOf(r) : null).map((i) => i.href);
  it("shows links by role", () => {
    expect(hrefs("admin")).toEqual([
      "/",
      "/search",
      "/triage",
      "/all",
      "/notices",
      "/access-log",
      "/calendar",
      "/categories",
      "/directory",
      "/password-reset",
      "/open311-keys",
      "/reply-templates",
      "/concerns/new",
      "/dashboard",
      "/inbox",
      "/call-backs",
      "/sms",
      "/ledger",
      "/rotation",
      "/service-days",
      "/party-members",
      "/field-logs",
      "/compliance",
      "/reports/quarterly",
      "/reports/annual",
      "/inspection",
    ]);
    expect(hrefs("inspector")).toEqual([
      "/",
      "/search",
      "/all",
      "/access-log",
      "/calendar",
      "/directory",
      "/concerns/new",
      "/dashboard",
      "/inbox",
      "/ledger",
      "/rotation",
      "/party-members",
      "/field-logs",
      "/compliance",
      "/reports/quarterly",
      "/reports/annual",
      "/inspection",
    ]);
    expect(hrefs("cadre")).toEqual([
      "/",
      "/search",
      "/concerns/new",
      "/dashboard",
      "/inbox",
      "/call-backs",
      "/ledger",
      "/rotation",
      "/field-logs",
      "/reports/quarterly",
    ]);
    expect(hrefs(null)).toEqual(["/"]);
  });

  it("shows leaders and heads their field work and service days", () => {
    const grid = ["/concerns/new", "/dashboard", "/inbox", "/call-backs", "/ledger", "/rotation"];
    expect(hrefs("leader")).toEqual([
      "/",
      "/search",
      ...grid,
      "/service-days",
      "/field-logs",
      "/compliance",
      "/reports/quarterly",
      "/reports/annual",
    ]);
    expect(hrefs("dept_head")).toEqual([
      "/",
      "/search",
      ...grid,
      "/service-days",
      "/field-logs",
      "/compliance",
      "/reports/quarterly",
    ]);
  });
});
