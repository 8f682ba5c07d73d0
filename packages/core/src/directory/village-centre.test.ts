import { describe, expect, it } from "vitest";
import { putVillage } from "./admin.js";
import { buildDemoDirectory } from "./demo-directory.js";
import {
  DIRECTORY_SHEETS,
  directoryRows,
  type ImportSheets,
  parseCentre,
  planDirectoryImport,
  SHEET_KEYS,
} from "./import.js";

const NOW = "2026-11-27T00:00:00.000Z";
const directory = buildDemoDirectory();

function sheets(edit: (rows: ReturnType<typeof directoryRows>) => void, dropCentre = false) {
  const rows = directoryRows(directory, []);
  edit(rows);
  const out: ImportSheets = {};
  for (const key of SHEET_KEYS) {
    out[key] = {
      headers: DIRECTORY_SHEETS[key].columns
        .filter((c) => !(dropCentre && c.key === "centre"))
        .map((c) => c.header),
      rows: rows[key].map((values, i) => ({ row: i + 2, values })),
    };
  }
  return out;
}
const villageRow = (rows: ReturnType<typeof directoryRows>, id: string) => {
  const row = rows.villages.find((v) => v.id === id);
  if (!row) throw new Error(`no ${id}`);
  return row;
};

describe("a village's centre", () => {
  it("the demo has a few, around 洛社", () => {
    const meijing = directory.villages.find((v) => v.id === "meijing");
    expect(meijing?.centre?.lat).toBeCloseTo(31.66, 1);
    expect(directory.villages.find((v) => v.id === "doumen")?.centre).toBeUndefined();
  });

  it("reads lat,long from a cell", () => {
    expect(parseCentre("31.64,120.2")).toEqual({ lat: 31.64, long: 120.2 });
    expect(parseCentre(" 31.64， 120.2 ")).toEqual({ lat: 31.64, long: 120.2 });
    expect(parseCentre("31.64 120.2")).toEqual({ lat: 31.64, long: 120.2 });
    expect(parseCentre("")).toBeUndefined();
    for (const bad of ["31.64", "120.2,31.64,1", "91,120", "31.64,abc", "1e1,120"]) {
      expect(parseCentre(bad), bad).toBeNull();
    }
  });

  it("round-trips the xlsx export, and is set, cleared or refused by import", () => {
    expect(
      planDirectoryImport(
        sheets(() => {}),
        { directory, accounts: [] },
        NOW,
      ).changed,
    ).toEqual([]);
    const set = planDirectoryImport(
      sheets((rows) => {
        villageRow(rows, "doumen").centre = "31.65,120.19";
        villageRow(rows, "meijing").centre = "";
      }),
      { directory, accounts: [] },
      NOW,
    );
    expect(set.rejected).toEqual([]);
    const doumen = set.directory.villages.find((v) => v.id === "doumen");
    expect(doumen?.centre).toEqual({ lat: 31.65, long: 120.19 });
    expect(set.directory.villages.find((v) => v.id === "meijing")?.centre).toBeUndefined();

    const bad = planDirectoryImport(
      sheets((rows) => {
        villageRow(rows, "doumen").centre = "north of the bridge";
      }),
      { directory, accounts: [] },
      NOW,
    );
    expect(bad.rejected).toMatchObject([{ column: "中心点（纬度,经度）" }]);
  });

  it("a file without the column keeps the centres", () => {
    const kept = planDirectoryImport(
      sheets((rows) => {
        for (const r of rows.villages) delete r.centre;
      }, true),
      { directory, accounts: [] },
      NOW,
    );
    expect(kept.rejected).toEqual([]);
    expect(kept.directory.villages.find((v) => v.id === "meijing")?.centre).toBeDefined();
  });

  it("admin sets, keeps (omitted) or removes (null) it", () => {
    const base = { name: "陡门村", kind: "village" as const, contactLeaderId: "" };
    const doumen = directory.villages.find((v) => v.id === "doumen");
    if (!doumen) throw new Error("fixture");
    base.contactLeaderId = doumen.contactLeaderId;
    const set = putVillage(directory, "doumen", { ...base, centre: { lat: 31.65, long: 120.19 } });
    const after = set.directory.villages.find((v) => v.id === "doumen");
    expect(after?.centre).toEqual({ lat: 31.65, long: 120.19 });
    const kept = putVillage(set.directory, "doumen", base);
    expect(kept.directory.villages.find((v) => v.id === "doumen")?.centre).toBeDefined();
    const removed = putVillage(set.directory, "doumen", { ...base, centre: null });
    expect(removed.directory.villages.find((v) => v.id === "doumen")).not.toHaveProperty("centre");
  });
});
