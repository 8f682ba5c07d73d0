import type { SmsLogEntry } from "@lianxin/contract";
import { SMS_KINDS, SMS_STATES } from "@lianxin/core";
import { describe, expect, it } from "vitest";
import { translator } from "../i18n/messages";
import { linkParts, newestFirst, smsRecipient, smsWordKey } from "./sms-log";

const entry = (id: string, createdAt: string): SmsLogEntry => ({
  id,
  createdAt,
  sentAt: null,
  kind: "receipt",
  state: "sent",
  ledgerNo: "LS-2026-000001",
  to: "138****8000",
  text: null,
  attempts: 0,
  lastError: null,
  departmentHead: null,
});

describe("the SMS log page", () => {
  it("lists the newest first", () => {
    const items = [
      entry("a", "2026-12-01T01:00:00.000Z"),
      entry("c", "2026-12-03T01:00:00.000Z"),
      entry("b", "2026-12-02T01:00:00.000Z"),
    ];
    expect(newestFirst(items).map((e) => e.id)).toEqual(["c", "b", "a"]);
  });
  it("has words for every kind and state core sends", () => {
    for (const kind of SMS_KINDS) expect(smsWordKey("kind", kind), kind).not.toBeNull();
    for (const state of SMS_STATES) expect(smsWordKey("state", state), state).not.toBeNull();
    expect(smsWordKey("kind", "telegram")).toBeNull();
    expect(smsWordKey("kind", "constructor")).toBeNull();
  });
  it("shows a resident's masked mobile, and an urgent alert's department head", () => {
    const tr = translator("zh-CN");
    expect(smsRecipient(tr, { to: "138****8000", departmentHead: null })).toBe("138****8000");
    expect(smsRecipient(tr, { to: "", departmentHead: "安监办" })).toBe("安监办负责人");
    expect(smsRecipient(tr, { to: "139****0001", departmentHead: "安监办" })).toBe(
      "安监办负责人 139****0001",
    );
    expect(smsRecipient(translator("en"), { to: "", departmentHead: "安监办" })).toBe(
      "Head of 安监办",
    );
  });
  it("makes the link clickable and leaves the rest as text", () => {
    const url = "http://localhost:4321/t/rate.LS-2026-000001.tmb0qz8.abcdefghij_-KLMN";
    expect(
      linkParts(`您的诉求LS-2026-000001已答复（解决到位），请于12月9日前评价：${url}`),
    ).toEqual([
      { text: "您的诉求LS-2026-000001已答复（解决到位），请于12月9日前评价：" },
      { href: url },
    ]);
    expect(linkParts(`进度：${url}。谢谢`)).toEqual([
      { text: "进度：" },
      { href: url },
      { text: "。谢谢" },
    ]);
    expect(linkParts(`see ${url}.`)).toEqual([{ text: "see " }, { href: url }, { text: "." }]);
    expect(linkParts("javascript:alert(1) 验证码••••")).toEqual([
      { text: "javascript:alert(1) 验证码••••" },
    ]);
  });
});
