import { describe, expect, it } from "vitest";
import type { StaffUser } from "../staff/schema.js";
import { periodFigureLink, presentFigureLink, receivedLink } from "./dashboard-links.js";
import type { DashboardScope } from "./dashboard-scope.js";

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

describe("dashboard figure links", () => {
  const leader = user({ role: "leader", villageIds: ["meijing", "doumen"] });
  const villages: DashboardScope = { kind: "villages", ids: ["meijing", "doumen"] };

  it("opens a leader's own queue narrowed to the scope's villages", () => {
    expect(presentFigureLink(leader, villages, "overdueNow")).toEqual({
      path: "/",
      query: { village: "meijing,doumen", overdue: "true" },
    });
    expect(presentFigureLink(leader, villages, "awaitingRating")).toEqual({
      path: "/",
      query: { village: "meijing,doumen", status: "answered", rating: "unrated" },
    });
  });

  it("opens the town's whole queue for admin, by department or assignee", () => {
    const admin = user({ role: "admin" });
    expect(presentFigureLink(admin, { kind: "town" }, "backlog")).toEqual({
      path: "/all",
      query: {},
    });
    expect(
      presentFigureLink(admin, { kind: "department", id: "env-bureau" }, "supervised"),
    ).toEqual({ path: "/all", query: { department: "env-bureau", supervised: "true" } });
    expect(presentFigureLink(admin, { kind: "person", id: "u9" }, "backlog").query).toEqual({
      assignee: "u9",
    });
  });

  it("lists the period's registrations by date and its events by the period index", () => {
    expect(receivedLink(leader, villages, { from: "2026-01", to: "2026-02" }).query).toMatchObject({
      from: "2026-01-01",
      to: "2026-02-28",
      status: "open,answered,closed",
    });
    expect(receivedLink(leader, villages, { from: "2028-02", to: "2028-02" }).query.to).toBe(
      "2028-02-29",
    );
    expect(periodFigureLink(villages, "closed", { from: "2026-07", to: "2026-12" })).toEqual({
      path: "/dashboard/events",
      query: { fact: "closed", scope: "villages:meijing,doumen", from: "2026-07", to: "2026-12" },
    });
  });
});
