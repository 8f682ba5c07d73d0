import { buildDemoDirectory } from "@lianxin/core/demo";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { PHONE, type PortalForTest, termValue, usePortalAndBrowser } from "../support/browser.js";

/**
 * A resident on a phone: submits the smelly-creek concern for 梅泾村, sees it routed to
 * 环保分局 and the village's contact leader, keeps the number and code, and tracks it.
 * Once with JavaScript (the React island enhances the form) and once without.
 */
const directory = buildDemoDirectory();
const meijing = directory.villages.find((v) => v.id === "meijing");
const leader = directory.leaders.find((l) => l.id === meijing?.contactLeaderId);
const CONTACT_NAME = "倪阿姨";
const CONTACT_PHONE = "13912345678";

let portal: PortalForTest;
let browser: Browser;

usePortalAndBrowser((p, b) => {
  portal = p;
  browser = b;
});

/** The value shown beside a term in a definition list. */
async function submitSmellyCreek(page: Page) {
  await page.goto(portal.siteUrl);
  await page.getByRole("link", { name: "我要反映问题" }).click();
  await page.getByLabel("所在村（社区）").selectOption({ label: "梅泾村" });
  await page.getByLabel("问题类别").selectOption({ label: "环境与河道" });
  await page.getByLabel("标题").fill("倪巷浜臭水河");
  await page
    .getByLabel("问题描述")
    .fill("倪巷浜河水发黑发臭，夏天气味很大，附近居民经常“感冒”，希望尽快治理。");
  await page.getByLabel("联系人").fill(CONTACT_NAME);
  await page.getByLabel("联系电话").fill(CONTACT_PHONE);
  await page.getByRole("button", { name: "提交" }).click();
  await expect.poll(() => page.getByText("请保存好编号和查询码").count()).toBeGreaterThan(0);
  const ledgerNo = (await termValue(page, "台账编号").textContent())?.trim() ?? "";
  const accessCode = (await termValue(page, "查询码").textContent())?.trim() ?? "";
  expect(ledgerNo).toMatch(/^LS-\d{4}-\d{6}$/);
  expect(accessCode).toMatch(/^[0-9A-Z]{10}$/);
  expect(await termValue(page, "承办部门").textContent()).toContain("环保分局");
  expect(await termValue(page, "驻村领导").textContent()).toContain(leader?.name ?? "?");
  // The code is never put in the address bar.
  expect(page.url()).not.toContain(accessCode);
  return { ledgerNo, accessCode };
}

async function trackIt(page: Page, ledgerNo: string, accessCode: string) {
  await page.goto(`${portal.siteUrl}/track`);
  await page.getByLabel("台账编号").fill(ledgerNo.toLowerCase());
  await page.getByLabel("查询码").fill(accessCode);
  await page.getByRole("button", { name: "查询" }).click();
  await expect.poll(() => termValue(page, "承办部门").count()).toBeGreaterThan(0);
  expect(page.url()).not.toContain(accessCode);
  expect(await termValue(page, "承办部门").textContent()).toContain("环保分局");
  expect(await termValue(page, "驻村领导").textContent()).toContain(leader?.name ?? "?");
  expect(await termValue(page, "所在村").textContent()).toContain("梅泾村");
  const html = await page.content();
  expect(html).not.toContain(CONTACT_NAME);
  expect(html).not.toContain(CONTACT_PHONE);
}

describe("a resident on a phone", () => {
  for (const javaScriptEnabled of [true, false]) {
    it(`submits a concern and tracks it (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      let context: BrowserContext | undefined;
      try {
        context = await browser.newContext({ ...PHONE, javaScriptEnabled });
        const page = await context.newPage();
        const { ledgerNo, accessCode } = await submitSmellyCreek(page);
        await trackIt(page, ledgerNo, accessCode);

        // Adds information, which joins the public timeline.
        await page.getByLabel("补充说明").fill("今天河面上漂着死鱼。");
        await page.getByRole("button", { name: "补充" }).click();
        await expect.poll(() => page.getByText("今天河面上漂着死鱼。").count()).toBeGreaterThan(0);

        // A wrong code reveals nothing.
        await page.goto(`${portal.siteUrl}/track`);
        await page.getByLabel("台账编号").fill(ledgerNo);
        await page.getByLabel("查询码").fill("0000000000");
        await page.getByRole("button", { name: "查询" }).click();
        await expect.poll(() => page.getByText("编号或查询码不正确").count()).toBeGreaterThan(0);
      } finally {
        await context?.close();
      }
    });
  }

  it("sees live validation when JavaScript is on", async () => {
    const context = await browser.newContext(PHONE);
    try {
      const page = await context.newPage();
      await page.goto(`${portal.siteUrl}/submit`);
      await page.getByLabel("问题描述").fill("太臭了");
      await page.getByLabel("问题描述").blur();
      const description = page.getByLabel("问题描述");
      await expect.poll(() => description.getAttribute("aria-invalid")).toBe("true");

      // The tracking form checks its fields too, and sends nothing that cannot be a match.
      await page.goto(`${portal.siteUrl}/track`);
      const ledgerNo = page.getByLabel("台账编号");
      await ledgerNo.fill("LS-2026-12");
      await ledgerNo.blur();
      await expect.poll(() => ledgerNo.getAttribute("aria-invalid")).toBe("true");
      await expect
        .poll(() => page.getByText("台账编号的格式是 LS-年份-6位数字").count())
        .toBeGreaterThan(0);
      const posts: string[] = [];
      page.on("request", (r) => {
        if (r.method() === "POST") posts.push(r.url());
      });
      await page.getByRole("button", { name: "查询" }).click();
      await expect.poll(() => page.getByText("请填写查询码").count()).toBeGreaterThan(0);
      expect(posts).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
