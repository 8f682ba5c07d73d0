import { describe, expect, it } from "vitest";
import {
  dashboardHref,
  defaultPeriod,
  monthOf,
  monthSpan,
  readPeriod,
  readScope,
  scopeOptions,
} from "./dashboard-form";

// 2026-11-30 20:00 UTC is already 1 December in Shanghai.
const now = new Date("2026-11-30T20:00:00Z");
const q = (s: string) => new URLSearchParams(s);

describe("months", () => {
  it("reads the month in Asia/Shanghai and counts months across years", () => {
    expect(monthOf(now)).toBe("2026-12");
    expect(monthSpan("2025-10", "2026-03")).toBe(6);
    expect(monthSpan("2026-03", "2026-02")).toBe(0);
  });
  it("defaults to the last six months", () => {
    expect(defaultPeriod(now)).toEqual({ from: "2026-07", to: "2026-12" });
    expect(readPeriod(q(""), now)).toEqual({ from: "2026-07", to: "2026-12", problem: null });
  });
  it("takes a valid range, filling a missing end", () => {
    expect(readPeriod(q("from=2026-01&to=2026-03"), now)).toMatchObject({
      from: "2026-01",
      to: "2026-03",
      problem: null,
    });
    expect(readPeriod(q("from=2026-02"), now)).toMatchObject({ from: "2026-02", to: "2026-12" });
    expect(readPeriod(q("to=2026-03"), now)).toMatchObject({ from: "2025-10", to: "2026-03" });
  });
  it("replaces bad, reversed and too long ranges by the default, saying why", () => {
    expect(readPeriod(q("from=2026-13&to=2026-12"), now).problem).toBe("badMonth");
    expect(readPeriod(q("from=2026/01"), now).problem).toBe("badMonth");
    expect(readPeriod(q("from=2026-05&to=2026-01"), now)).toMatchObject({
      from: "2026-07",
      problem: "reversed",
    });
    expect(readPeriod(q("from=2020-01&to=2026-12"), now).problem).toBe("tooLong");
  });
});

describe("scope", () => {
  const directory = {
    villages: [
      { id: "meijing", name: "梅泾村", kind: "village", groups: [] },
      { id: "doumen", name: "陡门村", kind: "village", groups: [] },
    ],
  };
  const departments = [{ id: "env-bureau", name: "环保分局" }];
  it("reads only well-formed scopes", () => {
    expect(readScope(q("scope=town"))).toBe("town");
    expect(readScope(q("scope=village:meijing"))).toBe("village:meijing");
    expect(readScope(q("scope=person:staff-cadre"))).toBe("person:staff-cadre");
    expect(readScope(q("scope=city"))).toBe("");
    expect(readScope(q("scope=village:<x>"))).toBe("");
    expect(readScope(q("scope=villages:mine"))).toBe("villages:mine");
    expect(readScope(q("scope=villages:meijing,doumen"))).toBe("villages:meijing,doumen");
    expect(readScope(q("scope=villages:meijing,"))).toBe("");
    expect(readScope(q("scope=villages:"))).toBe("");
  });
  it("offers a leader their villages together, then each; never an id without a name", () => {
    const opts = scopeOptions(
      { role: "leader", villageIds: ["doumen", "meijing"], departmentId: null },
      directory,
      departments,
      "全镇",
      (names) => `我联系的全部村（${names}）`,
    );
    expect(opts.map((o) => [o.value, o.label])).toEqual([
      ["villages:doumen,meijing", "我联系的全部村（梅泾村、陡门村）"],
      ["village:doumen", "陡门村"],
      ["village:meijing", "梅泾村"],
    ]);
    const lone = scopeOptions(
      { role: "leader", villageIds: ["doumen", "ghost"], departmentId: null },
      directory,
      departments,
      "全镇",
    );
    expect(lone.map((o) => [o.value, o.label])).toEqual([["village:doumen", "陡门村"]]);
  });
  it("offers a department head or cadre their department", () => {
    for (const role of ["dept_head", "cadre"] as const) {
      expect(
        scopeOptions(
          { role, villageIds: [], departmentId: "env-bureau" },
          directory,
          departments,
          "全镇",
        ),
      ).toEqual([{ value: "department:env-bureau", label: "环保分局", group: "department" }]);
    }
  });
  it("offers admin and inspector the town, every village and department", () => {
    for (const role of ["admin", "inspector"] as const) {
      const opts = scopeOptions(
        { role, villageIds: [], departmentId: null },
        directory,
        departments,
        "全镇",
      );
      expect(opts.map((o) => o.value)).toEqual([
        "town",
        "village:meijing",
        "village:doumen",
        "department:env-bureau",
      ]);
    }
    expect(scopeOptions(null, directory, departments, "全镇")).toEqual([]);
  });
  it("writes links", () => {
    expect(dashboardHref("person:staff-1", "2026-01", "2026-06")).toBe(
      "/dashboard?scope=person%3Astaff-1&from=2026-01&to=2026-06",
    );
  });
});
