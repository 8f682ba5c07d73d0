import { describe, expect, it } from "vitest";
import type { Concern } from "../concern/concern.js";
import { buildDemoDirectory } from "../directory/demo-directory.js";
import { indexDirectory } from "../directory/lookup.js";
import { registerConcern } from "../intake/register-concern.js";
import { routeConcern } from "../routing/route-concern.js";
import { officialCalendar } from "../time/working-calendar.js";
import {
  LEDGER_COLUMNS,
  ledgerDate,
  ledgerHeaders,
  ledgerValues,
  toLedgerRow,
  toLedgerVoidRow,
} from "./ledger-row.js";
import type { LedgerVoid } from "./ledger-void.js";

const index = indexDirectory(buildDemoDirectory());
function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("fixture missing");
  return value;
}
const category = must(index.category("environment"));
const village = must(index.village("meijing"));
const group = must(village.groups[0]);
// 2026-03-02 07:30 in Shanghai (a Monday): still 2026-03-01 in UTC.
const t0 = new Date("2026-03-01T23:30:00Z");

function fresh(overrides: Partial<Concern> = {}): Concern {
  const { concern } = registerConcern({
    input: {
      villageId: village.id,
      groupId: group.id,
      categoryCode: category.code,
      title: "倪巷浜臭水河",
      description: "河水发黑发臭，\n夏天气味很大。",
      anonymous: false,
    },
    routing: routeConcern(index, village, category, group.id),
    limits: category.limits,
    calendar: officialCalendar,
    ledgerNo: "LS-2026-000042",
    accessCode: "7KQ2M9X4PA",
    now: t0,
    newEventId: () => "e",
  });
  return { ...concern, ...overrides };
}

describe("the ledger row", () => {
  it("has the office's sixteen columns, in Chinese or English", () => {
    expect(ledgerHeaders("zh-CN")).toEqual([
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
    expect(ledgerHeaders("en")).toContain("Overdue days");
    expect(ledgerHeaders("en")).toHaveLength(LEDGER_COLUMNS.length);
  });

  it("takes dates in Asia/Shanghai, as dates at 00:00 UTC of that day", () => {
    expect(ledgerDate("2026-03-01T23:30:00Z").toISOString()).toBe("2026-03-02T00:00:00.000Z");
    expect(ledgerDate("2026-03-01T15:59:59Z").toISOString()).toBe("2026-03-01T00:00:00.000Z");
  });

  it("describes an open item with names, labels and typed values", () => {
    const c = fresh();
    const row = toLedgerRow(c, index, "zh-CN", new Date("2026-03-03T02:00:00Z"));
    expect(row).toMatchObject({
      ledgerNo: "LS-2026-000042",
      channel: "网上提交",
      village: village.name,
      group: group.name,
      category: category.name,
      summary: "倪巷浜臭水河：河水发黑发臭， 夏天气味很大。",
      department: "环保分局",
      contactLeader: c.routing.contactLeader.name,
      status: "待签收",
      outcome: "",
      closed: null,
      daysTaken: 1,
      overdueDays: 0,
      rating: "",
    });
    expect(row.registered).toEqual(new Date("2026-03-02T00:00:00Z"));
    expect(row.due).toEqual(ledgerDate(c.deadlines.answerBy));
    expect(ledgerValues(row)).toHaveLength(16);
    expect(ledgerValues(row)[1]).toBeInstanceOf(Date);

    const en = toLedgerRow(c, index, "en", t0);
    expect(en).toMatchObject({ channel: "Online", status: "To sign for" });
    expect(en.department).toBe("Environmental Protection Sub-bureau");
  });

  it("counts overdue calendar days against now while open, any part of a day as one", () => {
    const c = fresh();
    const due = Date.parse(c.deadlines.answerBy);
    const at = (ms: number) => toLedgerRow(c, index, "zh-CN", new Date(due + ms)).overdueDays;
    expect(at(-1)).toBe(0);
    expect(at(0)).toBe(0);
    expect(at(60_000)).toBe(1);
    expect(at(86_400_000)).toBe(1);
    expect(at(86_400_000 + 1)).toBe(2);
  });

  it("counts at the answer once answered: later days do not add to it", () => {
    const due = Date.parse(fresh().deadlines.answerBy);
    const answeredAt = new Date(due + 3 * 86_400_000 - 1000).toISOString();
    const closedAt = new Date(due + 10 * 86_400_000).toISOString();
    const c = fresh({
      status: "struck_off",
      outcome: "assisted",
      answeredAt,
      closedAt,
      rating: { rating: "basically_satisfied", comment: null, at: closedAt },
    });
    const row = toLedgerRow(c, index, "zh-CN", new Date(due + 100 * 86_400_000));
    expect(row).toMatchObject({
      status: "已销号",
      outcome: "帮扶到位",
      overdueDays: 3,
      rating: "基本满意",
    });
    expect(row.closed).toEqual(ledgerDate(closedAt));
    expect(row.daysTaken).toBe(
      Math.round((ledgerDate(answeredAt).getTime() - ledgerDate(t0).getTime()) / 86_400_000),
    );
  });

  it("measures a deferred item against its committed date, and a reopened one against now", () => {
    const deferred = fresh({ status: "deferred", committedDate: "2026-06-30" });
    const row = toLedgerRow(deferred, index, "zh-CN", new Date("2026-07-01T01:00:00Z"));
    expect(row.due).toEqual(new Date("2026-06-30T00:00:00Z"));
    expect(row.overdueDays).toBe(1); // 2026-07-01 09:00 in Shanghai: the day after
    const reopened = fresh({
      status: "in_progress",
      answeredAt: t0.toISOString(),
      flags: { overdue: false, supervised: false, reopened: true },
    });
    const later = new Date(Date.parse(reopened.deadlines.answerBy) + 5 * 86_400_000);
    expect(toLedgerRow(reopened, index, "zh-CN", later).overdueDays).toBe(5);
  });

  it("cuts long text to a summary of 120 characters", () => {
    const row = toLedgerRow(fresh({ title: null, description: "臭".repeat(300) }), index, "en", t0);
    expect([...row.summary]).toHaveLength(120);
    expect(row.summary.endsWith("…")).toBe(true);
  });
});

describe("a void number's row", () => {
  const entry: LedgerVoid = {
    ledgerNo: "LS-2026-000043",
    reason: "write_failed",
    detail: "TimeoutError",
    voidedAt: "2026-03-01T23:31:20.000Z", // 2026-03-02 07:31 in Shanghai
    voidedBy: "submission",
  };

  it("shows the number, 作废, the reason and the Shanghai time; every other column empty", () => {
    const row = toLedgerVoidRow(entry, "zh-CN");
    expect(row).toEqual({
      ledgerNo: "LS-2026-000043",
      registered: null,
      channel: "",
      village: "",
      group: "",
      category: "",
      summary: "作废原因：登记未能写入；作废时间：2026-03-02 07:31",
      department: "",
      contactLeader: "",
      status: "作废",
      outcome: "",
      due: null,
      closed: null,
      daysTaken: null,
      overdueDays: null,
      rating: "",
    });
    expect(ledgerValues(row)).toHaveLength(LEDGER_COLUMNS.length);
    expect(JSON.stringify(row)).not.toContain("TimeoutError");
  });

  it("speaks English when asked", () => {
    const row = toLedgerVoidRow({ ...entry, reason: "orphaned" }, "en");
    expect(row.status).toBe("Void");
    expect(row.summary).toBe(
      "Void: reserved but never registered (timed out); voided 2026-03-02 07:31",
    );
  });
});
