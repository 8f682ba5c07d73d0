import { QUIET_HOURS } from "@lianxin/core";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  PHONE,
  type PortalForTest,
  signForAndAnswer,
  signInStaff,
  termValue,
  usePortalAndBrowser,
} from "../support/browser.js";

/**
 * Residents kept informed by SMS (issue 14), through the pages: a resident on a phone submits
 * with a mobile and is told the code went by SMS too; the local sink's page (/dev/sms) shows
 * the receipt; once a department head has signed for and answered (through the API: the back
 * office's pages have their own test), it shows the answer's SMS with its rating link, which
 * the resident opens and rates from; a tracking link cannot rate; 停止短信通知 on the
 * tracking page stops them and says so in the timeline. With JavaScript on and off.
 */
let portal: PortalForTest;
let browser: Browser;

/**
 * The API's clock, moved to about noon in Shanghai when the test runs in (or just before) the
 * SMS quiet hours, when only receipts go at once and the answer's SMS would wait for 08:00.
 */
function outsideQuietHours(): () => Date {
  const hour = (new Date().getUTCHours() + 8) % 24;
  const quiet = hour >= QUIET_HOURS.from - 1 || hour < QUIET_HOURS.until;
  const shift = quiet ? ((12 - hour + 24) % 24) * 3_600_000 : 0;
  return () => new Date(Date.now() + shift);
}

usePortalAndBrowser(
  (p, b) => {
    portal = p;
    browser = b;
  },
  { apiOverrides: { now: outsideQuietHours() } },
);

async function submitWithMobile(page: Page) {
  await page.goto(`${portal.siteUrl}/submit`);
  await page.getByLabel("所在村（社区）").selectOption({ label: "梅泾村" });
  await page.getByLabel("问题类别").selectOption({ label: "环境与河道" });
  await page.getByLabel("问题描述").fill("倪巷浜河水发黑发臭，夏天气味很大，希望尽快治理。");
  await page.getByLabel("联系电话").fill("13912345678");
  expect(await page.getByLabel("不接收短信通知").isChecked()).toBe(false);
  await page.getByRole("button", { name: "提交" }).click();
  await expect.poll(() => page.getByText("请保存好编号和查询码").count()).toBeGreaterThan(0);
  expect(await page.getByText("查询码也已用短信发到您留的手机上").count()).toBe(1);
  const ledgerNo = (await termValue(page, "台账编号").textContent())?.trim() ?? "";
  const accessCode = (await termValue(page, "查询码").textContent())?.trim() ?? "";
  expect(accessCode).toMatch(/^[0-9A-Z]{10}$/);
  return { ledgerNo, accessCode };
}

/** The row of /dev/sms for this concern and kind, reloading until the sink has it. */
async function smsRow(page: Page, ledgerNo: string, kind: string) {
  const row = page.locator("tbody tr", { hasText: ledgerNo }).filter({ hasText: kind });
  await expect
    .poll(
      async () => {
        await page.goto(`${portal.staffUrl}/dev/sms`);
        return row.count();
      },
      { timeout: 15_000 },
    )
    .toBe(1);
  return row;
}

async function rate(page: Page) {
  await page.getByLabel("满意", { exact: true }).check();
  await page.getByRole("button", { name: "提交评价" }).click();
}

describe("SMS updates", () => {
  for (const javaScriptEnabled of [true, false]) {
    it(`go with each step, link to the concern and can be stopped (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      let resident: BrowserContext | undefined;
      let staff: BrowserContext | undefined;
      try {
        resident = await browser.newContext({ ...PHONE, javaScriptEnabled });
        staff = await browser.newContext();
        const page = await resident.newPage();
        const office = await staff.newPage();
        const { ledgerNo, accessCode } = await submitWithMobile(page);

        // The receipt, as the sink took it: the number and a tracking link, the code blanked.
        await signInStaff(office, portal, "head");
        const receipt = await smsRow(office, ledgerNo, "登记回执");
        const receiptText = (await receipt.textContent()) ?? "";
        expect(receiptText).toContain("139****5678");
        expect(receiptText).toContain("••••");
        expect(receiptText).not.toContain(accessCode);
        const trackLink = await receipt.locator("a[href*='/t/track.']").getAttribute("href");
        expect(
          await receipt.getByRole("link", { name: ledgerNo, exact: true }).getAttribute("href"),
        ).toBe(`/concerns/${ledgerNo}`);

        await signForAndAnswer(portal, ledgerNo);
        const answered = await smsRow(office, ledgerNo, "已答复");
        const rateLink = await answered.locator("a[href*='/t/rate.']").getAttribute("href");
        expect(rateLink?.startsWith(`${portal.siteUrl}/t/rate.${ledgerNo}.`)).toBe(true);

        // The receipt's tracking link opens the view, but only the rating link rates.
        await page.goto(trackLink ?? "");
        expect(await termValue(page, "承办部门").textContent()).toContain("环保分局");
        await rate(page);
        await expect.poll(() => page.getByText("这个链接只能查看进度").count()).toBeGreaterThan(0);

        await page.goto(rateLink ?? "");
        expect(page.url()).not.toContain(accessCode);
        await rate(page);
        await expect.poll(() => page.getByText("感谢您的评价").count()).toBe(1);
        expect(await termValue(page, "满意程度").textContent()).toContain("满意");

        // 停止短信通知 on the tracking page (the code in the POST body, never the URL).
        await page.goto(`${portal.siteUrl}/track`);
        await page.getByLabel("台账编号").fill(ledgerNo);
        await page.getByLabel("查询码").fill(accessCode);
        await page.getByRole("button", { name: "查询" }).click();
        await page.getByRole("button", { name: "停止短信通知" }).click();
        await expect
          .poll(() => page.getByText("已停止短信通知，以后不会再给您发短信。").count())
          .toBe(1);
        expect(await page.locator(".timeline .what", { hasText: "已停止短信通知" }).count()).toBe(
          1,
        );
        expect(await page.getByRole("button", { name: "停止短信通知" }).count()).toBe(0);
        expect(page.url()).not.toContain(accessCode);
      } finally {
        await resident?.close();
        await staff?.close();
      }
    });
  }

  it("answers a malformed, forged or expired link with one page, 404", async () => {
    const context = await browser.newContext(PHONE);
    try {
      const page = await context.newPage();
      for (const token of [
        "garbage",
        "track.LS-2026-000001.zzzzzz.AAAAAAAAAAAAAAAA",
        "rate.LS-2026-000001.1.AAAAAAAAAAAAAAAA",
      ]) {
        const res = await page.goto(`${portal.siteUrl}/t/${token}`);
        expect(res?.status(), token).toBe(404);
        expect(await page.getByText("链接无效或已过期，请用编号和查询码查询").count()).toBe(1);
        expect(
          await page.getByRole("link", { name: "用编号和查询码查询" }).getAttribute("href"),
        ).toBe("/track");
      }
    } finally {
      await context.close();
    }
  });

  it("is not there for a resident who opted out, nor at /dev/sms without a session", async () => {
    const context = await browser.newContext(PHONE);
    try {
      const page = await context.newPage();
      await page.goto(`${portal.siteUrl}/submit`);
      await page.getByLabel("所在村（社区）").selectOption({ label: "梅泾村" });
      await page.getByLabel("问题类别").selectOption({ label: "环境与河道" });
      await page.getByLabel("问题描述").fill("倪巷浜河水发黑发臭，夏天气味很大，希望尽快治理。");
      await page.getByLabel("联系电话").fill("13912345678");
      await page.getByLabel("不接收短信通知").check();
      await page.getByRole("button", { name: "提交" }).click();
      await expect.poll(() => page.getByText("请保存好编号和查询码").count()).toBeGreaterThan(0);
      expect(await page.getByText("查询码也已用短信发到您留的手机上").count()).toBe(0);
      await page.getByRole("button", { name: "查看办理进度" }).click();
      await expect.poll(() => page.getByText("办理记录").count()).toBeGreaterThan(0);
      expect(await page.getByRole("button", { name: "停止短信通知" }).count()).toBe(0);

      await page.goto(`${portal.staffUrl}/dev/sms`);
      expect(new URL(page.url()).pathname).toBe("/login");
    } finally {
      await context.close();
    }
  });
});
