import { describe, expect, it } from "vitest";
import {
  ACTION_TYPES,
  ACTIONS,
  actionBody,
  isLocalDate,
  isReviewed,
  normalizeLedgerNo,
  orderActions,
  readActionValues,
  shanghaiToday,
  suggestedAction,
  validateAction,
} from "./actions";

const ctx = { ledgerNo: "LS-2026-000123", today: "2026-12-01" };
const form = (entries: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.set(k, v);
  return f;
};

describe("action specs", () => {
  it("cover every action type with a button", () => {
    expect(Object.keys(ACTIONS).sort()).toEqual([...ACTION_TYPES].sort());
    for (const t of ACTION_TYPES) expect(ACTIONS[t].button).toBe(`action.${t}`);
  });
});

describe("validateAction → request body", () => {
  it("accept has no fields", () => {
    const v = validateAction("accept", readActionValues("accept", form({})), ctx);
    expect(v).toEqual({ ok: true, fields: {} });
    expect(actionBody("accept", 3, {})).toEqual({ type: "accept", expectedVersion: 3 });
  });
  it("return needs a reason, trimmed", () => {
    expect(validateAction("return", { reason: "  " }, ctx)).toEqual({
      ok: false,
      problems: { reason: { key: "val.required" } },
    });
    expect(validateAction("return", { reason: " 不属本部门 " }, ctx)).toEqual({
      ok: true,
      fields: { reason: "不属本部门" },
    });
    const long = validateAction("return", { reason: "字".repeat(501) }, ctx);
    expect(long).toEqual({
      ok: false,
      problems: { reason: { key: "val.tooLong", vars: { max: 500, n: 501 } } },
    });
  });
  it("respond checks the method", () => {
    expect(validateAction("respond", { method: "phone", summary: "已电话联系" }, ctx)).toEqual({
      ok: true,
      fields: { method: "phone", summary: "已电话联系" },
    });
    const bad = validateAction("respond", { method: "fax", summary: "" }, ctx);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.problems.method?.key).toBe("val.choose");
      expect(bad.problems.summary?.key).toBe("val.required");
    }
  });
  it("answer: outcome from the three, reply required, evidence optional", () => {
    expect(
      validateAction("answer", { outcome: "resolved", publicReply: "已修复", evidence: "" }, ctx),
    ).toEqual({ ok: true, fields: { outcome: "resolved", publicReply: "已修复" } });
    expect(
      validateAction(
        "answer",
        { outcome: "assisted", publicReply: "已帮扶", evidence: "照片存档" },
        ctx,
      ),
    ).toEqual({
      ok: true,
      fields: { outcome: "assisted", publicReply: "已帮扶", evidence: "照片存档" },
    });
    const bad = validateAction("answer", { outcome: "done", publicReply: "x" }, ctx);
    expect(bad.ok ? null : bad.problems.outcome?.key).toBe("val.choose");
  });
  it("answer: the public reply is reviewed, and the body carries the decisions made", () => {
    expect(ACTION_TYPES.filter(isReviewed)).toEqual(["answer"]);
    const fields = { outcome: "explained", publicReply: "请拨打83456789咨询" };
    expect(actionBody("answer", 4, fields, { mask: ["83456789"], keep: [] })).toEqual({
      type: "answer",
      expectedVersion: 4,
      ...fields,
      review: { mask: ["83456789"], keep: [] },
    });
    expect(actionBody("answer", 4, fields, { mask: [], keep: [] })).toEqual({
      type: "answer",
      expectedVersion: 4,
      ...fields,
    });
  });
  it("answer and note: the evidence files' upload ids go to the API as an array", () => {
    const ids = ["uAAAAAAAAAAAAAAAAAAAAA1", "uAAAAAAAAAAAAAAAAAAAAA2"];
    expect(actionBody("note", 2, { text: "现场照片" }, undefined, ids)).toEqual({
      type: "note",
      expectedVersion: 2,
      text: "现场照片",
      evidenceFiles: ids,
    });
    expect(actionBody("note", 2, { text: "无附件" }, undefined, [])).toEqual({
      type: "note",
      expectedVersion: 2,
      text: "无附件",
    });
  });
  it("defer needs a real date not in the past", () => {
    expect(
      validateAction("defer", { committedDate: "2026-12-31", reason: "资金到位后施工" }, ctx),
    ).toEqual({ ok: true, fields: { committedDate: "2026-12-31", reason: "资金到位后施工" } });
    expect(
      validateAction("defer", { committedDate: "2026/12/31", reason: "x" }, ctx),
    ).toMatchObject({ ok: true, fields: { committedDate: "2026-12-31" } });
    const bad = (d: string) => {
      const v = validateAction("defer", { committedDate: d, reason: "x" }, ctx);
      return v.ok ? null : v.problems.committedDate?.key;
    };
    expect(bad("2026-02-30")).toBe("val.date");
    expect(bad("明天")).toBe("val.date");
    expect(bad("2026-11-30")).toBe("val.datePast");
    expect(bad("2026-12-01")).toBeNull();
  });
  it("extend: a whole number of working days, 1 to 15", () => {
    expect(
      validateAction("extend", { workingDays: "15", publicReason: "需协调电力" }, ctx),
    ).toEqual({
      ok: true,
      fields: { workingDays: 15, publicReason: "需协调电力" },
    });
    expect(validateAction("extend", { workingDays: "３", publicReason: "x" }, ctx)).toMatchObject({
      ok: true,
      fields: { workingDays: 3 },
    });
    for (const n of ["0", "16", "2.5", "abc"]) {
      const v = validateAction("extend", { workingDays: n, publicReason: "x" }, ctx);
      expect(v.ok ? null : v.problems.workingDays).toEqual({
        key: "val.integerRange",
        vars: { min: 1, max: 15 },
      });
    }
  });
  it("merge normalises the target and refuses itself", () => {
    expect(validateAction("merge", { targetLedgerNo: " ls-2026-77 " }, ctx)).toEqual({
      ok: true,
      fields: { targetLedgerNo: "LS-2026-000077" },
    });
    const self = validateAction("merge", { targetLedgerNo: "LS-2026-000123" }, ctx);
    expect(self.ok ? null : self.problems.targetLedgerNo?.key).toBe("val.mergeSelf");
    const bad = validateAction("merge", { targetLedgerNo: "枫杨路" }, ctx);
    expect(bad.ok ? null : bad.problems.targetLedgerNo?.key).toBe("val.ledgerNo");
  });
  it("dispatch and assign check against the offered choices when known", () => {
    const c = { ...ctx, choices: { departmentId: ["env-bureau"], assigneeId: ["u1"] } };
    expect(validateAction("dispatch", { departmentId: "env-bureau" }, c)).toEqual({
      ok: true,
      fields: { departmentId: "env-bureau" },
    });
    expect(validateAction("dispatch", { departmentId: "nope" }, c).ok).toBe(false);
    expect(validateAction("assign", { assigneeId: "" }, c).ok).toBe(false);
    expect(validateAction("assign", { assigneeId: "anyone" }, ctx).ok).toBe(true);
  });
  it("note, supervise, strike_off and redo need their text", () => {
    expect(validateAction("note", { text: "已约下周现场查看" }, ctx).ok).toBe(true);
    expect(validateAction("supervise", { note: "" }, ctx).ok).toBe(false);
    expect(validateAction("strike_off", { verificationNote: "现场核实已整改" }, ctx).ok).toBe(true);
    expect(validateAction("redo", { reason: "" }, ctx).ok).toBe(false);
  });
});

describe("helpers", () => {
  it("orders actions and suggests the likely next one", () => {
    expect(orderActions(["note", "accept", "return", "bogus"])).toEqual([
      "accept",
      "note",
      "return",
    ]);
    expect(suggestedAction(["note", "return", "accept"], "assigned")).toBe("accept");
    expect(suggestedAction(["note", "respond", "answer", "defer"], "accepted")).toBe("respond");
    expect(suggestedAction(["note", "answer", "defer"], "in_progress")).toBe("answer");
    expect(suggestedAction(["dispatch", "note"], "triage")).toBe("dispatch");
    expect(suggestedAction(["note", "supervise"], "assigned")).toBe("supervise");
    expect(suggestedAction(["note"], "struck_off")).toBeNull();
  });
  it("normalises ledger numbers and dates", () => {
    expect(normalizeLedgerNo("LS－2026－000123")).toBe("LS-2026-000123");
    expect(normalizeLedgerNo("LS-26-1")).toBeNull();
    expect(isLocalDate("2026-02-14")).toBe(true);
    expect(isLocalDate("2026-13-01")).toBe(false);
    expect(shanghaiToday(new Date("2026-12-01T17:00:00Z"))).toBe("2026-12-02");
    expect(shanghaiToday(new Date("2026-12-01T15:59:00Z"))).toBe("2026-12-01");
  });
});
