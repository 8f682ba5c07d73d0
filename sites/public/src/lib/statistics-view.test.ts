import type { RateRow } from "@lianxin/contract";
import { describe, expect, it } from "vitest";
import {
  FIELD_WORK_FIGURES,
  formatCount,
  ledgerYearText,
  monthLabel,
  ratesSpec,
  readFieldWorkTotals,
  readLedgerYear,
  sortByResponse,
  trendSpec,
} from "./statistics-view";

const row = (id: string, response: number | null, received = 10): RateRow => ({
  id,
  name: id,
  received,
  answered: 0,
  overdue: 0,
  response,
  resolution: 0.5,
  satisfaction: null,
  onTimeClosure: null,
});

describe("statistics view", () => {
  it("sorts by response rate, rows without one last", () => {
    expect(sortByResponse([row("a", null), row("b", 0.7), row("c", 0.9)]).map((r) => r.id)).toEqual(
      ["c", "b", "a"],
    );
  });
  it("charts the three rates of each row, best first", () => {
    const spec = ratesSpec([row("a", 0.5), row("b", 0.9)], "zh-CN");
    expect(spec).toMatchObject({ kind: "bar", horizontal: true, categories: ["b", "a"] });
    expect(spec.series.map((s) => s.name)).toEqual(["响应率", "解决率", "满意率"]);
    expect(spec.series[2]?.data).toEqual([null, null]);
  });
  it("draws the town's trend by month", () => {
    const spec = trendSpec(
      [{ month: "2026-08", received: 3, response: 1, resolution: 0.5, satisfaction: null }],
      "en",
    );
    expect(spec.categories).toEqual(["Aug 2026"]);
    expect(spec.series.map((s) => s.data)).toEqual([[1], [0.5], [null]]);
    expect(monthLabel("2026-08", "zh-CN")).toBe("2026年8月");
  });
});

describe("town totals (扎根行动)", () => {
  const seed = {
    from: "2025-12",
    to: "2026-11",
    departments: 46,
    leaders: 17,
    people: 120,
    cadresAndPartyMembers: 103,
    villages: 25,
    visits: 5163,
    enterprises: 120,
    symposia: 169,
    talks: 972,
    consulted: 2914,
    logs: 1200,
    concernsRaised: 700,
    solved: 606,
  };

  it("keeps the aggregate numbers and the months, nothing else", () => {
    const totals = readFieldWorkTotals({ ...seed, names: ["王建国"] });
    expect(totals).toEqual(seed);
    expect(FIELD_WORK_FIGURES.map((k) => totals?.[k])).toEqual([
      46, 17, 103, 25, 5163, 120, 169, 972, 2914, 606,
    ]);
  });

  it("refuses what is not the totals", () => {
    expect(readFieldWorkTotals(null)).toBeNull();
    expect(readFieldWorkTotals({ ...seed, visits: "5163" })).toBeNull();
    expect(readFieldWorkTotals({ ...seed, solved: -1 })).toBeNull();
    const { from: _from, ...noRange } = seed;
    expect(readFieldWorkTotals(noRange)).toBeNull();
  });

  it("groups thousands", () => {
    expect(formatCount(5163, "zh-CN")).toBe("5,163");
    expect(formatCount(5163, "en")).toBe("5,163");
    expect(formatCount(46, "en")).toBe("46");
  });
});

describe("the ledger year (台账编号)", () => {
  const figures = {
    year: 2026,
    issued: 1234,
    registered: 1230,
    voided: 3,
    voidReasons: [
      { reason: "duplicate_request" as const, label: "重复提交，已按首次提交登记", count: 1 },
      { reason: "write_failed" as const, label: "登记未能写入", count: 2 },
    ],
  };

  it("says how many numbers were issued, registered and void, and why", () => {
    const text = ledgerYearText(figures, "zh-CN");
    expect(text.line).toBe(
      "本年度（2026年）已编号 1,234 个，其中登记诉求 1,230 件，作废 3 个（原因：重复提交，已按首次提交登记 1 个；登记未能写入 2 个）。",
    );
    expect(text.pending).toBe("另有 1 个编号正在登记或核对中。");
  });

  it("speaks English, and leaves out the reasons and the pending when there are none", () => {
    const none = { ...figures, issued: 1230, voided: 0, voidReasons: [] };
    expect(ledgerYearText(none, "en")).toEqual({
      line: "Ledger numbers issued this year (2026): 1,230. Concerns registered: 1,230. Void numbers: 0.",
      pending: null,
    });
    const en = ledgerYearText(
      {
        ...figures,
        issued: 1233,
        voidReasons: [{ ...figures.voidReasons[1], label: "registration could not be written" }],
      } as typeof figures,
      "en",
    );
    expect(en.line).toContain("Void numbers: 3 (reasons: registration could not be written (2)).");
    expect(en.pending).toBeNull();
  });

  it("keeps the figures when they are what the page expects, else null", () => {
    expect(readLedgerYear({ ...figures, extra: "x" })).toEqual(figures);
    expect(readLedgerYear(undefined)).toBeNull();
    expect(readLedgerYear({ ...figures, voided: "3" })).toBeNull();
    expect(readLedgerYear({ ...figures, issued: -1 })).toBeNull();
    expect(readLedgerYear({ ...figures, voidReasons: [{ reason: "x", count: 1 }] })).toBeNull();
    expect(readLedgerYear({ ...figures, voidReasons: null })).toBeNull();
  });
});
