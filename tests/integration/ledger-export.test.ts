import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BatchWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { type Concern, formatLedgerNo, type LedgerVoidReason, TOWN_PREFIX } from "@lianxin/core";
import { LocalFileStore, runLedgerExportJob } from "@lianxin/functions";
import { concernItem, createDynamoClient, keys } from "@lianxin/store";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, smellyCreek, submit, type TestApi } from "../support/api.js";
import { act, loginAs, staff } from "../support/staff.js";

/**
 * The ledger (台账) export: xlsx opened with exceljs, CSV for Excel, the role rules, a large
 * export handed out as a link (the local file store), links that cannot be forged, and the
 * void numbers (作废) of a town-wide export (last: they add rows to the day's ledger).
 */
const now = new Date("2026-03-10T02:00:00.000Z"); // 10:00 on 10 March 2026 in Shanghai
const DAY = "2026-03-10";
const LARGE = 2_100;

let api: TestApi;
let filesDir: string;
let files: LocalFileStore;
let t: Record<"admin" | "leader" | "cadre" | "cadre2" | "inspector", string>;
let creekNo: string;

async function ok(res: Response, status = 200) {
  if (res.status !== status) throw new Error(`${res.status}: ${await res.text()}`);
  return res;
}

const ledger = (token: string, query: string, headers: Record<string, string> = {}) =>
  api.app.request(`/api/staff/ledger?${query}`, {
    headers: { authorization: `Bearer ${token}`, ...headers },
  });

/** RFC 4180, for reading the export back: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      record.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else field += ch;
  }
  return records;
}

async function workbookOf(res: Response) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  const sheet = workbook.getWorksheet("台账");
  if (!sheet) throw new Error("no sheet 台账");
  return sheet;
}

/** Concern items written straight to the table (BatchWriteItem), built from a real one. */
async function seedDirectly(template: Concern, createdAts: string[]) {
  const client = createDynamoClient({ endpoint: api.endpoint, region: "local" });
  const items = createdAts.map((createdAt, i) =>
    concernItem({
      ...template,
      ledgerNo: formatLedgerNo(2025, i + 1),
      createdAt,
      updatedAt: createdAt,
      // One summary in ten starts like a formula: the CSV must keep it text.
      title: i % 10 === 0 ? "=1+1" : template.title,
    }),
  );
  const batches: (typeof items)[] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  const write = async (batch: typeof items) => {
    let requests = batch.map((Item) => ({ PutRequest: { Item } }));
    while (requests.length) {
      const out = await client.send(
        new BatchWriteCommand({ RequestItems: { [api.tableName]: requests } }),
      );
      requests = (out.UnprocessedItems?.[api.tableName] ?? []) as typeof requests;
    }
  };
  const queue = [...batches];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let batch = queue.shift(); batch; batch = queue.shift()) await write(batch);
    }),
  );
  client.destroy();
}

beforeAll(async () => {
  filesDir = await mkdtemp(join(tmpdir(), "lianxin-files-"));
  files = new LocalFileStore({ dir: filesDir, signingKey: "k".repeat(32), now: () => now });
  api = await createTestApi({
    now: () => now,
    files,
    limits: {
      submissionsPerHour: 1000,
      wrongCodesPer15Minutes: 5,
      messagesPerHour: 20,
      uploadsPerHour: 60,
    },
  });
  t = {
    admin: await loginAs(api, "admin"),
    leader: await loginAs(api, "leader"), // 梅泾村 and 陡门村
    cadre: await loginAs(api, "cadre"), // 环保分局
    cadre2: await loginAs(api, "cadre2"), // 园区建设办
    inspector: await loginAs(api, "inspector"),
  };
  const file = async (body: object) =>
    (await (await ok(await submit(api, { ...smellyCreek, ...body }), 201)).json()).ledgerNo;
  creekNo = await file({ title: '倪巷浜"臭水河",请治理' }); // 梅泾村 · 环保分局
  await file({ title: '=HYPERLINK("http://evil.example")', groupId: undefined }); // 梅泾村 · 环保分局
  await file({ villageId: "doumen", groupId: undefined, categoryCode: "agriculture" }); // 农业服务中心
  await file({ villageId: "park", groupId: undefined, categoryCode: "roads_lighting" }); // 园区建设办
  await file({ villageId: "park", groupId: undefined }); // 园区 · 环保分局
  await file({ groupId: undefined, categoryCode: "cadre_conduct", title: "村干部作风问题" }); // 纪委
  await ok(await act(api, t.cadre, creekNo, { type: "accept" }));

  // The large export: June 2025, plus one item just outside each end of the month.
  const stored = await api.deps.store.getConcernWithEvents(creekNo);
  if (!stored) throw new Error("creek not stored");
  const june = Date.parse("2025-05-31T16:00:00.000Z"); // 1 June 00:00 in Shanghai
  const span = Date.parse("2025-06-30T16:00:00.000Z") - june;
  const inside = Array.from({ length: LARGE }, (_, i) =>
    new Date(june + Math.floor((span * i) / LARGE)).toISOString(),
  );
  inside[LARGE - 1] = "2025-06-30T15:59:59.999Z"; // 30 June 23:59:59.999 in Shanghai
  await seedDirectly(stored.concern, [
    ...inside,
    "2025-05-31T15:59:59.999Z", // 31 May in Shanghai: outside
    "2025-06-30T16:00:00.000Z", // 1 July in Shanghai: outside
  ]);
}, 120_000);

afterAll(async () => {
  await rm(filesDir, { recursive: true, force: true });
});

describe("the ledger as xlsx", () => {
  it("opens with exceljs: header, rows, dates as dates, frozen header, widths", async () => {
    const res = await ok(await ledger(t.admin, `from=${DAY}&to=${DAY}`));
    expect(res.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(res.headers.get("content-disposition")).toContain(
      `filename*=UTF-8''${encodeURIComponent(`台账-${DAY}-${DAY}.xlsx`)}`,
    );
    const sheet = await workbookOf(res);
    const header = sheet.getRow(1).values as unknown[];
    expect(header.slice(1)).toEqual([
      "台账编号",
      "登记日期",
      "渠道",
      "村（社区）",
      "村民小组",
      "问题类别",
      "内容摘要",
      "承办部门",
      "驻村领导",
      "状态",
      "办理结果",
      "答复期限",
      "办结日期",
      "办理天数",
      "逾期天数",
      "满意度评价",
    ]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.rowCount).toBe(1 + 6);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getColumn(7).width).toBe(50);

    const creek = sheet.getRows(2, 6)?.find((r) => r.getCell(1).value === creekNo);
    expect(creek).toBeDefined();
    const registered = creek?.getCell(2);
    expect(registered?.value).toBeInstanceOf(Date);
    expect(registered?.value).toEqual(new Date(`${DAY}T00:00:00.000Z`));
    expect(registered?.numFmt).toBe("yyyy-mm-dd");
    expect(creek?.getCell(12).value).toBeInstanceOf(Date);
    expect(creek?.getCell(4).value).toBe("梅泾村");
    expect(creek?.getCell(8).value).toBe("环保分局");
    expect(creek?.getCell(10).value).toBe("已签收");
    expect(creek?.getCell(14).value).toBe(0);
  });

  it("filters by status and answers in English when asked", async () => {
    const res = await ok(
      await ledger(t.admin, `from=${DAY}&to=${DAY}&status=accepted`, { "accept-language": "en" }),
    );
    const sheet = await workbookOf(res);
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(1).getCell(1).value).toBe("Ledger no.");
    expect(sheet.getRow(2).getCell(10).value).toBe("Signed for");
  });
});

describe("the ledger as CSV", () => {
  it("starts with a BOM, quotes as RFC 4180 and keeps formulas as text", async () => {
    const res = await ok(await ledger(t.admin, `from=${DAY}&to=${DAY}&format=csv`));
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    const lines = text.slice(1).split("\r\n");
    expect(lines[0]).toBe(
      "台账编号,登记日期,渠道,村（社区）,村民小组,问题类别,内容摘要,承办部门,驻村领导,状态,办理结果,答复期限,办结日期,办理天数,逾期天数,满意度评价",
    );
    expect(lines).toHaveLength(1 + 6 + 1); // header, rows, and the empty string after the last CRLF
    expect(text).toContain(`${creekNo},${DAY},网上提交,梅泾村,`);
    expect(text).toContain(`"倪巷浜""臭水河"",请治理：`);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"")：`);
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
    const records = parseCsv(text.slice(1));
    expect(records).toHaveLength(7);
    expect(records.every((r) => r.length === 16)).toBe(true);
    const creek = records.find((r) => r[0] === creekNo);
    expect(creek?.[6]).toMatch(/^倪巷浜"臭水河",请治理：/);
  });
});

describe("who exports what", () => {
  const rowsOf = async (token: string, query = "") => {
    const res = await ok(await ledger(token, `from=${DAY}&to=${DAY}&format=csv${query}`));
    return parseCsv((await res.text()).slice(1)).slice(1);
  };

  it("gives admin and inspectors everything, conduct complaints included", async () => {
    expect(await rowsOf(t.admin)).toHaveLength(6);
    const inspector = await rowsOf(t.inspector);
    expect(inspector).toHaveLength(6);
    expect(inspector.some((r) => r[7] === "纪委")).toBe(true);
  });

  it("gives a leader their villages only, and 403 for another village", async () => {
    const rows = await rowsOf(t.leader);
    expect(rows.map((r) => r[3]).sort()).toEqual(["梅泾村", "梅泾村", "陡门村"]);
    expect(await rowsOf(t.leader, "&village=doumen")).toHaveLength(1);
    expect((await ledger(t.leader, `from=${DAY}&to=${DAY}&village=park`)).status).toBe(403);
  });

  it("gives a cadre their department only", async () => {
    const env = await rowsOf(t.cadre);
    expect(env).toHaveLength(3);
    expect(env.every((r) => r[7] === "环保分局")).toBe(true);
    const park = await rowsOf(t.cadre2);
    expect(park.filter((r) => r[7] === "环保分局")).toHaveLength(0);
    expect(park).toHaveLength(1);
    const res = await ledger(t.cadre2, `from=${DAY}&to=${DAY}&department=env-bureau`);
    expect(res.status).toBe(403);
  });

  it("wants a session", async () => {
    const res = await api.app.request(`/api/staff/ledger?from=${DAY}&to=${DAY}`);
    expect(res.status).toBe(401);
  });
});

describe("a large export", () => {
  let link: { url: string; expiresAt: string; rows: number };

  it("goes to the file store and comes back as a short-lived link", async () => {
    const res = await ok(await ledger(t.admin, "from=2025-06-01&to=2025-06-30"), 201);
    link = await res.json();
    expect(link.rows).toBe(LARGE);
    expect(link.expiresAt).toBe(new Date(now.getTime() + 15 * 60_000).toISOString());
    expect(link.url).toMatch(/^\/api\/staff\/exports\/[\w-]+\.xlsx\?/);
  });

  it("downloads with a session and the signature: the same rows", async () => {
    const res = await ok(await staff(api, t.admin, "GET", link.url));
    expect(res.headers.get("content-disposition")).toContain(
      encodeURIComponent("台账-2025-06-01-2025-06-30.xlsx"),
    );
    const sheet = await workbookOf(res);
    expect(sheet.rowCount).toBe(1 + LARGE);
    const dates = new Set<string>();
    sheet.eachRow((row, n) => {
      if (n > 1) dates.add((row.getCell(2).value as Date).toISOString().slice(0, 10));
    });
    expect([...dates].sort().at(0)).toBe("2025-06-01");
    expect([...dates].sort().at(-1)).toBe("2025-06-30");
  });

  it("writes a large CSV the same way", async () => {
    const res = await ok(await ledger(t.admin, "from=2025-06-01&to=2025-06-30&format=csv"), 201);
    const { url, rows } = await res.json();
    expect(rows).toBe(LARGE);
    const text = await (await ok(await staff(api, t.admin, "GET", url))).text();
    expect(text.split("\r\n")).toHaveLength(1 + LARGE + 1);
    expect(text).toContain(",'=1+1：");
  });

  it("refuses a forged, an expired or a sessionless link", async () => {
    const forged = link.url.replace(/sig=[^&]+/, "sig=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    expect((await staff(api, t.admin, "GET", forged)).status).toBe(403);
    const renamed = link.url.replace(/name=[^&]+/, "name=other.xlsx");
    expect((await staff(api, t.admin, "GET", renamed)).status).toBe(403);
    const stretched = link.url.replace(/expires=\d+/, (m) => `expires=${Number(m.slice(8)) + 1}`);
    expect((await staff(api, t.admin, "GET", stretched)).status).toBe(403);
    const name = link.url.split("?")[0]?.split("/").at(-1) as string;
    const expired = await files.link(`exports/${name}`, -1, "x.xlsx");
    expect((await staff(api, t.admin, "GET", expired)).status).toBe(403);
    expect((await staff(api, null, "GET", link.url)).status).toBe(401);
    const missing = await files.link("exports/nothing-here.xlsx", 60, "x.xlsx");
    expect((await staff(api, t.admin, "GET", missing)).status).toBe(404);
  });
});

describe("a background export", () => {
  const startExport = (token: string | null, body: object) =>
    staff(api, token, "POST", "/api/staff/ledger/exports", body);
  /** Polls the job as the page does, until the worker (in this process here) is done. */
  async function settled(token: string, id: string) {
    for (let i = 0; i < 200; i++) {
      const res = await ok(await staff(api, token, "GET", `/api/staff/ledger/exports/${id}`));
      const status = await res.json();
      if (status.state === "done" || status.state === "failed") return status;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("the export did not finish");
  }

  it("answers at once, then the worker builds the file and the page gets a link", async () => {
    // The worker notes its progress every 1,000 rows (the page shows it while running).
    const store = api.deps.store;
    const noted: number[] = [];
    const record = store.recordExportProgress;
    store.recordExportProgress = async (id, rows, at) => {
      noted.push(rows);
      await record(id, rows, at);
    };
    const res = await ok(await startExport(t.admin, { from: "2025-06-01", to: "2025-06-30" }), 202);
    const { id, state } = await res.json();
    expect(state).toBe("queued");
    const done = await settled(t.admin, id);
    expect(done).toMatchObject({ state: "done", rows: LARGE });
    expect(done.fileName).toBe("台账-2025-06-01-2025-06-30.xlsx");
    expect(done.url).toMatch(/^\/api\/staff\/exports\/[\w-]+\.xlsx\?/);
    const sheet = await workbookOf(await ok(await staff(api, t.admin, "GET", done.url)));
    expect(sheet.rowCount).toBe(1 + LARGE);
    store.recordExportProgress = record;
    expect(noted).toEqual([1000, 2000]);
  });

  it("exports what the requester may see, as the direct export does", async () => {
    const res = await ok(await startExport(t.cadre, { from: DAY, to: DAY, format: "csv" }), 202);
    const done = await settled(t.cadre, (await res.json()).id);
    const text = await (await ok(await staff(api, t.cadre, "GET", done.url))).text();
    const direct = await (
      await ok(await ledger(t.cadre, `from=${DAY}&to=${DAY}&format=csv`))
    ).text();
    expect(text).toBe(direct);
  });

  it("shows how far a running job has got", async () => {
    const admin = (await (await staff(api, t.admin, "GET", "/api/staff/me")).json()).user;
    const at = now.toISOString();
    await api.deps.store.putExportJob(
      {
        id: "running-job-1",
        state: "running",
        requestedBy: admin,
        params: { from: DAY, to: DAY, format: "xlsx" },
        locale: "zh-CN",
        createdAt: at,
        updatedAt: at,
        progressRows: 3000,
      },
      Math.ceil(now.getTime() / 1000) + 3600,
    );
    const res = await ok(
      await staff(api, t.admin, "GET", "/api/staff/ledger/exports/running-job-1"),
    );
    expect(await res.json()).toEqual({ id: "running-job-1", state: "running", rows: 3000 });
  });

  it("shows a job only to its requester and admin", async () => {
    const res = await ok(await startExport(t.cadre, { from: DAY, to: DAY }), 202);
    const { id } = await res.json();
    await settled(t.cadre, id);
    expect((await staff(api, t.admin, "GET", `/api/staff/ledger/exports/${id}`)).status).toBe(200);
    for (const other of [t.cadre2, t.leader, t.inspector]) {
      expect((await staff(api, other, "GET", `/api/staff/ledger/exports/${id}`)).status).toBe(404);
    }
    expect((await staff(api, t.admin, "GET", "/api/staff/ledger/exports/nothing")).status).toBe(
      404,
    );
  });

  it("refuses bad filters and another's scope at once", async () => {
    const bad = await startExport(t.admin, { from: "2026-03-10", to: "2026-03-09" });
    expect(bad.status).toBe(400);
    const scope = await startExport(t.leader, { from: DAY, to: DAY, village: "yaxi" });
    expect(scope.status).toBe(403);
    expect((await startExport(null, { from: DAY, to: DAY })).status).toBe(401);
  });

  it("builds a job once, however often the worker is invoked for it", async () => {
    const res = await ok(await startExport(t.admin, { from: DAY, to: DAY }), 202);
    const { id } = await res.json();
    const first = await settled(t.admin, id);
    await runLedgerExportJob(api.deps, id);
    const again = await settled(t.admin, id);
    expect(again.rows).toBe(first.rows);
    expect(new URL(again.url, "http://x").pathname).toBe(new URL(first.url, "http://x").pathname);
  });
});

describe("bad input", () => {
  it.each([
    ["no range", ""],
    ["no end", "from=2026-03-01"],
    ["not a date", "from=2026-02-30&to=2026-03-01"],
    ["end before start", "from=2026-03-10&to=2026-03-09"],
    ["more than 366 days", "from=2025-01-01&to=2026-01-02"],
    ["unknown format", `from=${DAY}&to=${DAY}&format=pdf`],
    ["unknown status", `from=${DAY}&to=${DAY}&status=lost`],
    ["unknown village", `from=${DAY}&to=${DAY}&village=atlantis`],
  ])("answers 400 for %s", async (_, query) => {
    const res = await ledger(t.admin, query);
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("validation_failed");
  });

  it("says what is wrong with the range, in the caller's language", async () => {
    const reversed = await ledger(t.admin, "from=2026-03-10&to=2026-03-09");
    expect((await reversed.json()).error.fields.to).toBe("结束日期早于开始日期");
    const long = await ledger(t.admin, "from=2025-01-01&to=2026-01-02", {
      "accept-language": "en",
    });
    expect((await long.json()).error.fields.to).toBe("At most 366 days at a time");
  });

  it("accepts exactly 366 days", async () => {
    expect((await ledger(t.admin, "from=2025-03-11&to=2026-03-11&format=csv")).status).toBe(201);
  });
});

describe("void numbers (作废)", () => {
  const rowsOf = async (token: string, query = "", lang?: string) => {
    const res = await ok(
      await ledger(
        token,
        `from=${DAY}&to=${DAY}&format=csv${query}`,
        lang ? { "accept-language": lang } : {},
      ),
    );
    return parseCsv((await res.text()).slice(1)).slice(1);
  };
  /** A number reserved as a submission reserves it (ADD on the year's counter), then voided. */
  async function reserveAndVoid(reason: LedgerVoidReason, voidedAt: string) {
    const client = createDynamoClient({ endpoint: api.endpoint, region: "local" });
    const out = await client.send(
      new UpdateCommand({
        TableName: api.tableName,
        Key: keys.ledgerCounter(TOWN_PREFIX, 2026),
        UpdateExpression: "ADD lastSequence :one",
        ExpressionAttributeValues: { ":one": 1 },
        ReturnValues: "UPDATED_NEW",
      }),
    );
    client.destroy();
    const ledgerNo = formatLedgerNo(2026, Number(out.Attributes?.lastSequence));
    const voided = await api.deps.store.voidLedgerNumber({
      ledgerNo,
      reason,
      detail: "TimeoutError",
      voidedAt,
      voidedBy: "submission",
    });
    expect(voided).toBe(true);
    return ledgerNo;
  }

  let inDay: string;
  let dayBefore: string;
  let atMidnight: string;
  let after: string;

  beforeAll(async () => {
    inDay = await reserveAndVoid("write_failed", now.toISOString()); // 10:00 on the day
    dayBefore = await reserveAndVoid("orphaned", "2026-03-09T15:59:59.999Z"); // 9 March 23:59
    atMidnight = await reserveAndVoid("duplicate_request", "2026-03-09T16:00:00.000Z"); // 00:00
    // A concern after them, so that the voids have to sit between concerns.
    const res = await ok(await submit(api, { ...smellyCreek, groupId: undefined }), 201);
    after = (await res.json()).ledgerNo;
  });

  it("lists the voids of the range in a town-wide CSV, in number order among the concerns", async () => {
    const rows = await rowsOf(t.admin);
    expect(rows).toHaveLength(6 + 1 + 2);
    expect(rows.slice(-3).map((r) => r[0])).toEqual([inDay, atMidnight, after]);
    const numbers = rows.map((r) => r[0] as string);
    expect(numbers).toEqual([...numbers].sort());
    expect(numbers).not.toContain(dayBefore); // voided on 9 March (Shanghai): outside
    const row = rows.find((r) => r[0] === inDay);
    expect(row).toEqual([
      inDay,
      "",
      "",
      "",
      "",
      "",
      "作废原因：登记未能写入；作废时间：2026-03-10 10:00",
      "",
      "",
      "作废",
      "",
      "",
      "",
      "",
      "",
      "",
    ]);
    expect(rows.find((r) => r[0] === atMidnight)?.[6]).toBe(
      "作废原因：重复提交，已按首次提交登记；作废时间：2026-03-10 00:00",
    );
    expect(JSON.stringify(rows)).not.toContain("TimeoutError"); // the detail stays out
    // The day before holds the other void, and the inspector's ledger has them too.
    const before = await ok(await ledger(t.admin, "from=2026-03-09&to=2026-03-09&format=csv"));
    expect(parseCsv((await before.text()).slice(1)).map((r) => r[0])).toContain(dayBefore);
    expect((await rowsOf(t.inspector)).map((r) => r[0])).toContain(inDay);
  });

  it("writes them in English and in xlsx too, with empty date and number cells", async () => {
    const en = await rowsOf(t.admin, "", "en");
    expect(en.find((r) => r[0] === inDay)?.slice(6, 10)).toEqual([
      "Void: registration could not be written; voided 2026-03-10 10:00",
      "",
      "",
      "Void",
    ]);
    const sheet = await workbookOf(await ok(await ledger(t.admin, `from=${DAY}&to=${DAY}`)));
    expect(sheet.rowCount).toBe(1 + 9);
    const row = sheet.getRows(2, 9)?.find((r) => r.getCell(1).value === inDay);
    expect(row?.getCell(10).value).toBe("作废");
    expect(row?.getCell(2).value ?? null).toBeNull();
    expect(row?.getCell(14).value ?? null).toBeNull();
  });

  it("leaves them out of a department's, a leader's and any filtered export", async () => {
    const voids = new Set([inDay, atMidnight]);
    const none = (rows: string[][]) =>
      expect(rows.filter((r) => voids.has(r[0] as string))).toEqual([]);
    const env = await rowsOf(t.cadre); // 环保分局: the three earlier items and `after`
    expect(env).toHaveLength(4);
    none(env);
    none(await rowsOf(t.leader));
    none(await rowsOf(t.admin, "&village=meijing"));
    none(await rowsOf(t.admin, "&department=env-bureau"));
    none(await rowsOf(t.admin, "&status=assigned"));
    expect((await rowsOf(t.admin, "&status=assigned")).every((r) => r[9] === "待签收")).toBe(true);
  });

  it("counts them in the public statistics of the ledger year, without numbers or detail", async () => {
    const res = await api.app.request("/api/statistics");
    expect(res.status).toBe(200);
    const s = await res.json();
    expect(s.ledger).toEqual({
      year: 2026,
      issued: 6 + 3 + 1,
      registered: 6 + 1,
      voided: 3,
      voidReasons: [
        { reason: "duplicate_request", label: "重复提交，已按首次提交登记", count: 1 },
        { reason: "write_failed", label: "登记未能写入", count: 1 },
        { reason: "orphaned", label: "预留后未登记（超时）", count: 1 },
      ],
    });
    const text = JSON.stringify(s);
    for (const no of [inDay, dayBefore, atMidnight]) expect(text).not.toContain(no);
    expect(text).not.toContain("TimeoutError");
    const en = await (
      await api.app.request("/api/statistics", { headers: { "accept-language": "en" } })
    ).json();
    expect(en.ledger.voidReasons[1]).toEqual({
      reason: "write_failed",
      label: "registration could not be written",
      count: 1,
    });
  });
});
