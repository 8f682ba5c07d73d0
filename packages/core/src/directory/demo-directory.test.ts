import { describe, expect, it } from "vitest";
import { buildDemoDirectory } from "./demo-directory.js";
import { indexDirectory } from "./lookup.js";
import { Directory } from "./schema.js";

const directory = buildDemoDirectory();

describe("demo directory", () => {
  it("matches its own schema", () => {
    expect(() => Directory.parse(directory)).not.toThrow();
  });

  it("has the town's 25 villages and communities plus the park", () => {
    const kinds = directory.villages.map((v) => v.kind);
    expect(kinds.filter((k) => k !== "park")).toHaveLength(25);
    expect(kinds.filter((k) => k === "park")).toHaveLength(1);
    const names = directory.villages.map((v) => v.name);
    for (const named of ["梅泾村", "陡门村", "秦巷村", "雅西社区"]) expect(names).toContain(named);
    expect(directory.villages.flatMap((v) => v.groups.map((g) => g.name))).toContain("新河花苑");
  });

  it("gives the 26 contact areas to 17 leaders, one or two each; the park to its director", () => {
    expect(directory.leaders).toHaveLength(17);
    const held = new Map<string, number>();
    for (const v of directory.villages)
      held.set(v.contactLeaderId, (held.get(v.contactLeaderId) ?? 0) + 1);
    expect(held.size).toBe(17);
    for (const count of held.values()) expect([1, 2]).toContain(count);
    const park = directory.villages.find((v) => v.kind === "park");
    expect(directory.leaders.find((l) => l.id === park?.contactLeaderId)?.title).toBe("园区主任");
  });

  it("pairs each of 46 departments with one existing area, and every area has one", () => {
    expect(directory.departments).toHaveLength(46);
    const areaIds = new Set(directory.villages.map((v) => v.id));
    for (const d of directory.departments) expect(areaIds.has(d.pairedVillageId)).toBe(true);
    const paired = new Set(directory.departments.map((d) => d.pairedVillageId));
    expect(paired.size).toBe(areaIds.size);
  });

  it("lets every group be held by a head of a department paired with its village", () => {
    const index = indexDirectory(directory);
    for (const v of directory.villages) {
      for (const g of v.groups) {
        const holder = directory.departments.find((d) => d.head.id === g.holderId);
        expect(holder?.pairedVillageId, `${v.name} ${g.name}`).toBe(v.id);
      }
    }
    expect(index.triageOffice().name).toBe("党政办");
    expect(index.disciplineCommission().name).toBe("纪委");
  });

  it("has about a dozen categories whose departments exist; partners are not departments", () => {
    expect(directory.categories.length).toBeGreaterThanOrEqual(12);
    const departments = new Set(directory.departments.map((d) => d.id));
    for (const c of directory.categories) {
      if (c.departmentId) expect(departments.has(c.departmentId)).toBe(true);
      for (const id of Object.values(c.villageOverrides)) expect(departments.has(id)).toBe(true);
    }
    for (const p of directory.partners) expect(departments.has(p.id)).toBe(false);
    expect(directory.partners.map((p) => p.name)).toEqual(
      expect.arrayContaining(["洛安能源", "国家电网"]),
    );
  });
});
