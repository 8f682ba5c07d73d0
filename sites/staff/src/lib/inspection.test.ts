import { WATCH_LISTS } from "@lianxin/contract";
import { describe, expect, it } from "vitest";
import { type MessageKey, t } from "../i18n/messages";
import { datesOf, listTitleKey } from "./inspection";

describe("the inspectors' page helpers", () => {
  it("names and explains every list in both languages", () => {
    for (const list of WATCH_LISTS) {
      for (const locale of ["zh-CN", "en"] as const) {
        const title = t(locale, listTitleKey(list), { days: 5 });
        const about = t(locale, `insp.about.${list}` as MessageKey, { days: 5 });
        expect(title).not.toContain("insp.");
        expect(title).not.toContain("{");
        expect(about).not.toContain("insp.");
        expect(about.length).toBeGreaterThan(20);
      }
    }
    expect(t("zh-CN", listTitleKey("overdue"), { days: 5 })).toBe("超期 5 个工作日以上");
  });

  it("dates each item by its ledger number", () => {
    expect(
      datesOf([{ ledgerNo: "LS-2026-000001", enteredAt: "2026-12-01T00:00:00Z" }] as never),
    ).toEqual({
      "LS-2026-000001": "2026-12-01T00:00:00Z",
    });
  });
});
