import { describe, expect, it } from "vitest";
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
    expect(t("zh-CN", "form.counter", { n: 12, max: 4000 })).toBe("已写12字，最多4000字");
  });
  it("carries the exact accessible labels the browser tests use", () => {
    const zh = messages["zh-CN"];
    expect([
      zh["form.village"],
      zh["form.group"],
      zh["form.category"],
      zh["form.title"],
      zh["form.description"],
      zh["form.address"],
      zh["form.contactName"],
      zh["form.contactPhone"],
      zh["form.anonymous"],
      zh["form.submit"],
      zh["track.ledgerNo"],
      zh["track.accessCode"],
      zh["track.submit"],
      zh["track.addText"],
      zh["track.addSubmit"],
      zh["rating.satisfied"],
      zh["rating.basically_satisfied"],
      zh["rating.dissatisfied"],
      zh["rate.comment"],
      zh["rate.submit"],
      zh["notices.q"],
      zh["notices.next"],
      zh["nav.notices"],
    ]).toEqual([
      "所在村（社区）",
      "村民小组",
      "问题类别",
      "标题",
      "问题描述",
      "地址",
      "联系人",
      "联系电话",
      "匿名提交",
      "提交",
      "台账编号",
      "查询码",
      "查询",
      "补充说明",
      "补充",
      "满意",
      "基本满意",
      "不满意",
      "评价意见",
      "提交评价",
      "关键词",
      "下一页",
      "公示",
    ]);
  });
  it("carries 我的诉求's labels and notes as its browser test reads them", () => {
    const zh = messages["zh-CN"];
    expect([
      zh["nav.mine"],
      zh["mine.fromTrack"],
      zh["mine.phone"],
      zh["mine.send"],
      zh["mine.sent"],
      zh["mine.code"],
      zh["mine.verify"],
      zh["mine.signOut"],
      zh["mine.expired"],
    ]).toEqual([
      "我的诉求",
      "用手机号查看我的全部诉求",
      "手机号",
      "获取验证码",
      "如该号码提交过诉求，验证码已发送（5分钟内有效）",
      "验证码",
      "登录",
      "退出",
      "登录已过期，请重新获取验证码",
    ]);
  });
});
