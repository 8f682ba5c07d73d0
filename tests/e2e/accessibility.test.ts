import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations } from "../support/axe.js";
import {
  type PortalForTest,
  signForAndAnswer,
  signInStaff,
  submitSmellyCreek,
  usePortalAndBrowser,
} from "../support/browser.js";
import { useTextedCodes } from "../support/sms-sink.js";

/**
 * axe-core (WCAG 2.1 A and AA rules) on the pages residents and staff use most, as they
 * render: forms empty and with the server's objections, the receipt, the tracked concern, an
 * invalid SMS link, 我的诉求 (sign-in, list, a concern from it), the notices, and the back office's sign-in, queue, concern page, SMS log,
 * ledger and dashboard. Each page must have no violation at all.
 */

let portal: PortalForTest;
let browser: Browser;

usePortalAndBrowser((p, b) => {
  portal = p;
  browser = b;
});
const sms = useTextedCodes();

describe("accessibility (axe-core, WCAG 2.1 AA)", () => {
  it("has no violation on the residents' pages", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const found: Record<string, string[]> = {};
    const check = async (name: string) => {
      found[name] = await axeViolations(page);
    };
    try {
      await page.goto(portal.siteUrl);
      await check("home");
      await page.goto(`${portal.siteUrl}/submit`);
      await check("submission form");
      await page.getByRole("button", { name: "提交" }).click();
      await page.waitForLoadState();
      await check("submission form with objections");
      await page.getByLabel("所在村（社区）").selectOption({ label: "梅泾村" });
      await page.getByLabel("问题类别").selectOption({ label: "环境与河道" });
      await page.getByLabel("问题描述").fill("倪巷浜河水发黑发臭，夏天气味很大，希望尽快治理。");
      await page.getByLabel("联系电话").fill("13912345678");
      await page.getByRole("button", { name: "提交" }).click();
      await page.getByText("请保存好编号和查询码").waitFor();
      await check("receipt");
      // The tracked concern, with its 停止短信通知 form.
      await page.getByRole("button", { name: "查看办理进度" }).click();
      await page.getByRole("button", { name: "停止短信通知" }).waitFor();
      await check("tracked concern");
      await page.goto(`${portal.siteUrl}/t/track.LS-2026-000001.zzzzzz.AAAAAAAAAAAAAAAA`);
      await check("invalid SMS link");
      await page.goto(`${portal.siteUrl}/track`);
      await check("tracking form");
      // 忘记查询码: both steps, and a code the site refuses.
      await page.goto(`${portal.siteUrl}/recover`);
      await check("recovery form");
      await page.getByLabel("台账编号").fill("LS-2026-000001");
      await page.getByLabel("提交时留的手机号").fill("13912345678");
      await page.getByRole("button", { name: "获取验证码" }).click();
      await page.getByLabel("验证码", { exact: true }).fill("12");
      await check("recovery code");
      await page.getByRole("button", { name: "确认" }).click();
      await page.getByText("验证码是6位数字").first().waitFor();
      await check("recovery code with objections");
      // 我的诉求: both sign-in steps (and the site's objection), the list, a concern from it.
      await page.goto(`${portal.siteUrl}/mine`);
      await check("my concerns sign-in");
      await page.getByLabel("手机号").fill("12");
      await page.getByRole("button", { name: "获取验证码" }).click();
      await page.getByText("请填写11位手机号").first().waitFor();
      await check("my concerns sign-in with objections");
      const mark = sms.mark();
      await page.getByLabel("手机号").fill("13912345678");
      await page.getByRole("button", { name: "获取验证码" }).click();
      const code = await sms.codeTextedTo("139****5678", mark);
      await check("my concerns code");
      await page.getByLabel("验证码", { exact: true }).fill(code);
      await page.getByRole("button", { name: "登录" }).click();
      await page.locator(".mine-list > li").first().waitFor();
      await check("my concerns list");
      await page.locator(".mine-list > li a").first().click();
      await page.getByRole("heading", { name: "办理记录" }).waitFor();
      await check("my concern");
      await page.goto(`${portal.siteUrl}/notices`);
      await check("notices");
      await page.goto(`${portal.siteUrl}/statistics`);
      await check("statistics");
      await page.goto(`${portal.siteUrl}/lang?to=en&next=/submit`);
      expect(await page.getAttribute("html", "lang")).toBe("en");
      await check("submission form in English");
    } finally {
      await context.close();
    }
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
  });

  it("has no violation on the back office's pages", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const found: Record<string, string[]> = {};
    const check = async (name: string) => {
      found[name] = await axeViolations(page);
    };
    try {
      await page.goto(`${portal.staffUrl}/login`);
      await check("sign-in");
      await signInStaff(page, portal, "admin");
      await check("queue");
      await page.goto(`${portal.staffUrl}/triage`);
      await check("triage");
      await page.goto(`${portal.staffUrl}/ledger`);
      await check("ledger");
      await page.goto(`${portal.staffUrl}/dashboard`);
      await check("dashboard");
      await page.goto(`${portal.staffUrl}/notices`);
      await check("notices");
      // A concern's page, with its timeline and one form per allowed action.
      const { ledgerNo } = await submitSmellyCreek(portal);
      await page.goto(`${portal.staffUrl}/concerns/${ledgerNo}`);
      await check("concern page");
      // The local SMS sink's page, its receipt listed.
      await page.goto(`${portal.staffUrl}/dev/sms`);
      await page.locator("tbody tr", { hasText: ledgerNo }).first().waitFor();
      await check("SMS log");
      // 回访: the list, and a landline resident's answered concern with 电话回访评价; then
      // admin's 短信发送异常.
      const landline = await submitSmellyCreek(portal, { contactPhone: "0510-83312345" });
      await signForAndAnswer(portal, landline.ledgerNo);
      await page.goto(`${portal.staffUrl}/call-backs`);
      await check("call-back list");
      await page.goto(`${portal.staffUrl}/concerns/${landline.ledgerNo}`);
      await page.locator("#phone-rating").waitFor();
      await check("concern page with a rating by phone");
      await page.goto(`${portal.staffUrl}/sms`);
      await check("SMS needing attention");
      // A background export's page, and the same in English.
      await page.goto(`${portal.staffUrl}/ledger`);
      await page.getByRole("button", { name: "在后台生成" }).click();
      await page.waitForURL(/\/ledger\/exports\//);
      await check("background export");
      await page.goto(`${portal.staffUrl}/lang?to=en&next=/`);
      expect(await page.getAttribute("html", "lang")).toBe("en");
      await check("queue in English");
    } finally {
      await context.close();
    }
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
  });
});
