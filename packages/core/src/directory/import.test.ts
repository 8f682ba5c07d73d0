import { describe, expect, it } from "vitest";
import { putDepartment, putVillage, setRetired } from "./admin.js";
import { buildDemoDirectory } from "./demo-directory.js";
import {
  DIRECTORY_SHEETS,
  directoryRows,
  type ImportSheets,
  parseLimit,
  planDirectoryImport,
  type RosterAccount,
  SHEET_KEYS,
  type SheetKey,
} from "./import.js";

const NOW = "2026-11-27T00:00:00.000Z";
const directory = buildDemoDirectory();
const accounts: RosterAccount[] = [
  {
    id: "staff-admin",
    username: "admin",
    name: "党政办管理员",
    role: "admin",
    departmentId: "town-office",
    villageIds: [],
    phone: null,
    active: true,
  },
];

/** The export's rows as a workbook would give them back (header row 1, data from row 2). */
function asSheets(rows = directoryRows(directory, accounts)): ImportSheets {
  const sheets: ImportSheets = {};
  for (const key of SHEET_KEYS) {
    sheets[key] = {
      headers: DIRECTORY_SHEETS[key].columns.map((c) => c.header),
      rows: rows[key].map((values, i) => ({ row: i + 2, values })),
    };
  }
  return sheets;
}

function withRow(key: SheetKey, values: Record<string, string>, sheets = asSheets()) {
  const sheet = sheets[key];
  if (!sheet) throw new Error("fixture");
  sheet.rows.push({ row: sheet.rows.length + 2, values });
  return { sheets, row: sheet.rows.length + 1 };
}

const plan = (sheets: ImportSheets) => planDirectoryImport(sheets, { directory, accounts }, NOW);

describe("directory import", () => {
  it("round-trips the export: nothing rejected, nothing changed", () => {
    const p = plan(asSheets());
    expect(p.rejected).toEqual([]);
    expect(p.changed).toEqual([]);
    expect(p.accountChanges).toEqual([]);
    expect(p.changes.villages).toEqual({ created: 0, updated: 0, unchanged: 26 });
    expect(p.changes.departments.unchanged).toBe(46);
    expect(p.changes.categories.unchanged).toBe(directory.categories.length);
    expect(p.directory).toEqual(directory);
  });

  it("creates and updates, counting each", () => {
    const rows = directoryRows(directory, accounts);
    (rows.villages[0] as Record<string, string>).name = "梅泾新村";
    rows.villages.push({
      id: "new-village",
      name: "新村",
      kind: "村",
      contactLeaderId: "li-ming",
      retired: "",
    });
    rows.groups.push({
      id: "new-village-01",
      villageId: "new-village",
      name: "一组",
      holderId: "",
    });
    const p = plan(asSheets(rows));
    expect(p.rejected).toEqual([]);
    expect(p.changes.villages).toEqual({ created: 1, updated: 1, unchanged: 25 });
    expect(p.changes.groups.created).toBe(1);
    expect(p.directory.villages.find((v) => v.id === "new-village")?.groups).toHaveLength(1);
  });

  it("reports each kind of bad row with its row number", () => {
    let s = withRow("groups", { id: "ghost-01", villageId: "ghost", name: "鬼组" });
    const unknownVillage = s.row;
    const dup = withRow("leaders", { id: "li-ming", name: "李明", title: "镇长" }, s.sheets);
    s = dup;
    const missingName = withRow(
      "departments",
      {
        id: "new-dept",
        name: "",
        nameEn: "New",
        kind: "部门",
        headId: "new-dept-head",
        headName: "某某",
        pairedVillageId: "meijing",
      },
      s.sheets,
    );
    const badPhone = withRow(
      "accounts",
      { id: "staff-x", username: "xx", name: "某人", role: "管理员", phone: "12345" },
      missingName.sheets,
    );
    const badLimit = withRow(
      "categories",
      {
        code: "new_cat",
        name: "新类",
        nameEn: "New",
        signFor: "1 fortnight",
        respond: "1工作日",
        answer: "7天",
      },
      badPhone.sheets,
    );
    const p = plan(badLimit.sheets);
    const found = p.rejected.map((r) => [r.sheet, r.row, r.field]);
    expect(found).toEqual(
      expect.arrayContaining([
        ["村民小组", unknownVillage, "villageId"],
        ["领导", dup.row, "id"],
        ["部门", missingName.row, "name"],
        ["工作人员", badPhone.row, "phone"],
        ["问题类别", badLimit.row, "signFor"],
      ]),
    );
    expect(p.rejected).toHaveLength(5);
    const reason = p.rejected.find((r) => r.field === "villageId")?.reason;
    expect(reason?.["zh-CN"]).toContain("ghost");
  });

  it("reports a name with invisible controls, or of zero-width spaces only, by its row", () => {
    const rows = directoryRows(directory, accounts);
    (rows.villages[0] as Record<string, string>).name = "梅泾\u202E村";
    (rows.leaders[0] as Record<string, string>).title = "\u200B".repeat(20);
    rows.accounts.push({
      id: "staff-y",
      username: "yy",
      name: "某\u0000人",
      role: "管理员",
    });
    const p = plan(asSheets(rows));
    expect(p.rejected.map((r) => [r.sheet, r.row, r.field])).toEqual([
      ["村社区", 2, "name"],
      ["领导", 2, "title"],
      ["工作人员", rows.accounts.length + 1, "name"],
    ]);
    const [bidi, blank, control] = p.rejected;
    expect(blank?.reason["zh-CN"]).toContain("不能为空");
    expect(bidi?.reason["zh-CN"]).toContain("控制字符");
    expect(control?.reason.en).toMatch(/control/);
  });

  it("exports and imports the 紧急类别 flag; a workbook without its column keeps the flags", () => {
    const rows = directoryRows(directory, accounts);
    const row = (code: string) =>
      rows.categories.find((r) => r.code === code) as Record<string, string>;
    expect(row("safety_hazard").urgent).toBe("是");
    expect(row("environment").urgent).toBe("否");
    row("environment").urgent = "是";
    row("safety_hazard").urgent = "";
    const p = plan(asSheets(rows));
    expect(p.rejected).toEqual([]);
    const urgent = (d: typeof directory) => d.categories.filter((c) => c.urgent).map((c) => c.code);
    expect(urgent(p.directory)).toEqual(["environment"]);
    expect(p.changes.categories.updated).toBe(2);

    // An older workbook (no 紧急类别 column): every category keeps its flag.
    const old = asSheets(directoryRows(directory, accounts));
    const sheet = old.categories;
    if (!sheet) throw new Error("fixture");
    sheet.headers = sheet.headers.filter((h) => h !== "紧急类别");
    for (const r of sheet.rows) delete r.values.urgent;
    const kept = plan(old);
    expect(kept.rejected).toEqual([]);
    expect(kept.changed).toEqual([]);
    expect(urgent(kept.directory)).toEqual(["safety_hazard"]);

    row("environment").urgent = "也许";
    expect(plan(asSheets(rows)).rejected.map((r) => [r.sheet, r.field, r.column])).toEqual([
      ["问题类别", "urgent", "紧急类别"],
    ]);
  });

  it("checks references across sheets: a department's paired village, a contact leader", () => {
    const rows = directoryRows(directory, accounts);
    (rows.departments[0] as Record<string, string>).pairedVillageId = "nowhere";
    (rows.villages[1] as Record<string, string>).contactLeaderId = "nobody";
    const p = plan(asSheets(rows));
    expect(p.rejected.map((r) => [r.sheet, r.row, r.field])).toEqual([
      ["村社区", 3, "contactLeaderId"],
      ["部门", 2, "pairedVillageId"],
    ]);
  });

  it("reads limits like 4小时, 1工作日, 7天 and refuses others", () => {
    expect(parseLimit("4小时")).toEqual({ amount: 4, unit: "hours" });
    expect(parseLimit("1 个工作日")).toEqual({ amount: 1, unit: "working_days" });
    expect(parseLimit("0天")).toBeNull();
    expect(parseLimit("900小时")).toBeNull();
    expect(parseLimit("7")).toBeNull();
  });

  it("refuses the rows past a village's 99th change: one village is one transaction with its audits", () => {
    const rows = directoryRows(directory, accounts);
    rows.villages.push({
      id: "big-village",
      name: "大村",
      kind: "村",
      contactLeaderId: "li-ming",
      retired: "",
    });
    const groupRow = (i: number) => ({
      id: `big-village-${String(i).padStart(3, "0")}`,
      villageId: "big-village",
      name: `${i}组`,
      holderId: "",
    });
    const firstGroupRow = rows.groups.length + 2;
    for (let i = 1; i <= 120; i++) rows.groups.push(groupRow(i));
    const p = plan(asSheets(rows));
    // The village itself and its first 98 groups are 99 changes; groups 99 to 120 are over.
    expect(p.rejected.map((r) => [r.sheet, r.row, r.field])).toEqual(
      Array.from({ length: 22 }, (_, i) => ["村民小组", firstGroupRow + 98 + i, "id"]),
    );
    expect(p.rejected[0]?.reason["zh-CN"]).toContain("「大村」本次共 121 项变更");
    expect(p.rejected[0]?.reason.en).toContain("at most 99 per village");

    // Exactly 99 changes pass.
    rows.groups.splice(rows.groups.length - 22, 22);
    expect(plan(asSheets(rows)).rejected).toEqual([]);
    // Other villages' changes do not count against it.
    (rows.villages[0] as Record<string, string>).name = "梅泾新村";
    expect(plan(asSheets(rows)).rejected).toEqual([]);
  });

  it("refuses a missing required column on the header row", () => {
    const sheets = asSheets();
    const villages = sheets.villages;
    if (!villages) throw new Error("fixture");
    villages.headers = villages.headers.filter((h) => h !== "联系领导编号");
    const p = plan(sheets);
    expect(p.rejected).toEqual([
      expect.objectContaining({ sheet: "村社区", row: 1, field: "contactLeaderId" }),
    ]);
  });
});

describe("directory edits", () => {
  it("creates a village with groups, keeping holders when not given", () => {
    const r = putVillage(directory, "meijing", {
      name: "梅泾村",
      kind: "village",
      contactLeaderId: "wang-jianguo",
      groups: [{ id: "meijing-01", name: "倪巷组（改）" }],
    });
    const group = r.directory.villages.find((v) => v.id === "meijing")?.groups[0];
    expect(group?.name).toBe("倪巷组（改）");
    expect(group?.holderId).toBe(directory.villages[0]?.groups[0]?.holderId);
    expect(r.changes.map((c) => c.kind)).toEqual(["group"]);
  });

  it("refuses more group changes than one write takes", () => {
    const groups = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: `big-${i + 1}`, name: `${i + 1}组` }));
    const edit = { name: "大村", kind: "village" as const, contactLeaderId: "li-ming" };
    expect(putVillage(directory, "big", { ...edit, groups: groups(98) }).changes).toHaveLength(99);
    expect(() => putVillage(directory, "big", { ...edit, groups: groups(99) })).toThrow(
      expect.objectContaining({
        code: "validation_failed",
        fields: { groups: expect.objectContaining({ kind: "invalid" }) },
      }),
    );
  });

  it("refuses unknown references and a head change that orphans held groups", () => {
    expect(() =>
      putVillage(directory, "x-village", { name: "X", kind: "village", contactLeaderId: "nobody" }),
    ).toThrow(/validation_failed/);
    const env = directory.departments.find((d) => d.id === "env-bureau");
    if (!env) throw new Error("fixture");
    expect(() =>
      putDepartment(directory, "env-bureau", { ...env, head: { id: "someone-else", name: "某" } }),
    ).toThrow(/validation_failed/);
  });

  it("retires, but not a leader still in charge of a live village", () => {
    expect(setRetired(directory, "categories", "other", true, NOW)?.changes).toHaveLength(1);
    expect(() => setRetired(directory, "leaders", "wang-jianguo", true, NOW)).toThrow(
      /validation_failed/,
    );
    expect(setRetired(directory, "villages", "nowhere", true, NOW)).toBeNull();
  });
});
