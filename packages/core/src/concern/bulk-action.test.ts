import { describe, expect, it } from "vitest";
import { ConcernAction } from "./actions.js";
import { BULK_ITEMS_MAX, BulkActionRequest, itemActions } from "./bulk-action.js";

const no = (n: number) => `LS-2026-${String(n).padStart(6, "0")}`;
const items = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ ledgerNo: no(i + 1), version: i }));
const words = (body: unknown) => {
  const result = BulkActionRequest.safeParse(body);
  if (result.success) return null;
  return result.error.issues.map((i) => ({
    path: i.path.join("."),
    zh: (i as { params?: { words?: { "zh-CN": string } } }).params?.words?.["zh-CN"],
  }));
};

describe("the bulk action request", () => {
  it("takes each action with its own fields, 1 to 50 distinct items", () => {
    expect(words({ type: "accept", items: items(1) })).toBeNull();
    expect(words({ type: "accept", items: items(BULK_ITEMS_MAX) })).toBeNull();
    expect(words({ type: "dispatch", items: items(3), departmentId: "env-bureau" })).toBeNull();
    expect(words({ type: "assign", items: items(3), assigneeId: "staff-li" })).toBeNull();
    expect(words({ type: "supervise", items: items(3), note: "请尽快办理" })).toBeNull();
  });

  it("refuses no item, too many, a ledger number twice, naming the field in words", () => {
    expect(words({ type: "accept", items: [] })).toEqual([
      { path: "items", zh: "请至少选择 1 件" },
    ]);
    expect(words({ type: "accept", items: items(BULK_ITEMS_MAX + 1) })).toEqual([
      { path: "items", zh: "一次最多 50 件" },
    ]);
    expect(
      words({ type: "accept", items: [...items(2), { ledgerNo: no(1), version: 7 }] }),
    ).toEqual([{ path: "items", zh: "同一台账编号出现了两次" }]);
  });

  it("refuses an unknown action, a missing or foreign field, a bad item", () => {
    expect(words({ type: "answer", items: items(1) })?.[0]?.path).toBe("type");
    expect(words({ type: "dispatch", items: items(1) })?.[0]?.path).toBe("departmentId");
    expect(words({ type: "accept", items: items(1), note: "x" })).not.toBeNull();
    expect(words({ type: "accept", items: [{ ledgerNo: "LS-1", version: 0 }] })?.[0]?.path).toBe(
      "items.0.ledgerNo",
    );
    expect(words({ type: "accept", items: [{ ledgerNo: no(1), version: -1 }] })?.[0]?.path).toBe(
      "items.0.version",
    );
  });

  it("makes each item the single action, at the item's version", () => {
    const request = BulkActionRequest.parse({
      type: "supervise",
      items: [
        { ledgerNo: no(1), version: 3 },
        { ledgerNo: no(2), version: 9 },
      ],
      note: "请尽快办理",
    });
    const actions = itemActions(request);
    expect(actions).toEqual([
      { ledgerNo: no(1), action: { type: "supervise", expectedVersion: 3, note: "请尽快办理" } },
      { ledgerNo: no(2), action: { type: "supervise", expectedVersion: 9, note: "请尽快办理" } },
    ]);
    for (const { action } of actions) expect(ConcernAction.parse(action)).toEqual(action);
  });
});
