import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, type PortalForTest, startPortalForTest } from "../support/browser.js";
import { createTestTable } from "../support/database.js";

/**
 * A department head logs a symposium with two concerns raised there: both go onto the
 * ledger (the receipt gives each a number and an access code; admin's ledger lists them),
 * and the head's cell of this month in the compliance matrix turns from pending to met.
 */
const DESKTOP = { viewport: { width: 1280, height: 900 }, locale: "zh-CN" };

let portal: PortalForTest;
let browser: Browser;

beforeAll(async () => {
  portal = await startPortalForTest(await createTestTable());
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

async function signIn(page: Page, username: string) {
  await page.goto(`${portal.staffUrl}/login`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码", { exact: true }).fill("demo-only-change-me");
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

async function headCell(page: Page) {
  await page.goto(`${portal.staffUrl}/compliance`);
  const row = page.getByRole("row", { name: /钱志刚/ });
  return ((await row.locator("td").nth(-2).textContent()) ?? "").trim();
}

describe("field logs, end to end", () => {
  it("logs a symposium with two concerns, which reach the ledger and the compliance matrix", async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await signIn(page, "head");
    expect(await headCell(page)).toContain("本月进行中");

    await page.goto(`${portal.staffUrl}/field-logs`);
    await page.locator("#fl-village").selectOption("meijing");
    await page.locator("#fl-group").selectOption("meijing-01");
    await page.locator("#fl-kind").selectOption("symposium");
    await page.locator("#fl-reached").fill("12");
    await page.locator("#fl-consulted").fill("12");
    await page.locator("#fl-notes").fill("倪巷组座谈会，听取村民代表意见。");
    await page.locator("#c0-category").selectOption("environment");
    await page.locator("#c0-description").fill("倪巷浜河水发黑发臭，夏天气味很大，希望尽快治理。");
    await page.locator("#c0-contactName").fill("张三");
    await page.locator("#c1-category").selectOption("roads_lighting");
    await page.locator("#c1-description").fill("倪巷组路口的路灯坏了一个多月，晚上出行很不方便。");
    await page.getByRole("button", { name: "保存日志" }).click();

    const receipt = page.getByRole("status");
    await expect.poll(() => receipt.locator("li").count()).toBe(2);
    const ledgerNos = await receipt.locator("li a").allTextContents();
    expect(ledgerNos.every((n) => /^LS-\d{4}-\d{6}$/.test(n))).toBe(true);
    expect(await receipt.locator(".code").count()).toBe(2);
    // My logs list it with both numbers.
    expect(await page.getByRole("table").textContent()).toContain(ledgerNos[0]);

    const after = await headCell(page);
    expect(after).toContain("达标");
    expect(after).not.toContain("本月进行中");
    await context.close();

    const adminContext = await browser.newContext(DESKTOP);
    const admin = await adminContext.newPage();
    await signIn(admin, "admin");
    await admin.goto(`${portal.staffUrl}/all`);
    for (const no of ledgerNos) {
      await expect.poll(() => admin.getByRole("link", { name: no }).count()).toBeGreaterThan(0);
    }
    await adminContext.close();
  });
});
