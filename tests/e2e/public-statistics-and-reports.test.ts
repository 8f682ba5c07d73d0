import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations } from "../support/axe.js";
import {
  DESKTOP,
  PHONE,
  type PortalForTest,
  signInStaff,
  usePortalAndBrowser,
} from "../support/browser.js";

/**
 * Issue 17: the public statistics on a 390 px phone (closed and published, a table that
 * scrolls inside a focusable, labelled region with a visible cue, month labels kept whole,
 * axe clean), and the quarterly report's department list and draft save.
 */
let portal: PortalForTest;
let browser: Browser;

usePortalAndBrowser((p, b) => {
  portal = p;
  browser = b;
});

describe("public statistics on a phone", () => {
  it("says what is closed and published, and its tables are usable at 390 px", async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${portal.siteUrl}/statistics`);
    await expect.poll(() => page.getByText(/办结 \d+ 件，其中公示 \d+ 件/).count()).toBe(1);

    // The page itself does not scroll sideways; the table's region does, and says so.
    const pageWidth = await page.evaluate("document.documentElement.scrollWidth");
    expect(pageWidth).toBeLessThanOrEqual(390);
    const region = page.getByRole("region", { name: "全镇月度趋势（可左右滚动）" });
    expect(await region.getAttribute("tabindex")).toBe("0");
    const overflows = await region.evaluate((el) => el.scrollWidth > el.clientWidth);
    expect(overflows).toBe(true);
    expect(await page.locator(".scroll-cue").first().isVisible()).toBe(true);
    // Keyboard: the region takes focus and scrolls with the arrow keys.
    await region.focus();
    expect(await region.evaluate((el) => el.matches(":focus"))).toBe(true);
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);

    // Month labels stay on one line ("2026年11月" never breaks mid-word).
    // (The browser's own measure: the computed style, and the label's text in one line box.)
    const firstMonth = `document.querySelector(".trend-table tbody th")`;
    expect(await page.evaluate(`getComputedStyle(${firstMonth}).whiteSpace`)).toBe("nowrap");
    const lines = await page.evaluate(
      `(() => { const r = document.createRange(); r.selectNodeContents(${firstMonth}); return r.getClientRects().length; })()`,
    );
    expect(lines).toBe(1);
    // Every rate says what it is counted on.
    expect(await region.locator("tbody .rate-base").count()).toBeGreaterThan(0);

    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

describe("the quarterly report", () => {
  it("chooses the department by name (one's own by default) and saves the draft", async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await signInStaff(page, portal, "head");
    await page.goto(`${portal.staffUrl}/reports/quarterly`);
    const unit = page.locator("#q-dept");
    const selected = await unit.locator("option:checked").textContent();
    expect(selected).toBe("环保分局");
    const options = await unit.locator("option").allTextContents();
    expect(options).toContain("环保分局");
    expect(options.some((o) => /^[a-z-]+$/.test(o))).toBe(false);
    expect(await page.getByRole("heading", { name: "一、工作成效" }).count()).toBe(1);
    expect(await page.getByText("负责人签字：").count()).toBe(1);

    await page.getByLabel("二、存在问题").fill("倪巷浜清淤进度偏慢。");
    await page.getByLabel("三、下步打算").fill("十二月完成截污管网。");
    await page.getByRole("button", { name: "保存草稿" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("草稿已保存");
    expect(await page.getByLabel("二、存在问题").inputValue()).toBe("倪巷浜清淤进度偏慢。");
    expect(await page.getByLabel("三、下步打算").inputValue()).toBe("十二月完成截污管网。");
    expect(await page.getByText(/第 1 版/).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
