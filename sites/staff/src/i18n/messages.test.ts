import { LEDGER_VOID_STATUS_LABEL } from "@lianxin/core";
import { describe, expect, it } from "vitest";
import { ACTION_TYPES, ACTIONS } from "../lib/actions";
import { format, messages, t } from "./messages";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("messages", () => {
  it("has the same keys in every language", () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages["zh-CN"]).sort());
  });
  it("uses the same placeholders in every language", () => {
    for (const [key, zh] of Object.entries(messages["zh-CN"])) {
      expect(placeholders(messages.en[key as keyof typeof messages.en]), key).toEqual(
        placeholders(zh),
      );
    }
  });
  it("has no empty strings", () => {
    for (const table of Object.values(messages)) {
      for (const [key, value] of Object.entries(table)) expect(value.trim(), key).not.toBe("");
    }
  });
  it("fills placeholders", () => {
    expect(format("{a} and {b} and {c}", { a: 1, b: "x" })).toBe("1 and x and {c}");
    expect(t("zh-CN", "queue.total", { n: 40 })).toBe("共 40 件");
  });
  it("carries the exact accessible names the browser tests use", () => {
    const zh = messages["zh-CN"];
    expect([zh["login.username"], zh["login.password"], zh["login.submit"]]).toEqual([
      "用户名",
      "密码",
      "登录",
    ]);
    expect(ACTION_TYPES.map((a) => zh[ACTIONS[a].button])).toEqual([
      "分派",
      "签收",
      "指派",
      "首次回应",
      "答复",
      "限期办理",
      "延期",
      "添加备注",
      "督办",
      "催办",
      "退单",
      "合并",
      "销号",
      "重办",
    ]);
    expect([
      zh["field.outcome"],
      zh["field.publicReply"],
      zh["field.evidence"],
      zh["field.committedDate"],
      zh["outcome.resolved"],
      zh["outcome.explained"],
      zh["outcome.assisted"],
    ]).toEqual([
      "答复结果",
      "公开答复",
      "办理说明",
      "承诺完成日期",
      "解决到位",
      "解释到位",
      "帮扶到位",
    ]);
  });
  it("names the void status of the ledger export as core's rows do", () => {
    // The site stays without zod, so it cannot import core's ledger-void module: the words
    // are written here and held to core's label by this test.
    expect(messages["zh-CN"]["ledger.voids"]).toContain(`“${LEDGER_VOID_STATUS_LABEL.zh}”`);
    expect(messages.en["ledger.voids"]).toContain(`“${LEDGER_VOID_STATUS_LABEL.en}”`);
  });
  it("carries the review panel's words the browser test uses", () => {
    const zh = messages["zh-CN"];
    expect([zh["review.mask"], zh["review.previewReply"], zh["review.kind.phone"]]).toEqual([
      "遮盖",
      "公开答复将显示为：",
      "电话号码",
    ]);
  });
  it("carries the admin pages' accessible names", () => {
    const zh = messages["zh-CN"];
    expect([zh["cal.holidays"], zh["cal.workdays"], zh["cal.save"]]).toEqual([
      "节假日（每行：日期 名称）",
      "调休上班日（每行：日期 名称）",
      "保存",
    ]);
    expect([
      zh["limits.signFor"],
      zh["limits.respond"],
      zh["limits.answer"],
      zh["limits.unit"],
      zh["limits.save"],
      zh["unit.hours"],
      zh["unit.working_days"],
      zh["unit.days"],
    ]).toEqual([
      "签收时限",
      "首次回应时限",
      "答复时限",
      "单位",
      "保存时限",
      "小时",
      "个工作日",
      "天",
    ]);
    expect([zh["reset.staffId"], zh["reset.new"], zh["reset.repeat"], zh["reset.submit"]]).toEqual([
      "人员编号",
      "新密码",
      "确认新密码",
      "重置密码",
    ]);
    expect(t("zh-CN", "cal.fallback", { years: 2027 })).toBe(
      "2027年的法定节假日安排尚未录入：工作日按周一至周五并扣除元旦、劳动节、国庆节估算，期限可能不准。请在国务院办公厅公布后录入。",
    );
  });
  it("gives every field of every action a label in both languages", () => {
    for (const a of ACTION_TYPES) {
      for (const f of ACTIONS[a].fields) {
        expect(messages.en[f.label], `${a}.${f.name}`).toBeTruthy();
        for (const o of f.options ?? []) expect(messages["zh-CN"][o.label]).toBeTruthy();
      }
    }
  });
});
