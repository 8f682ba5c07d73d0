import { describe, expect, it } from "vitest";
import { LedgerVoidReason, ledgerYearFigures } from "./ledger-void.js";

describe("ledgerYearFigures", () => {
  it("counts the voids by reason, in the reasons' order, leaving out reasons with none", () => {
    const figures = ledgerYearFigures({
      year: 2026,
      lastSequence: 130,
      registered: 126,
      voids: [
        { reason: "write_failed" },
        { reason: "duplicate_request" },
        { reason: "write_failed" },
      ],
      locale: "zh-CN",
    });
    expect(figures).toEqual({
      year: 2026,
      issued: 130,
      registered: 126,
      voided: 3,
      voidReasons: [
        { reason: "duplicate_request", label: "重复提交，已按首次提交登记", count: 1 },
        { reason: "write_failed", label: "登记未能写入", count: 2 },
      ],
    });
    expect(LedgerVoidReason.options.indexOf("duplicate_request")).toBeLessThan(
      LedgerVoidReason.options.indexOf("write_failed"),
    );
  });

  it("labels the reasons in English, and has none for a year without voids", () => {
    const en = ledgerYearFigures({
      year: 2026,
      lastSequence: 2,
      registered: 1,
      voids: [{ reason: "orphaned" }],
      locale: "en",
    });
    expect(en.voidReasons).toEqual([
      { reason: "orphaned", label: "reserved but never registered (timed out)", count: 1 },
    ]);
    const none = ledgerYearFigures({
      year: 2027,
      lastSequence: 0,
      registered: 0,
      voids: [],
      locale: "zh-CN",
    });
    expect(none).toMatchObject({ issued: 0, voided: 0, voidReasons: [] });
  });
});
