import { describe, expect, it } from "vitest";
import { buildDemoDirectory } from "../directory/demo-directory.js";
import { indexDirectory } from "../directory/lookup.js";
import { RoutingReason, routeConcern } from "./route-concern.js";

const index = indexDirectory(buildDemoDirectory());
const route = (villageId: string, categoryCode: string, groupId: string | null = null) => {
  const village = index.village(villageId);
  const category = index.category(categoryCode);
  if (!village || !category) throw new Error("fixture");
  return routeConcern(index, village, category, groupId);
};

describe("routeConcern", () => {
  it("routes 梅泾村's smelly creek to 环保分局 with the village's contact leader", () => {
    const r = route("meijing", "environment");
    expect(r.status).toBe("assigned");
    expect(r.department.name).toBe("环保分局");
    const meijing = index.village("meijing");
    expect(r.contactLeader.id).toBe(meijing?.contactLeaderId);
    expect(r.visibility).toBe("standard");
    expect(r.reasons).toEqual([RoutingReason.contactLeader, RoutingReason.categoryDefault]);
  });

  it("applies a village override: the park's street lights go to the park's construction office", () => {
    const r = route("park", "roads_lighting");
    expect(r.department.id).toBe("park-construction");
    expect(r.contactLeader.name).toBe(
      index.leader(index.village("park")?.contactLeaderId ?? "")?.name,
    );
    expect(r.reasons).toContain(RoutingReason.villageOverride);
    expect(route("doumen", "roads_lighting").department.id).toBe("urban-management");
  });

  it("names the villager group's contracting department head", () => {
    const village = index.village("meijing");
    const group = village?.groups[0];
    const r = route("meijing", "agriculture", group?.id ?? null);
    const head = index.directory.departments.find((d) => d.head.id === group?.holderId)?.head;
    expect(r.groupHolder).toEqual({ id: head?.id, name: head?.name });
    expect(r.reasons).toContain(RoutingReason.groupHolder);
  });

  it("sends conduct complaints to the discipline commission, restricted", () => {
    const r = route("qinxiang", "cadre_conduct");
    expect(r.department.name).toBe("纪委");
    expect(r.visibility).toBe("discipline");
    expect(r.reasons).toContain(RoutingReason.conductComplaint);
  });

  it("puts what no rule routes into the town office's triage queue", () => {
    const r = route("yaxi", "other");
    expect(r.status).toBe("triage");
    expect(r.department.name).toBe("党政办");
    expect(r.reasons).toContain(RoutingReason.noRule);
  });

  it("falls back to triage when a rule names a department that no longer exists", () => {
    const directory = buildDemoDirectory();
    const env = directory.categories.find((c) => c.code === "environment");
    if (env) env.departmentId = "gone";
    const broken = indexDirectory(directory);
    const village = broken.village("meijing");
    const category = broken.category("environment");
    if (!village || !category) throw new Error("fixture");
    const r = routeConcern(broken, village, category, null);
    expect(r.status).toBe("triage");
    expect(r.reasons).toContain(RoutingReason.unknownDepartment);
  });
});
