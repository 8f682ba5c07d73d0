import { shanghaiDate, shanghaiMonth } from "@lianxin/core";
import { createApp, createDeps, readConfig } from "@lianxin/functions";
import { prepareLocalDatabase } from "@lianxin/functions/local";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApi, newIdempotencyKey, submit, type TestApi, track } from "../support/api.js";
import { createTestTable } from "../support/database.js";
import { loginAs, staff } from "../support/staff.js";

let api: TestApi;
let head: string;
let cadre: string;
let leader: string;
let inspector: string;

const today = shanghaiDate(new Date());
const month = shanghaiMonth(new Date());
const previousMonth = (() => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
})();

const creek = {
  categoryCode: "environment",
  title: "倪巷浜臭水河",
  description: "倪巷浜河水发黑发臭，夏天气味很大，附近居民经常“感冒”，希望尽快治理。",
  contactName: "张三",
  contactPhone: "13800138000",
};
const lights = {
  categoryCode: "roads_lighting",
  description: "倪巷组路口的路灯坏了一个多月，晚上出行很不方便，希望尽快修复。",
};

function postLog(token: string, body: unknown, key = newIdempotencyKey()) {
  return api.app.request("/api/staff/field-logs", {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      "idempotency-key": key,
    },
    body: JSON.stringify(body),
  });
}

const symposium = {
  date: today,
  villageId: "meijing",
  groupId: "meijing-01",
  kind: "symposium",
  peopleReached: 14,
  enterprises: 0,
  peopleConsulted: 14,
  notes: "倪巷组座谈会，听取村民代表意见。",
  concerns: [creek, lights],
};

beforeAll(async () => {
  api = await createTestApi();
  [head, cadre, leader, inspector] = await Promise.all([
    loginAs(api, "head"),
    loginAs(api, "cadre"),
    loginAs(api, "leader"),
    loginAs(api, "inspector"),
  ]);
});

describe("field logs", () => {
  let logged: {
    log: { id: string; concernLedgerNos: string[] };
    concerns: Array<{
      ledgerNo: string;
      accessCode: string;
      routing: { department: { id: string }; contactLeader: { name: string } };
    }>;
  };
  const key = newIdempotencyKey();

  it("registers a symposium's concerns on the ledger, routed like online ones", async () => {
    const res = await postLog(head, symposium, key);
    expect(res.status).toBe(201);
    logged = await res.json();
    expect(logged.concerns).toHaveLength(2);
    expect(logged.log.concernLedgerNos).toEqual(logged.concerns.map((c) => c.ledgerNo));

    for (const [i, body] of [creek, lights].entries()) {
      const online = await submit(api, { villageId: "meijing", groupId: "meijing-01", ...body });
      expect(online.status).toBe(201);
      const receipt = await online.json();
      const fromLog = logged.concerns[i];
      expect(fromLog?.routing).toEqual(receipt.routing);
      const view = await (
        await staff(api, head, "GET", `/api/staff/concerns/${fromLog?.ledgerNo}`)
      ).json();
      expect(view.channel).toBe("symposium");
      // The resident can track it with the access code the cadre gives them.
      const tracked = await track(api, fromLog?.ledgerNo ?? "", fromLog?.accessCode);
      expect(tracked.status).toBe(200);
    }
  });

  it("answers a retried log with the same log and concerns, registering nothing twice", async () => {
    const res = await postLog(head, symposium, key);
    expect(res.status).toBe(200);
    const again = await res.json();
    expect(again.log.id).toBe(logged.log.id);
    expect(again.concerns.map((c: { ledgerNo: string }) => c.ledgerNo)).toEqual(
      logged.log.concernLedgerNos,
    );
  });

  it("checks every concern before registering any", async () => {
    const res = await postLog(head, {
      ...symposium,
      concerns: [creek, { ...lights, categoryCode: "no_such_category" }],
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(JSON.stringify(body)).toContain("concerns.1.categoryCode");
  });

  it("refuses a log dated in the future and an unknown village", async () => {
    expect((await postLog(head, { ...symposium, date: "2999-01-01", concerns: [] })).status).toBe(
      400,
    );
    expect((await postLog(head, { ...symposium, villageId: "nowhere", concerns: [] })).status).toBe(
      400,
    );
  });

  it("lists one's own logs, and a village's to its contact leader only", async () => {
    const mine = await (
      await staff(api, head, "GET", `/api/staff/field-logs?mine=true&month=${month}`)
    ).json();
    expect(mine.items.map((l: { id: string }) => l.id)).toContain(logged.log.id);
    const village = await staff(api, leader, "GET", "/api/staff/field-logs?village=meijing");
    expect(village.status).toBe(200);
    expect((await village.json()).items[0].author.name).toBeTruthy();
    expect((await staff(api, cadre, "GET", "/api/staff/field-logs?village=meijing")).status).toBe(
      403,
    );
    expect(
      (await staff(api, cadre, "GET", "/api/staff/field-logs?department=env-bureau")).status,
    ).toBe(403);
    expect(
      (await staff(api, head, "GET", "/api/staff/field-logs?department=env-bureau")).status,
    ).toBe(200);
  });
});

describe("compliance", () => {
  it("marks the head's month met and past months without a visit as gaps", async () => {
    const res = await staff(
      api,
      inspector,
      "GET",
      `/api/staff/compliance?from=${previousMonth}&to=${month}`,
    );
    expect(res.status).toBe(200);
    const matrix = await res.json();
    const headRow = matrix.rows.find((r: { personId: string }) => r.personId === "env-bureau-head");
    expect(headRow.cells.map((c: { state: string }) => c.state)).toEqual(["gap", "met"]);
    const leaderRow = matrix.rows.find((r: { personId: string }) => r.personId === "wang-jianguo");
    expect(leaderRow.cells[0].state).toBe("gap");
    expect(leaderRow.cells[1].state).toBe("pending");
    expect(matrix.rows.length).toBeGreaterThan(17);
  });

  it("shows a leader only their own row, and cadres nothing", async () => {
    const own = await (await staff(api, leader, "GET", "/api/staff/compliance")).json();
    expect(own.rows.map((r: { personId: string }) => r.personId)).toEqual(["wang-jianguo"]);
    expect((await staff(api, cadre, "GET", "/api/staff/compliance")).status).toBe(403);
  });
});

describe("reports", () => {
  const quarter = `${month.slice(0, 4)}Q${Math.floor((Number(month.slice(5)) - 1) / 3) + 1}`;

  it("reports a person's and a department's quarter from the logs and counters", async () => {
    for (const path of [
      `/api/staff/reports/quarterly?quarter=${quarter}`,
      `/api/staff/reports/quarterly?quarter=${quarter}&department=env-bureau`,
    ]) {
      const res = await staff(api, head, "GET", path);
      expect(res.status).toBe(200);
      const report = await res.json();
      expect(report.fieldWork).toMatchObject({
        symposia: 1,
        consulted: 14,
        logs: 1,
        concernsRaised: 2,
      });
      expect(report.concerns).toMatchObject({ raised: 2, open: 2, solved: 0 });
      expect(report.compliance.cells.some((c: { state: string }) => c.state === "met")).toBe(true);
      expect(report.rates).toHaveProperty("response");
    }
    const xlsx = await staff(
      api,
      head,
      "GET",
      `/api/staff/reports/quarterly?quarter=${quarter}&format=xlsx`,
    );
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");
  });

  it("keeps reports to their people", async () => {
    expect(
      (await staff(api, cadre, "GET", "/api/staff/reports/quarterly?person=env-bureau-head"))
        .status,
    ).toBe(403);
    expect(
      (await staff(api, leader, "GET", "/api/staff/reports/quarterly?department=env-bureau"))
        .status,
    ).toBe(403);
    expect(
      (await staff(api, head, "GET", "/api/staff/reports/quarterly?person=staff-cadre-env")).status,
    ).toBe(200);
    expect((await staff(api, cadre, "GET", "/api/staff/reports/annual")).status).toBe(403);
  });

  it("ranks every department in the annual assessment, with its weights", async () => {
    const res = await staff(api, inspector, "GET", "/api/staff/reports/annual");
    expect(res.status).toBe(200);
    const annual = await res.json();
    expect(annual.rows).toHaveLength(46);
    expect(annual.weights.compliance).toBeGreaterThan(0);
    expect(annual.rows[0].rank).toBe(1);
  });

  it("adds the log to the town totals", async () => {
    const totals = await (await api.app.request("/api/statistics/field-work")).json();
    expect(totals).toMatchObject({
      symposia: 1,
      consulted: 14,
      villages: 1,
      departments: 1,
      leaders: 0,
    });
  });

  it("gives the public site the town totals as numbers only: no names, no ids", async () => {
    // No session: the residents' statistics page reads it (cached for five minutes).
    const res = await api.app.request("/api/statistics/field-work", {
      headers: { "accept-language": "en" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    const totals = await res.json();
    expect(Object.keys(totals).sort()).toEqual(
      [
        "from",
        "to",
        "departments",
        "leaders",
        "people",
        "cadresAndPartyMembers",
        "villages",
        "visits",
        "enterprises",
        "symposia",
        "talks",
        "consulted",
        "logs",
        "concernsRaised",
        "solved",
      ].sort(),
    );
    const { from, to, ...figures } = totals;
    expect(from).toMatch(/^\d{4}-\d{2}$/);
    expect(to).toBe(month);
    for (const value of Object.values(figures)) expect(typeof value).toBe("number");
    // The head who logged the symposium is counted, never named.
    const text = JSON.stringify(totals);
    for (const name of ["钱志刚", "env-bureau", "meijing", "张三"])
      expect(text).not.toContain(name);
    expect(totals.people).toBe(1);
    expect(totals.cadresAndPartyMembers).toBe(1);
    // A month range of its own, checked.
    expect(
      (await api.app.request(`/api/statistics/field-work?from=${month}&to=${month}`)).status,
    ).toBe(200);
    expect((await api.app.request("/api/statistics/field-work?from=2026-13")).status).toBe(400);
  });
});

describe("the demo campaign", () => {
  it("seeds in seconds and reproduces the seed's town totals exactly", async () => {
    const { endpoint, tableName } = await createTestTable();
    const lines: string[] = [];
    await prepareLocalDatabase({
      endpoint,
      tableName,
      demoCampaign: true,
      log: (l) => lines.push(l),
    });
    expect(lines.some((l) => l.includes("100%"))).toBe(true);
    const app = createApp(
      createDeps(readConfig({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: endpoint })),
    );
    const totals = await (await app.request("/api/statistics/field-work")).json();
    expect(totals).toMatchObject({
      departments: 46,
      leaders: 17,
      villages: 25,
      visits: 5163,
      enterprises: 120,
      symposia: 169,
      talks: 972,
      consulted: 2914,
      solved: 606,
    });
  }, 120_000);
});
