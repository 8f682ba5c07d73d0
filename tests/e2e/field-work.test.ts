import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  DESKTOP,
  expectChartsDrawn,
  type PortalForTest,
  signInStaff,
  usePortalAndBrowser,
} from "../support/browser.js";

/**
 * A department head logs a symposium with two concerns raised there: both go onto the
 * ledger (the receipt gives each a number and an access code; admin's ledger lists them),
 * and the head's cell of this month in the compliance matrix turns from pending to met; the
 * public statistics page counts it in the town totals (and its concerns among the year's
 * ledger numbers). Then: concern blocks added with and without JavaScript, a service day
 * recorded as held, a party member edited.
 */
let portal: PortalForTest;
let browser: Browser;

usePortalAndBrowser((p, b) => {
  portal = p;
  browser = b;
});

async function headCell(page: Page) {
  await page.goto(`${portal.staffUrl}/compliance`);
  const row = page.getByRole("row", { name: /钱志刚/ });
  return ((await row.locator("td").nth(-2).textContent()) ?? "").trim();
}

describe("field logs, end to end", () => {
  it("logs a symposium with two concerns, which reach the ledger and the compliance matrix", async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await signInStaff(page, portal, "head");
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
    await signInStaff(admin, portal, "admin");
    await admin.goto(`${portal.staffUrl}/all`);
    for (const no of ledgerNos) {
      await expect.poll(() => admin.getByRole("link", { name: no }).count()).toBeGreaterThan(0);
    }
    await adminContext.close();
  });

  it("shows the town totals on the public statistics page, the symposium counted", async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await page.goto(`${portal.siteUrl}/statistics`);
    const section = page.getByRole("region", { name: "扎根行动全镇合计" });
    const tile = section.locator("dl.totals > div").filter({ hasText: "召开座谈会（场）" });
    expect(((await tile.locator("dd").textContent()) ?? "").trim()).toBe("1");
    expect(await section.locator("dl.totals > div").count()).toBe(10);
    // The ledger year's line: the symposium's two concerns are numbered, none voided.
    const ledger = page.getByRole("region", { name: "台账编号" });
    expect(await ledger.textContent()).toMatch(
      /本年度（\d{4}年）已编号 (\d+) 个，其中登记诉求 \1 件，作废 0 个。/,
    );
    expect(await ledger.textContent()).toContain("作废编号是已经预留、但登记没有完成的编号");
    // The chart islands draw under the site's Content-Security-Policy.
    await expectChartsDrawn(page);
    await context.close();
  });

  it("adds concern blocks: in place with JavaScript, by posting back without, nothing lost", async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await signInStaff(page, portal, "head");
    await page.goto(`${portal.staffUrl}/field-logs`);
    expect(await page.locator("fieldset.concern-block").count()).toBe(2);
    await page.locator("#fl-notes").fill("走访记录");
    await page.locator("#c1-description").fill("第二个问题的描述，至少十个字。");
    const url = page.url();
    await page.getByRole("button", { name: "再加一个问题" }).click();
    await expect.poll(() => page.locator("fieldset.concern-block").count()).toBe(3);
    expect(page.url()).toBe(url);
    expect(await page.locator("#concern-2 legend").textContent()).toBe("问题 3");
    // The focus moves into the new block.
    expect(await page.locator(":focus").getAttribute("id")).toBe("c2-category");
    expect(await page.locator("#c1-description").inputValue()).toBe(
      "第二个问题的描述，至少十个字。",
    );
    expect(await page.locator("#fl-notes").inputValue()).toBe("走访记录");
    await context.close();

    // Without JavaScript the button posts the form back: shown again with one block more.
    const plain = await browser.newContext({ ...DESKTOP, javaScriptEnabled: false });
    const noJs = await plain.newPage();
    await signInStaff(noJs, portal, "head");
    await noJs.goto(`${portal.staffUrl}/field-logs`);
    await noJs.locator("#fl-village").selectOption("meijing");
    await noJs.locator("#fl-kind").selectOption("household_visits");
    await noJs.locator("#fl-reached").fill("5");
    await noJs.locator("#fl-notes").fill("入户走访五户。");
    await noJs.locator("#c0-category").selectOption("environment");
    await noJs
      .locator("#c0-description")
      .fill("倪巷组垃圾清运不及时，气味很大，希望增加清运次数。");
    for (const blocks of [3, 4]) {
      await noJs.getByRole("button", { name: "再加一个问题" }).click();
      await noJs.waitForLoadState();
      expect(await noJs.locator("fieldset.concern-block").count()).toBe(blocks);
    }
    expect(await noJs.locator("#fl-village").inputValue()).toBe("meijing");
    expect(await noJs.locator("#fl-kind").inputValue()).toBe("household_visits");
    expect(await noJs.locator("#fl-reached").inputValue()).toBe("5");
    expect(await noJs.locator("#fl-notes").inputValue()).toBe("入户走访五户。");
    expect(await noJs.locator("#c0-category").inputValue()).toBe("environment");
    expect(await noJs.locator("#c0-description").inputValue()).toContain("垃圾清运");
    await noJs.locator("#c3-category").selectOption("roads_lighting");
    await noJs.locator("#c3-description").fill("倪巷组东头的路灯不亮了，晚上出行不便，希望修复。");
    await noJs.getByRole("button", { name: "保存日志" }).click();
    await noJs.waitForLoadState();
    // The two blocks with a description go onto the ledger; the empty ones are left out.
    expect(await noJs.getByRole("status").locator("li").count()).toBe(2);
    await plain.close();
  });

  it("records a service day held: 已举行, with a link to its field log", async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await signInStaff(page, portal, "leader");
    await page.goto(`${portal.staffUrl}/service-days`);
    const rows = page.locator("table.held-days tbody tr");
    const first = rows.first();
    const date = ((await first.locator("td").first().textContent()) ?? "").slice(0, 10);
    const village = ((await first.locator("td").nth(1).textContent()) ?? "").trim();
    expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await first.getByLabel("接触群众（人次）").fill("15");
    await first.getByLabel("征求意见（人）").fill("6");
    await first.getByRole("button", { name: "记为已举行" }).click();
    await page.waitForURL((u) => u.searchParams.get("held") === "1");
    expect(await page.getByRole("status").textContent()).toContain("已记为已举行");

    const row = page
      .locator("table.held-days tbody tr")
      .filter({ hasText: date })
      .filter({ hasText: village })
      .first();
    expect(await row.textContent()).toContain("已举行");
    await row.getByRole("link", { name: "查看日志" }).click();
    await page.waitForURL((u) => u.pathname === "/field-logs");
    const logId = new URL(page.url()).hash.slice(1);
    const log = page.locator(`tr[id="${logId}"]`);
    expect(await log.textContent()).toContain("一线办公");
    expect(await log.textContent()).toContain("15");
    await context.close();
  });

  it("edits a party member in a form filled with what is registered", async () => {
    const context = await browser.newContext({ ...DESKTOP, javaScriptEnabled: false });
    const page = await context.newPage();
    await signInStaff(page, portal, "admin");
    await page.goto(`${portal.staffUrl}/party-members?villageId=meijing`);
    const row = page.locator("table.queue tbody tr").first();
    const name = ((await row.locator("td").first().textContent()) ?? "").replace("演示", "").trim();
    await row.getByRole("link", { name: `修改 ${name}` }).click();
    expect(await page.locator("#pm-e-name").inputValue()).toBe(name);
    const title = await page.locator("#pm-e-title").inputValue();
    expect(title).not.toBe("");
    await page.locator("#pm-e-title").fill("政策宣讲员（改）");
    await page.getByRole("button", { name: "保存修改" }).click();
    await page.waitForURL((u) => u.searchParams.get("saved") === "1");
    expect(await page.locator("table.queue").textContent()).toContain("政策宣讲员（改）");
    await context.close();
  });
});
