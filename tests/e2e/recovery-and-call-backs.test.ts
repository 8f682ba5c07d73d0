import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, type MockInstance, vi } from "vitest";
import {
  DESKTOP,
  PHONE,
  type PortalForTest,
  signForAndAnswer,
  signInStaff,
  siteCall,
  staffToken,
  submitSmellyCreek,
  termValue,
  usePortalAndBrowser,
} from "../support/browser.js";

/**
 * Issue 14's pages for residents without their code or without SMS. 忘记查询码: a resident
 * who lost the access code goes from /track's wrong-code message to /recover, gets a code by
 * SMS to the mobile on file (read from the local sink's line in the API's output: the stored
 * text blanks it), and trades it for a new access code that opens /track while the old one no
 * longer does (JavaScript on and off). 回访: a concern with only a landline, once answered, is
 * on the staff's call-back list, and a department head records the resident's rating by phone
 * from it, which strikes the concern off. Inspectors see no list, and only admin 短信发送异常.
 */
let portal: PortalForTest;
let browser: Browser;
usePortalAndBrowser((p, b) => {
  portal = p;
  browser = b;
});

// The local sink prints each SMS whole to the API's output (this process): the one place the
// one-time code shows locally.
let output: MockInstance<typeof console.log>;
beforeAll(() => {
  output = vi.spyOn(console, "log");
});
afterAll(() => output.mockRestore());

/**
 * The newest one-time code texted to this (masked) mobile since `after` lines of output,
 * waiting for the sender. The sink's line names no ledger number for a code.
 */
async function codeTextedTo(masked: string, after: number): Promise<string> {
  let code = "";
  await expect
    .poll(
      () => {
        const lines = output.mock.calls.slice(after).map((args) => args.join(" "));
        const line = lines.findLast((l) => l.includes(`→ ${masked}: `));
        code = /验证码(\d{6})/.exec(line ?? "")?.[1] ?? "";
        return code;
      },
      { timeout: 15_000 },
    )
    .toMatch(/^\d{6}$/);
  return code;
}

async function track(page: Page, ledgerNo: string, accessCode: string) {
  await page.goto(`${portal.siteUrl}/track`);
  await page.getByLabel("台账编号").fill(ledgerNo);
  await page.getByLabel("查询码").fill(accessCode);
  await page.getByRole("button", { name: "查询" }).click();
}

describe("a lost access code", () => {
  for (const javaScriptEnabled of [true, false]) {
    it(`is recovered with a code texted to the mobile on file (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      let context: BrowserContext | undefined;
      try {
        context = await browser.newContext({ ...PHONE, javaScriptEnabled });
        const page = await context.newPage();
        const { ledgerNo, accessCode } = await submitSmellyCreek(portal);

        // A wrong code on /track leads to 忘记查询码, the number carried over.
        await track(page, ledgerNo, "ABCDEFGHJK");
        await expect.poll(() => page.getByText("编号或查询码不正确").count()).toBe(1);
        await page.getByRole("link", { name: "忘记查询码？" }).first().click();
        await page.waitForURL((url) => url.pathname === "/recover");
        expect(await page.getByLabel("台账编号").inputValue()).toBe(ledgerNo);

        const before = output.mock.calls.length;
        await page.getByLabel("提交时留的手机号").fill("138-0013-8000");
        await page.getByRole("button", { name: "获取验证码" }).click();
        await expect
          .poll(() => page.getByText("如号码正确，验证码已发送至该手机（5分钟内有效）").count())
          .toBe(1);
        const code = await codeTextedTo("138****8000", before);

        // A wrong code is refused and stays as typed; the right one gives a new access code.
        const wrong = code.replace(/.$/, (d) => String((Number(d) + 1) % 10));
        await page.getByLabel("验证码", { exact: true }).fill(wrong);
        await page.getByRole("button", { name: "确认" }).click();
        await expect.poll(() => page.getByText("验证码不正确或已失效，请重新获取").count()).toBe(2);
        expect(await page.getByLabel("验证码", { exact: true }).inputValue()).toBe(wrong);
        await page.getByLabel("验证码", { exact: true }).fill(code);
        await page.getByRole("button", { name: "确认" }).click();
        await expect.poll(() => page.getByRole("heading", { name: "新的查询码" }).count()).toBe(1);
        expect(await page.getByText("原来的查询码已经不能再用").count()).toBe(1);
        const fresh = (await termValue(page, "查询码").textContent())?.trim() ?? "";
        expect(fresh).toMatch(/^[0-9A-Z]{10}$/);
        expect(fresh).not.toBe(accessCode);

        // Straight to the concern, the code in the POST body only.
        await page.getByRole("button", { name: "查看办理进度" }).click();
        await expect.poll(() => page.getByText("办理记录").count()).toBeGreaterThan(0);
        expect(page.url()).not.toContain(fresh);
        expect(page.url()).not.toContain(code);

        await track(page, ledgerNo, accessCode);
        await expect.poll(() => page.getByText("编号或查询码不正确").count()).toBe(1);
        await track(page, ledgerNo, fresh);
        await expect.poll(() => page.getByText("办理记录").count()).toBeGreaterThan(0);
      } finally {
        await context?.close();
      }
    });
  }
});

describe("the 回访 list", () => {
  it("takes a rating by phone for a resident with a landline, which strikes the concern off", async () => {
    const staff = await browser.newContext(DESKTOP);
    try {
      const { ledgerNo } = await submitSmellyCreek(portal, { contactPhone: "0510-83312345" });
      await signForAndAnswer(portal, ledgerNo);
      const { user: head } = await siteCall<{ user: { name: string } }>(portal, "/api/staff/me", {
        token: await staffToken(portal, "head"),
      });

      const page = await staff.newPage();
      await signInStaff(page, portal, "head");
      await page.goto(`${portal.staffUrl}/`);
      await page.getByRole("link", { name: /^回访/ }).click();
      await page.waitForURL((url) => url.pathname === "/call-backs");
      const row = page.locator("tbody tr", { hasText: ledgerNo });
      expect(await row.count()).toBe(1);
      const rowText = (await row.textContent()) ?? "";
      expect(rowText).toContain("仅有固定电话");
      expect(rowText).toContain("梅泾村");
      expect(rowText).toMatch(/\d+月\d+日 截止/);

      await row.getByRole("link", { name: ledgerNo }).click();
      await page.waitForURL((url) => url.pathname === `/concerns/${ledgerNo}`);
      const form = page.locator("#phone-rating");
      await form.getByLabel("满意", { exact: true }).check();
      // Blank words pass the browser's own check, not the site's: the choice stays made.
      await form.getByLabel("群众原话").fill("   ");
      await form.getByRole("button", { name: "记录评价" }).click();
      await expect.poll(() => page.getByText("请填写群众原话").count()).toBeGreaterThan(0);
      expect(
        await page.locator("#phone-rating").getByLabel("满意", { exact: true }).isChecked(),
      ).toBe(true);

      await page.locator("#phone-rating").getByLabel("群众原话").fill("河水清了，很满意。");
      await page.locator("#phone-rating").getByRole("button", { name: "记录评价" }).click();
      await expect.poll(() => page.getByText("已记录电话回访评价：满意。").count()).toBe(1);
      expect(await page.locator(".status-now").textContent()).toBe("已销号");
      expect(await page.locator("#phone-rating").count()).toBe(0);
      // The rating is the head's event; the strike-off that follows is the system's, its
      // reason in words (not `satisfied_rating`).
      const rated = page
        .locator(".timeline li", { hasText: "群众评价" })
        .filter({ hasNotText: "自动销号" });
      expect(await rated.locator(".meta").textContent()).toContain(head.name);
      const struck = page.locator(".timeline li", { hasText: "群众评价满意，自动销号" });
      expect(await struck.locator(".meta").textContent()).toContain("系统");
      expect(await page.locator(".timeline").textContent()).not.toContain("satisfied_rating");
      expect(await page.getByText("河水清了，很满意。").count()).toBeGreaterThan(0);

      await page.goto(`${portal.staffUrl}/call-backs`);
      expect(await page.locator("tbody tr", { hasText: ledgerNo }).count()).toBe(0);

      // 短信发送异常 is admin's: the head gets 无权查看.
      const sms = await page.goto(`${portal.staffUrl}/sms`);
      expect(sms?.status()).toBe(403);
      expect(await page.getByText("无权查看").count()).toBeGreaterThan(0);
    } finally {
      await staff.close();
    }
  });

  it("is not the inspectors'; admin's 短信发送异常 is in the header", async () => {
    const context = await browser.newContext(DESKTOP);
    try {
      const page = await context.newPage();
      await signInStaff(page, portal, "inspector");
      const res = await page.goto(`${portal.staffUrl}/call-backs`);
      expect(res?.status()).toBe(403);
      expect(await page.getByText("无权查看").count()).toBeGreaterThan(0);
      await page.goto(`${portal.staffUrl}/`);
      expect(await page.getByRole("link", { name: /^回访/ }).count()).toBe(0);

      await context.clearCookies();
      await signInStaff(page, portal, "admin");
      await page.goto(`${portal.staffUrl}/`);
      await page.getByRole("link", { name: /^短信异常/ }).click();
      await page.waitForURL((url) => url.pathname === "/sms");
      expect(await page.getByRole("heading", { name: "短信发送异常" }).count()).toBe(1);
      expect(await page.getByText("无权查看").count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
