import { describe, expect, it } from "vitest";
import { mainlandMobile, mobileE164, residentPhoneKey } from "./resident-phone.js";
import { retryDelayMs, sendableFrom, smsUpdatesAtRegistration } from "./sms-policy.js";
import {
  DEFAULT_SMS_SIGNATURE,
  renderSms,
  SMS_KINDS,
  SMS_TEMPLATES,
  smsSegments,
  smsTemplateParams,
} from "./sms-texts.js";

/** Shanghai wall-clock time as a UTC instant. */
const shanghai = (local: string) => new Date(Date.parse(`${local}Z`) - 8 * 3_600_000);

describe("quiet hours", () => {
  it("hold updates from 22:00 to 08:00 Shanghai time, never receipts, codes or urgent alerts", () => {
    const at = (local: string) => sendableFrom("answered", shanghai(local)).toISOString();
    expect(at("2026-12-07T21:59:59")).toBe(shanghai("2026-12-07T21:59:59").toISOString());
    expect(at("2026-12-07T22:00:00")).toBe(shanghai("2026-12-08T08:00:00").toISOString());
    expect(at("2026-12-07T23:59:00")).toBe(shanghai("2026-12-08T08:00:00").toISOString());
    expect(at("2026-12-08T00:10:00")).toBe(shanghai("2026-12-08T08:00:00").toISOString());
    expect(at("2026-12-08T07:59:59")).toBe(shanghai("2026-12-08T08:00:00").toISOString());
    expect(at("2026-12-08T08:00:00")).toBe(shanghai("2026-12-08T08:00:00").toISOString());
    // The last night of the year waits into the new one.
    expect(at("2026-12-31T23:00:00")).toBe(shanghai("2027-01-01T08:00:00").toISOString());
    for (const kind of ["receipt", "one_time_code", "urgent_alert"] as const) {
      const night = shanghai("2026-12-07T23:30:00");
      expect(sendableFrom(kind, night)).toEqual(night);
    }
  });

  it("retries back off 1, 2, 4, 8 minutes", () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
  });
});

describe("who gets SMS", () => {
  const online = {
    channel: "online" as const,
    anonymous: false,
    contactPhone: "13800138000",
    optedOut: false,
    residentTold: false,
  };
  it("a resident online with a mainland mobile, unless anonymous or opted out", () => {
    expect(smsUpdatesAtRegistration(online)).toBe(true);
    expect(smsUpdatesAtRegistration({ ...online, anonymous: true })).toBe(false);
    expect(smsUpdatesAtRegistration({ ...online, optedOut: true })).toBe(false);
    expect(smsUpdatesAtRegistration({ ...online, contactPhone: "0510-83312345" })).toBe(false);
    expect(smsUpdatesAtRegistration({ ...online, contactPhone: null })).toBe(false);
  });
  it("never through Open311; from a call or a visit only when staff told the resident", () => {
    expect(smsUpdatesAtRegistration({ ...online, channel: "open311", residentTold: true })).toBe(
      false,
    );
    expect(smsUpdatesAtRegistration({ ...online, channel: "phone" })).toBe(false);
    expect(smsUpdatesAtRegistration({ ...online, channel: "phone", residentTold: true })).toBe(
      true,
    );
    expect(smsUpdatesAtRegistration({ ...online, channel: "in_person", residentTold: true })).toBe(
      true,
    );
  });
});

describe("mobile numbers", () => {
  it("are read however written; landlines and extensions take no SMS", () => {
    for (const written of ["13800138000", "+86 138-0013-8000", "8613800138000", "138 0013 8000"]) {
      expect(mainlandMobile(written)).toBe("13800138000");
    }
    for (const other of ["0510-83312345", "83312345", "13800138000转8", "12800138000", "", null]) {
      expect(mainlandMobile(other)).toBeNull();
    }
    expect(mobileE164("13800138000")).toBe("+8613800138000");
  });
  it("are found by a keyed hash that depends on the key", () => {
    const a = residentPhoneKey("13800138000", "k1");
    expect(a).toBe(residentPhoneKey("13800138000", "k1"));
    expect(a).not.toBe(residentPhoneKey("13800138000", "k2"));
    expect(a).not.toBe(residentPhoneKey("13800138001", "k1"));
    expect(a).not.toContain("13800138000");
  });
});

describe("SMS texts", () => {
  const sample: Record<string, string> = {
    ledgerNo: "LS-2026-000123",
    code: "7KQ2M9X4PA",
    link: "https://lianxin.luoshe.gov.cn/t/rate.LS-2026-000123.tdx1c0.AbCdEfGhIjKlMnOp",
    department: "环保分局",
    date: "12月16日",
    reason: "需等汛期过后清淤",
    outcome: "解决到位",
    category: "安全隐患",
  };
  it("fill every parameter and refuse a missing one", () => {
    for (const kind of SMS_KINDS) {
      const text = renderSms(kind, sample, DEFAULT_SMS_SIGNATURE);
      expect(text.startsWith(DEFAULT_SMS_SIGNATURE)).toBe(true);
      expect(text).not.toMatch(/[{}]/);
      expect(smsTemplateParams(kind).length).toBeGreaterThan(0);
    }
    expect(() => renderSms("receipt", { ledgerNo: "x" }, "")).toThrow(/code/);
  });
  it("fit one segment without a link and two with one", () => {
    for (const kind of SMS_KINDS) {
      const text = renderSms(kind, sample, DEFAULT_SMS_SIGNATURE);
      const hasLink = SMS_TEMPLATES[kind].includes("{link}");
      expect({ kind, segments: smsSegments(text) }).toEqual({ kind, segments: hasLink ? 2 : 1 });
    }
    expect(smsSegments("字".repeat(70))).toBe(1);
    expect(smsSegments("字".repeat(71))).toBe(2);
    expect(smsSegments("字".repeat(135))).toBe(3);
  });
});
