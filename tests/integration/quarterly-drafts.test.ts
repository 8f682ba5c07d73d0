import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../support/api.js";
import { loginAs, staff } from "../support/staff.js";

/**
 * 季度工作报告's 存在问题 / 下步打算 (issue 17): saved as a draft per department and quarter,
 * over the version read (a stale save is 409), by the department's own head or admin only,
 * each save audited; bad input is a 400 in both languages.
 */
let api: TestApi;
let head: string;
let admin: string;
let cadre: string;
let cadre2: string;
let leader: string;
let now = new Date("2026-11-20T02:00:00.000Z");
const path = "/api/staff/reports/quarterly/draft";

beforeAll(async () => {
  api = await createTestApi({ now: () => now });
  head = await loginAs(api, "head");
  admin = await loginAs(api, "admin");
  cadre = await loginAs(api, "cadre");
  cadre2 = await loginAs(api, "cadre2");
  leader = await loginAs(api, "leader");
});

const body = (over: Record<string, unknown> = {}) => ({
  department: "env-bureau",
  quarter: "2026Q4",
  problems: "倪巷浜清淤进度偏慢。",
  plans: "十二月完成截污管网。",
  expectedVersion: 0,
  ...over,
});

describe("a quarterly report's draft", () => {
  it("is saved by the head, read back with the report, and a stale save is 409", async () => {
    const empty = await staff(api, head, "GET", `${path}?department=env-bureau&quarter=2026Q4`);
    expect(empty.status).toBe(200);
    expect(await empty.json()).toMatchObject({ version: 0, problems: "", mayWrite: true });

    const saved = await staff(api, head, "PUT", path, body());
    expect(saved.status).toBe(200);
    const first = await saved.json();
    expect(first).toMatchObject({
      department: { id: "env-bureau", name: "环保分局" },
      version: 1,
      problems: "倪巷浜清淤进度偏慢。",
      savedBy: { name: expect.any(String) },
    });

    // Someone who read version 0 saves late: refused, with the current version.
    const stale = await staff(api, admin, "PUT", path, body({ plans: "旧的打算" }));
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.currentVersion).toBe(1);

    now = new Date("2026-11-20T03:00:00.000Z");
    const second = await staff(api, admin, "PUT", path, body({ plans: "改", expectedVersion: 1 }));
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ version: 2, plans: "改" });

    // The report of the department carries the draft and the department list (names).
    const report = await (
      await staff(
        api,
        head,
        "GET",
        "/api/staff/reports/quarterly?quarter=2026Q4&department=env-bureau",
      )
    ).json();
    expect(report.draft).toMatchObject({
      version: 2,
      problems: "倪巷浜清淤进度偏慢。",
      plans: "改",
    });
    expect(report.departments).toEqual([{ id: "env-bureau", name: "环保分局" }]);

    // The workbook carries both sections too.
    const xlsx = await staff(
      api,
      head,
      "GET",
      "/api/staff/reports/quarterly?quarter=2026Q4&department=env-bureau&format=xlsx",
    );
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const cells: unknown[] = [];
    workbook.getWorksheet("季度工作报告")?.eachRow((row) => {
      cells.push((row.values as unknown[]).slice(1));
    });
    expect(cells).toContainEqual(["存在问题", "倪巷浜清淤进度偏慢。"]);
    expect(cells).toContainEqual(["下步打算", "改"]);

    // Each save is audited: who saved what when.
    const audit = await api.deps.store.listAudit("quarterly_draft#env-bureau#2026Q4", {
      limit: 10,
    });
    expect(audit.items.map((a) => a.at)).toEqual([
      "2026-11-20T03:00:00.000Z",
      "2026-11-20T02:00:00.000Z",
    ]);
    expect(audit.items.map((a) => a.after)).toEqual([
      { problems: "倪巷浜清淤进度偏慢。", plans: "改" },
      { problems: "倪巷浜清淤进度偏慢。", plans: "十二月完成截污管网。" },
    ]);
  });

  it("is saved by nobody but the department's head and admin", async () => {
    const other = body({ quarter: "2026Q3" });
    // A cadre of the department reads it, but may not save it.
    expect((await staff(api, cadre, "PUT", path, other)).status).toBe(403);
    const read = await staff(api, cadre, "GET", `${path}?department=env-bureau&quarter=2026Q3`);
    expect(read.status).toBe(200);
    expect((await read.json()).mayWrite).toBe(false);
    // Another department's cadre reads nothing; a leader has no department to save.
    expect(
      (await staff(api, cadre2, "GET", `${path}?department=env-bureau&quarter=2026Q3`)).status,
    ).toBe(403);
    expect((await staff(api, leader, "PUT", path, other)).status).toBe(403);
    // The head of another department may not save this one.
    expect((await staff(api, head, "PUT", path, body({ department: "agri-service" }))).status).toBe(
      403,
    );
    expect((await staff(api, cadre, "PUT", path, other)).status).toBe(403);
  });

  it("answers bad input with a 400 in both languages, and an unknown unit with 404", async () => {
    for (const bad of [
      body({ quarter: "2026Q5" }),
      body({ problems: "x".repeat(4001) }),
      body({ expectedVersion: -1 }),
      body({ extra: 1 }),
    ]) {
      const res = await staff(api, head, "PUT", path, bad);
      expect(res.status, JSON.stringify(bad).slice(0, 60)).toBe(400);
      const error = (await res.json()).error;
      expect(error.message).toBeTruthy();
      const en = await api.app.request(path, {
        method: "PUT",
        headers: {
          authorization: `Bearer ${head}`,
          "content-type": "application/json",
          "accept-language": "en",
        },
        body: JSON.stringify(bad),
      });
      expect(en.status).toBe(400);
      const enError = (await en.json()).error;
      expect(enError.message).not.toBe(error.message);
    }
    expect(
      (await staff(api, head, "GET", `${path}?department=env-bureau&quarter=soon`)).status,
    ).toBe(400);
    expect(
      (await staff(api, admin, "PUT", path, body({ department: "no-such-unit" }))).status,
    ).toBe(404);
  });
});
