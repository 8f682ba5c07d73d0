import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, smellyCreek, submit, type TestApi, track } from "../support/api.js";
import { loginAs, staff } from "../support/staff.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

let api: TestApi;
let admin: string;
let cadre: string;
let inspector: string;

beforeAll(async () => {
  api = await createTestApi({ directoryCacheMs: 0 });
  [admin, cadre, inspector] = await Promise.all([
    loginAs(api, "admin"),
    loginAs(api, "cadre"),
    loginAs(api, "inspector"),
  ]);
});

const audit = async (subject: string) =>
  (
    await (
      await staff(api, admin, "GET", `/api/staff/audit?subject=${encodeURIComponent(subject)}`)
    ).json()
  ).items as Array<{ actor: { id: string }; before: unknown; after: Record<string, unknown> }>;

function upload(bytes: Uint8Array | string, dryRun: boolean, token = admin, type = XLSX) {
  return api.app.request(`/api/staff/directory/import?dryRun=${dryRun}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": type },
    body: bytes,
  });
}

async function exportWorkbook(): Promise<ExcelJS.Workbook> {
  const res = await staff(api, admin, "GET", "/api/staff/directory.xlsx");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe(XLSX);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  return workbook;
}

const bytesOf = async (workbook: ExcelJS.Workbook) =>
  new Uint8Array(await workbook.xlsx.writeBuffer());

describe("directory admin: who may", () => {
  it("lets admin and inspectors read, only admin write", async () => {
    expect((await staff(api, cadre, "GET", "/api/staff/directory")).status).toBe(403);
    expect((await staff(api, cadre, "GET", "/api/staff/accounts")).status).toBe(403);
    expect((await staff(api, cadre, "GET", "/api/staff/directory.xlsx")).status).toBe(403);
    expect((await staff(api, inspector, "GET", "/api/staff/directory")).status).toBe(200);
    expect((await staff(api, inspector, "GET", "/api/staff/accounts")).status).toBe(200);
    const leader = { name: "某", title: "副镇长" };
    expect(
      (await staff(api, inspector, "PUT", "/api/staff/directory/leaders/x-leader", leader)).status,
    ).toBe(403);
    expect(
      (await staff(api, cadre, "POST", "/api/staff/directory/categories/other/retire")).status,
    ).toBe(403);
    expect(
      (
        await staff(api, cadre, "POST", "/api/staff/accounts", {
          username: "sneaky",
          name: "某",
          role: "admin",
        })
      ).status,
    ).toBe(403);
    expect((await upload(new Uint8Array([1, 2, 3]), true, cadre)).status).toBe(403);
  });
});

describe("directory admin: create, edit, retire, audited", () => {
  it("creates and edits a village with its groups, and keeps the trail", async () => {
    const body = {
      name: "新塘村",
      kind: "village",
      contactLeaderId: "li-ming",
      groups: [
        { id: "xintang-01", name: "东组" },
        { id: "xintang-02", name: "西组" },
      ],
    };
    const created = await staff(api, admin, "PUT", "/api/staff/directory/villages/xintang", body);
    expect(created.status).toBe(201);
    const edited = await staff(api, admin, "PUT", "/api/staff/directory/villages/xintang", {
      ...body,
      name: "新塘社区",
      kind: "community",
      groups: [{ id: "xintang-02", name: "西区" }],
    });
    expect(edited.status).toBe(200);
    const entry = (await edited.json()).entry;
    expect(entry.name).toBe("新塘社区");
    expect(entry.groups.map((g: { name: string }) => g.name)).toEqual(["东组", "西区"]);

    const trail = await audit("village#xintang");
    expect(trail).toHaveLength(2);
    expect(trail[0]?.actor.id).toBe("staff-admin");
    expect(trail[0]?.after.name).toBe("新塘社区");
    expect(await audit("group#xintang-02")).toHaveLength(2);
    const publicDirectory = await (await api.app.request("/api/directory")).json();
    expect(publicDirectory.villages.some((v: { id: string }) => v.id === "xintang")).toBe(true);
  });

  it("refuses broken references with the field named", async () => {
    const village = await staff(api, admin, "PUT", "/api/staff/directory/villages/nowhere", {
      name: "无名村",
      kind: "village",
      contactLeaderId: "nobody",
    });
    expect(village.status).toBe(400);
    expect(Object.keys((await village.json()).error.fields)).toEqual(["contactLeaderId"]);
    const department = await staff(api, admin, "PUT", "/api/staff/directory/departments/x-dept", {
      name: "某办",
      nameEn: "Some Office",
      kind: "department",
      head: { id: "x-dept-head", name: "某某" },
      pairedVillageId: "atlantis",
    });
    expect(department.status).toBe(400);
    expect((await department.json()).error.fields).toHaveProperty("pairedVillageId");
    const category = await staff(api, admin, "PUT", "/api/staff/directory/categories/pets", {
      name: "宠物",
      nameEn: "Pets",
      description: "",
      descriptionEn: "",
      departmentId: "no-such-dept",
      limits: {
        signFor: { amount: 1, unit: "working_days" },
        respond: { amount: 1, unit: "working_days" },
        answer: { amount: 7, unit: "days" },
      },
    });
    expect(category.status).toBe(400);
    expect((await category.json()).error.fields).toHaveProperty("departmentId");
    expect(await audit("village#nowhere")).toEqual([]);
  });

  it("creates a department, a leader and a category", async () => {
    const leader = await staff(api, admin, "PUT", "/api/staff/directory/leaders/qian-hao", {
      name: "钱浩",
      title: "副镇长",
      surveyPoints: ["洛社五金厂"],
    });
    expect(leader.status).toBe(201);
    const department = await staff(api, admin, "PUT", "/api/staff/directory/departments/x-dept", {
      name: "新办",
      nameEn: "New Office",
      kind: "department",
      head: { id: "x-dept-head", name: "某某" },
      pairedVillageId: "xintang",
    });
    expect(department.status).toBe(201);
    const category = await staff(api, admin, "PUT", "/api/staff/directory/categories/pets", {
      name: "宠物",
      nameEn: "Pets",
      description: "犬只管理",
      descriptionEn: "Dogs",
      departmentId: "x-dept",
      limits: {
        signFor: { amount: 1, unit: "working_days" },
        respond: { amount: 1, unit: "working_days" },
        answer: { amount: 7, unit: "days" },
      },
    });
    expect(category.status).toBe(201);
    const directory = await (await staff(api, admin, "GET", "/api/staff/directory")).json();
    expect(directory.departments.find((d: { id: string }) => d.id === "x-dept")?.name).toBe("新办");
    expect(await audit("category#pets")).toHaveLength(1);
  });

  it("retires: new submissions refused, old concerns still viewable", async () => {
    const before = await (await submit(api, smellyCreek)).json();
    expect(before.ledgerNo).toBeTruthy();

    const retire = await staff(api, admin, "POST", "/api/staff/directory/groups/meijing-01/retire");
    expect(retire.status).toBe(200);
    const refused = await submit(api, smellyCreek);
    expect(refused.status).toBe(400);
    const error = (await refused.json()).error;
    expect(error.code).toBe("unknown_reference");
    expect(error.fields).toHaveProperty("groupId");
    expect((await submit(api, { ...smellyCreek, groupId: "meijing-02" })).status).toBe(201);

    // The old concern still shows, with its (retired) group's name.
    const view = await (await track(api, before.ledgerNo, before.accessCode)).json();
    expect(view.group?.id).toBe("meijing-01");
    const staffView = await staff(api, admin, "GET", `/api/staff/concerns/${before.ledgerNo}`);
    expect(staffView.status).toBe(200);

    expect(
      (await staff(api, admin, "POST", "/api/staff/directory/categories/pets/retire")).status,
    ).toBe(200);
    expect(
      (await submit(api, { ...smellyCreek, groupId: undefined, categoryCode: "pets" })).status,
    ).toBe(400);
    expect(
      (await staff(api, admin, "POST", "/api/staff/directory/villages/xintang/retire")).status,
    ).toBe(200);
    expect(
      (await submit(api, { ...smellyCreek, villageId: "xintang", groupId: undefined })).status,
    ).toBe(400);
    const publicDirectory = await (await api.app.request("/api/directory")).json();
    expect(publicDirectory.villages.some((v: { id: string }) => v.id === "xintang")).toBe(false);
    // Still in admin's full directory, marked.
    const full = await (await staff(api, admin, "GET", "/api/staff/directory")).json();
    expect(full.villages.find((v: { id: string }) => v.id === "xintang")?.retiredAt).toBeTruthy();
    expect((await audit("group#meijing-01"))[0]?.after).toHaveProperty("retiredAt");

    // A leader still in charge of a live village cannot be retired.
    const inUse = await staff(
      api,
      admin,
      "POST",
      "/api/staff/directory/leaders/wang-jianguo/retire",
    );
    expect(inUse.status).toBe(400);
    // Reinstating brings the group back.
    expect(
      (await staff(api, admin, "POST", "/api/staff/directory/groups/meijing-01/reinstate")).status,
    ).toBe(200);
    expect((await submit(api, smellyCreek)).status).toBe(201);
    expect(
      (await staff(api, admin, "POST", "/api/staff/directory/villages/ghost/retire")).status,
    ).toBe(404);
  });
});

describe("staff accounts", () => {
  it("creates with a temporary password shown once, edits, retires; all audited", async () => {
    const res = await staff(api, admin, "POST", "/api/staff/accounts", {
      username: "xcadre",
      name: "许干部",
      role: "cadre",
      departmentId: "env-bureau",
      phone: "138 0013 9000",
    });
    expect(res.status).toBe(201);
    const { account, temporaryPassword } = await res.json();
    expect(account).toMatchObject({ id: "staff-xcadre", mustChangePassword: true, active: true });
    expect(account).not.toHaveProperty("passwordHash");
    const login = await api.app.request("/api/staff/session", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "xcadre", password: temporaryPassword }),
    });
    expect(login.status).toBe(201);
    expect((await login.json()).mustChangePassword).toBe(true);

    const list = await (await staff(api, admin, "GET", "/api/staff/accounts")).json();
    const listed = list.items.find((a: { id: string }) => a.id === "staff-xcadre");
    expect(listed?.phone).toBe("13800139000");
    expect(list.items.some((a: { username: string }) => a.username === "admin")).toBe(true);
    const asInspector = await (await staff(api, inspector, "GET", "/api/staff/accounts")).json();
    expect(asInspector.items.every((a: { phone: unknown }) => a.phone === null)).toBe(true);

    const taken = await staff(api, admin, "POST", "/api/staff/accounts", {
      username: "xcadre",
      name: "重名",
      role: "cadre",
      departmentId: "env-bureau",
    });
    expect(taken.status).toBe(409);
    const badDept = await staff(api, admin, "POST", "/api/staff/accounts", {
      username: "ycadre",
      name: "某",
      role: "cadre",
      departmentId: "no-such",
    });
    expect(badDept.status).toBe(400);

    const edited = await staff(api, admin, "PATCH", "/api/staff/accounts/staff-xcadre", {
      name: "许敏",
      role: "dept_head",
    });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ name: "许敏", role: "dept_head" });
    const retired = await staff(api, admin, "PATCH", "/api/staff/accounts/staff-xcadre", {
      active: false,
    });
    expect(retired.status).toBe(200);
    const refused = await api.app.request("/api/staff/session", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "xcadre", password: temporaryPassword }),
    });
    expect(refused.status).toBe(401);
    const trail = await audit("account#staff-xcadre");
    expect(trail).toHaveLength(3);
    expect(JSON.stringify(trail)).not.toContain("13800139000");
    expect(
      (await staff(api, admin, "PATCH", "/api/staff/accounts/staff-admin", { active: false }))
        .status,
    ).toBe(400);
  });
});

describe("directory import and export", () => {
  it("round-trips: export → dry run → nothing rejected, everything unchanged", async () => {
    const workbook = await exportWorkbook();
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      "村社区",
      "村民小组",
      "部门",
      "领导",
      "问题类别",
      "工作人员",
    ]);
    expect(workbook.getWorksheet("村社区")?.getRow(1).getCell(1).text).toBe("编号");
    const res = await upload(await bytesOf(workbook), true);
    expect(res.status).toBe(200);
    const answer = await res.json();
    expect(answer.rejected).toEqual([]);
    expect(answer.dryRun).toBe(true);
    const directory = await (await staff(api, admin, "GET", "/api/staff/directory")).json();
    expect(answer.changes.villages).toEqual({
      created: 0,
      updated: 0,
      unchanged: directory.villages.length,
    });
    expect(answer.changes.departments.unchanged).toBe(directory.departments.length);
    expect(answer.changes.categories.unchanged).toBe(directory.categories.length);
    expect(answer.changes.accounts.created + answer.changes.accounts.updated).toBe(0);
    // Not a dry run: nothing to write.
    const again = await (await upload(await bytesOf(workbook), false)).json();
    expect(again).toMatchObject({ dryRun: false, written: 0, rejected: [] });
  });

  it("reports each kind of bad row with its row number, and writes nothing", async () => {
    const before = await (await staff(api, admin, "GET", "/api/staff/directory")).json();
    const accountsBefore = await (await staff(api, admin, "GET", "/api/staff/accounts")).json();
    const workbook = await exportWorkbook();
    const sheet = (name: string) => {
      const s = workbook.getWorksheet(name);
      if (!s) throw new Error(name);
      return s;
    };
    // A good change alongside the bad rows: it must not be written either.
    sheet("领导").getRow(2).getCell(3).value = "镇党委书记（改）";
    const unknownVillage = sheet("村民小组").addRow(["ghost-01", "ghost", "鬼组", "", ""]).number;
    const duplicate = sheet("领导").addRow(["li-ming", "李明", "镇长", "", ""]).number;
    const missingName = sheet("部门").addRow([
      "y-dept",
      "",
      "Y Office",
      "部门",
      "y-dept-head",
      "某某",
      "meijing",
      "",
    ]).number;
    const badPhone = sheet("工作人员").addRow([
      "staff-zz",
      "zz",
      "赵某",
      "干部",
      "env-bureau",
      "",
      "12345",
      "是",
    ]).number;
    const badLimits = sheet("问题类别").addRow([
      "noise",
      "噪声",
      "Noise",
      "",
      "",
      "env-bureau",
      "",
      "否",
      "否",
      "两周",
      "1工作日",
      "7天",
      "",
    ]).number;

    for (const dryRun of [true, false]) {
      const res = await upload(await bytesOf(workbook), dryRun);
      expect(res.status).toBe(200);
      const answer = await res.json();
      expect(answer.written).toBe(0);
      const found = answer.rejected.map((r: { sheet: string; row: number; field: string }) => [
        r.sheet,
        r.row,
        r.field,
      ]);
      expect(found).toEqual([
        ["村民小组", unknownVillage, "villageId"],
        ["部门", missingName, "name"],
        ["领导", duplicate, "id"],
        ["问题类别", badLimits, "signFor"],
        ["工作人员", badPhone, "phone"],
      ]);
      expect(answer.rejected[0].reason).toContain("ghost");
      expect(typeof answer.rejected[0].reason).toBe("string");
    }
    const after = await (await staff(api, admin, "GET", "/api/staff/directory")).json();
    expect(after).toEqual(before);
    const accountsAfter = await (await staff(api, admin, "GET", "/api/staff/accounts")).json();
    expect(accountsAfter).toEqual(accountsBefore);

    // In English, the reasons are in English.
    const en = await api.app.request("/api/staff/directory/import?dryRun=true", {
      method: "POST",
      headers: {
        authorization: `Bearer ${admin}`,
        "content-type": XLSX,
        "accept-language": "en",
      },
      body: await bytesOf(workbook),
    });
    expect((await en.json()).rejected[0].reason).toMatch(/No village/);
  });

  it("writes a good file with audit items, and new accounts get temporary passwords", async () => {
    const workbook = await exportWorkbook();
    const leaders = workbook.getWorksheet("领导");
    const leaderRow = leaders?.getRow(2);
    const leaderId = leaderRow?.getCell(1).text ?? "";
    if (leaderRow) leaderRow.getCell(3).value = "镇党委书记（兼）";
    workbook.getWorksheet("村民小组")?.addRow(["doumen-99", "doumen", "新组", "", ""]);
    workbook
      .getWorksheet("工作人员")
      ?.addRow(["staff-newbie", "newbie", "新人", "干部", "env-bureau", "", "13900001111", "是"]);
    const answer = await (await upload(await bytesOf(workbook), false)).json();
    expect(answer.rejected).toEqual([]);
    expect(answer.changes.leaders.updated).toBe(1);
    expect(answer.changes.groups.created).toBe(1);
    expect(answer.changes.accounts.created).toBe(1);
    expect(answer.written).toBe(3);
    expect(answer.temporaryPasswords).toEqual([
      expect.objectContaining({ username: "newbie", password: expect.any(String) }),
    ]);
    const directory = await (await staff(api, admin, "GET", "/api/staff/directory")).json();
    expect(directory.leaders.find((l: { id: string }) => l.id === leaderId)?.title).toBe(
      "镇党委书记（兼）",
    );
    expect(await audit(`leader#${leaderId}`)).toHaveLength(1);
    expect(await audit("group#doumen-99")).toHaveLength(1);
    expect(await audit("account#staff-newbie")).toHaveLength(1);
    await loginAs(api, "newbie", answer.temporaryPasswords[0].password);
  });

  it("refuses what is not a workbook, the wrong type, and files over 5 MB", async () => {
    expect((await upload(new Uint8Array([1, 2, 3]), true)).status).toBe(400);
    expect((await upload("{}", true, admin, "application/json")).status).toBe(415);
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    expect((await upload(big, true)).status).toBe(413);
    // Within 5 MB but over the JSON limit: read, then refused as not a workbook.
    expect((await upload(new Uint8Array(200 * 1024), true)).status).toBe(400);
  });
});

describe("a village with more changes than one transaction takes", () => {
  // A village is written with the audit items of all its changes (itself and its groups) in
  // one transaction, and DynamoDB takes at most 100 items a transaction: 99 changes fit.
  async function bigVillage(groups: number) {
    const workbook = await exportWorkbook();
    workbook.getWorksheet("村社区")?.addRow(["big", "大村", "村", "li-ming", ""]);
    const sheet = workbook.getWorksheet("村民小组");
    const rows: number[] = [];
    for (let i = 1; i <= groups; i++) {
      const id = `big-${String(i).padStart(3, "0")}`;
      rows.push(sheet?.addRow([id, "big", `${i}组`, "", ""]).number ?? 0);
    }
    return { bytes: await bytesOf(workbook), rows };
  }

  it("refuses the rows past the 99th in the dry run, each with its row, and writes nothing", async () => {
    const { bytes, rows } = await bigVillage(120);
    for (const dryRun of [true, false]) {
      const answer = await (await upload(bytes, dryRun)).json();
      expect(answer.written).toBe(0);
      // 大村 itself and its first 98 groups are 99 changes: groups 99 to 120 are refused.
      expect(answer.rejected.map((r: { sheet: string; row: number }) => [r.sheet, r.row])).toEqual(
        rows.slice(98).map((row) => ["村民小组", row]),
      );
      expect(answer.rejected[0].reason).toContain("「大村」本次共 121 项变更");
    }
    const directory = await (await staff(api, admin, "GET", "/api/staff/directory")).json();
    expect(directory.villages.some((v: { id: string }) => v.id === "big")).toBe(false);
  });

  it("writes 99 changes of one village in one transaction, each audited", async () => {
    const { bytes } = await bigVillage(98);
    const answer = await (await upload(bytes, false)).json();
    expect(answer.rejected).toEqual([]);
    expect(answer.changes.groups.created).toBe(98);
    const directory = await (await staff(api, admin, "GET", "/api/staff/directory")).json();
    expect(directory.villages.find((v: { id: string }) => v.id === "big")?.groups).toHaveLength(98);
    expect(await audit("village#big")).toHaveLength(1);
    expect(await audit("group#big-098")).toHaveLength(1);
  });

  it("refuses an edit of more changes than that, and the store refuses one it is handed", async () => {
    const res = await staff(api, admin, "PUT", "/api/staff/directory/villages/big", {
      name: "大村",
      kind: "village",
      contactLeaderId: "li-ming",
      groups: Array.from({ length: 100 }, (_, i) => ({ id: `big-x${i}`, name: `新${i}组` })),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields.groups).toContain("99");

    const village = (await api.deps.store.loadDirectory()).villages.find((v) => v.id === "big");
    if (!village) throw new Error("fixture");
    const audits = Array.from({ length: 100 }, (_, i) => ({
      id: `a-${i}`,
      at: new Date().toISOString(),
      actor: { id: "staff-admin", name: "admin" },
      subject: `group#big-y${i}`,
      before: null,
      after: {},
    }));
    await expect(
      api.deps.store.writeDirectoryEntries([
        { write: { kind: "VILLAGE", entry: { ...village, name: "改" }, create: false }, audits },
      ]),
    ).rejects.toMatchObject({ code: "validation_failed" });
    expect(await audit("group#big-y0")).toEqual([]);
  });
});

describe("a contact leader changed in the directory", () => {
  it("moves what the leaders see at once: the directory, not the account, decides", async () => {
    const leader = await loginAs(api, "leader"); // 王建国: 梅泾村 and 陡门村
    const concern = await (
      await submit(api, { ...smellyCreek, villageId: "doumen", groupId: undefined })
    ).json();
    const view = (token: string) =>
      staff(api, token, "GET", `/api/staff/concerns/${concern.ledgerNo}`);
    expect((await view(leader)).status).toBe(200);

    const directory = await (await staff(api, admin, "GET", "/api/staff/directory")).json();
    const doumen = directory.villages.find((v: { id: string }) => v.id === "doumen");
    const { id: _id, demo: _demo, retiredAt: _retired, ...editable } = doumen;
    const moved = await staff(api, admin, "PUT", "/api/staff/directory/villages/doumen", {
      ...editable,
      contactLeaderId: "he-ping", // the park's director, demo account "park"
    });
    expect(moved.status, await moved.clone().text()).toBe(200);
    expect((await view(leader)).status).toBe(404);
    const park = await loginAs(api, "park");
    expect((await view(park)).status).toBe(200);
    const me = await (await staff(api, park, "GET", "/api/staff/me")).json();
    expect(me.user.villageIds.sort()).toEqual(["doumen", "park"]);
  });
});
