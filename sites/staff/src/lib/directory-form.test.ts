import { describe, expect, it } from "vitest";
import { fieldErrorsFor, inputId, readDirectoryForm } from "./directory-form";

const form = (entries: Array<[string, string]>) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

describe("directory forms", () => {
  it("reads a village with its groups, skipping empty rows", () => {
    const body = readDirectoryForm(
      "villages",
      form([
        ["name", " 梅泾村 "],
        ["kind", "village"],
        ["contactLeaderId", "wang-jianguo"],
        ["groupId", "meijing-01"],
        ["groupName", "倪巷组"],
        ["groupId", ""],
        ["groupName", ""],
      ]),
    );
    expect(body).toEqual({
      name: "梅泾村",
      kind: "village",
      contactLeaderId: "wang-jianguo",
      centre: null,
      groups: [{ id: "meijing-01", name: "倪巷组" }],
    });
  });

  it("reads a village's centre: numbers, none when both are empty, else as typed", () => {
    const centre = (lat: string, long: string) =>
      readDirectoryForm(
        "villages",
        form([
          ["name", "梅泾村"],
          ["centre.lat", lat],
          ["centre.long", long],
        ]),
      ).centre;
    expect(centre(" 31.6556 ", "120.1873")).toEqual({ lat: 31.6556, long: 120.1873 });
    expect(centre("", "")).toBeNull();
    expect(centre("31.6", "east")).toEqual({ lat: 31.6, long: "east" });
    expect(centre("31.6", "")).toEqual({ lat: 31.6, long: "" });
  });

  it("reads a category's limits and overrides", () => {
    const body = readDirectoryForm(
      "categories",
      form([
        ["name", "道路"],
        ["villageOverrides", "park=park-construction\nxinhe = property"],
        ["limits.signFor.amount", "4"],
        ["limits.signFor.unit", "hours"],
        ["limits.respond.amount", "x"],
        ["conductComplaint", "on"],
        ["urgent", "on"],
      ]),
    );
    expect(body.villageOverrides).toEqual({ park: "park-construction", xinhe: "property" });
    expect(body.limits).toMatchObject({
      signFor: { amount: 4, unit: "hours" },
      respond: { amount: "x" },
    });
    expect(body.conductComplaint).toBe(true);
    expect(body.urgent).toBe(true);
    expect(body.departmentId).toBeNull();
  });

  it("reads the urgent and conduct checkboxes as false when unticked", () => {
    const body = readDirectoryForm("categories", form([["name", "道路"]]));
    expect(body).toMatchObject({ urgent: false, conductComplaint: false });
  });

  it("ties API field errors to inputs by name or prefix", () => {
    const { errors, loose } = fieldErrorsFor(
      { "head.id": "没有", "limits.signFor.amount": "太大", "groups.x.holderId": "无", body: "?" },
      ["head.id", "limits.signFor.amount", "groups"],
    );
    expect(errors).toEqual({ "head.id": "没有", "limits.signFor.amount": "太大", groups: "无" });
    expect(loose).toEqual(["?"]);
    expect(inputId("limits.signFor.amount")).toBe("f-limits-signFor-amount");
  });
});
