import type { BulkActionResponse, BulkItemResult } from "@lianxin/contract";
import { describe, expect, it } from "vitest";
import { t } from "../i18n/messages";
import { isBulkAction, needsFields, readSelection, reasonOf, safeReturn, summaryOf } from "./bulk";

const form = (entries: [string, string][]) => {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
};
const zh = (key: Parameters<typeof t>[1]) => t("zh-CN", key);
const words = (w: { key: Parameters<typeof t>[1]; vars?: Record<string, string | number> }) =>
  t("zh-CN", w.key, w.vars);

describe("the queue's selection", () => {
  it("reads `<ledgerNo>:<version>`, each number once, and counts what it cannot read", () => {
    const { items, unreadable } = readSelection(
      form([
        ["item", "LS-2026-000012:3"],
        ["item", " ls-2026-13:0 "],
        ["item", "LS-2026-000012:4"],
        ["item", "LS-2026-000014"],
        ["item", "LS-2026-000015:-1"],
        ["item", "nonsense:2"],
        ["action", "accept"],
      ]),
    );
    expect(items).toEqual([
      { ledgerNo: "LS-2026-000012", version: 3 },
      { ledgerNo: "LS-2026-000013", version: 0 },
    ]);
    expect(unreadable).toBe(3);
    expect(readSelection(form([]))).toEqual({ items: [], unreadable: 0 });
  });

  it("knows the bulk actions and which need fields first", () => {
    expect(isBulkAction("accept")).toBe(true);
    expect(isBulkAction("answer")).toBe(false);
    expect(needsFields("accept", {})).toBe(false);
    expect(needsFields("dispatch", { departmentId: "" })).toBe(true);
    expect(needsFields("dispatch", { departmentId: "env-bureau" })).toBe(false);
    expect(needsFields("supervise", { note: "  " })).toBe(true);
  });

  it("goes back to same-site paths only", () => {
    expect(safeReturn("/?status=assigned&stage=sign_for")).toBe("/?status=assigned&stage=sign_for");
    expect(safeReturn("/all?village=meijing#list")).toBe("/all?village=meijing#list");
    for (const bad of [
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "javascript:alert(1)",
      "/x\n/y",
      "",
      null,
    ]) {
      expect(safeReturn(bad)).toBe("/");
    }
  });
});

describe("the result in words", () => {
  const done: BulkItemResult = {
    ledgerNo: "LS-2026-000001",
    outcome: "done",
    status: "accepted",
    version: 2,
  };
  const stale: BulkItemResult = {
    ledgerNo: "LS-2026-000002",
    outcome: "refused",
    httpStatus: 409,
    error: { code: "conflict", message: "…", currentState: "accepted", currentVersion: 4 },
  };
  it("sums up as 已签收 9 件，1 件未成功", () => {
    const response: BulkActionResponse = {
      type: "accept",
      counts: { done: 9, refused: 1, notDone: 0 },
      items: [],
    };
    expect(summaryOf(response).map(words).join(zh("bulk.summarySep"))).toBe(
      "已签收 9 件，1 件未成功",
    );
    expect(
      summaryOf({ ...response, counts: { done: 3, refused: 0, notDone: 0 } }).map(words),
    ).toEqual(["已签收 3 件"]);
  });

  it("says why each item was not done", () => {
    const reason = (item: BulkItemResult, type: "accept" | "assign" = "accept") =>
      words(reasonOf(item, type, zh));
    expect(reason(done)).toBe("当前状态 已签收");
    expect(reason(stale)).toBe("已被他人处理：当前状态 已签收，第 4 版");
    expect(
      reason({
        ...stale,
        error: {
          code: "invalid_transition",
          message: "…",
          currentState: "answered",
          currentVersion: 6,
        },
      }),
    ).toBe("当前状态（已答复）不能签收");
    expect(reason({ ...stale, httpStatus: 403, error: { code: "forbidden", message: "…" } })).toBe(
      "您无权对这件诉求进行签收",
    );
    expect(reason({ ...stale, httpStatus: 404, error: { code: "not_found", message: "…" } })).toBe(
      "找不到这件诉求，或您无权查看",
    );
    expect(
      reason({
        ...stale,
        outcome: "not_done",
        httpStatus: 503,
        error: { code: "unavailable", message: "…" },
      }),
    ).toBe("未办理：服务暂时不可用，请稍后重试");
    expect(
      reason(
        {
          ...stale,
          httpStatus: 400,
          error: {
            code: "unknown_reference",
            message: "…",
            fields: { assigneeId: "不是本部门人员" },
          },
        },
        "assign",
      ),
    ).toBe("不是本部门人员");
  });
});
