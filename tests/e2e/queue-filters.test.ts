import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations } from "../support/axe.js";
import {
  PHONE,
  type PortalForTest,
  signForAndAnswer,
  signInStaff,
  submitSmellyCreek,
  usePortalAndBrowser,
} from "../support/browser.js";

/**
 * The queue page (issue 16) on a 390 px phone without JavaScript: each row says which limit
 * its time refers to and when it falls due; the GET filter form narrows the list and the
 * counts follow it; what the status choice hides is named and one link away; each row has a
 * labelled checkbox joined to the one bulk form, which offers only the user's bulk actions.
 */
let portal: PortalForTest;
let browser: Browser;

usePortalAndBrowser((p, b) => {
  portal = p;
  browser = b;
});

describe("the queue page", () => {
  it("filters, counts and names hidden states without JavaScript on a phone", {
    timeout: 300_000,
  }, async () => {
    const waiting = await submitSmellyCreek(portal);
    const answered = await submitSmellyCreek(portal);
    await signForAndAnswer(portal, answered.ledgerNo);

    const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    try {
      await signInStaff(page, portal, "cadre");
      const row = page.locator("table.queue tbody tr", { hasText: waiting.ledgerNo });
      // The stage and the exact deadline in words, not only "剩 n小时".
      expect(await row.textContent()).toMatch(/签收 · \d{1,2}月\d{1,2}日 \d{2}:\d{2} 截止，剩 /);
      // The answered one is not listed, and the page says so with a link to show it.
      expect(await page.locator("table.queue").textContent()).not.toContain(answered.ledgerNo);
      await page.getByText(/另有已答复 \d+ 件/).waitFor();
      await page.getByRole("link", { name: "点击显示" }).first().click();
      await page.waitForURL((u) => u.searchParams.get("status") === "open,answered");
      expect(await page.locator("table.queue").textContent()).toContain(answered.ledgerNo);
      // A search box for the /search page.
      const search = page.getByRole("search");
      expect(await search.getAttribute("action")).toBe("/search");
      expect(await search.locator('input[name="q"]').count()).toBe(1);

      // Filter by stage 首次回应: none of the cadre's items is there; counts say 0.
      await page.goto(`${portal.staffUrl}/`);
      await page.getByLabel("环节").selectOption({ label: "首次回应" });
      await page.getByRole("button", { name: "筛选", exact: true }).click();
      await page.waitForURL((u) => u.searchParams.get("stage") === "respond");
      await page.getByText("共 0 件").waitFor();
      await page.getByText("没有符合条件的诉求。").waitFor();
      // A filter the API refuses is named in words, not only "请求有误".
      await page.goto(`${portal.staffUrl}/?from=2026-12-01&to=2026-01-01`);
      await page.getByText("结束日期不能早于开始日期").waitFor();
      // Several villages (the form sends the parameter repeated; the link form is a list).
      await page.goto(`${portal.staffUrl}/?village=meijing,doumen`);
      expect(await page.getByLabel("梅泾村").isChecked()).toBe(true);
      expect(await page.locator("table.queue").textContent()).toContain(waiting.ledgerNo);

      // Bulk selection: a labelled checkbox per row, joined to the one form outside the table.
      const box = page.getByLabel(`选择 ${waiting.ledgerNo}`);
      expect(await box.getAttribute("form")).toBe("bulk");
      expect(await box.getAttribute("value")).toMatch(new RegExp(`^${waiting.ledgerNo}:\\d+$`));
      const bulk = page.locator("form#bulk");
      expect(await bulk.getAttribute("action")).toBe("/bulk");
      expect(await bulk.locator('input[name="return"]').inputValue()).toBe(
        "/?village=meijing,doumen",
      );
      const actions = await bulk.locator('select[name="action"] option').allTextContents();
      expect(actions.slice(1)).toEqual(["签收"]);
      expect(await page.locator("table.queue form#bulk").count()).toBe(0);
    } finally {
      await context.close();
    }
    // With JavaScript (axe needs it): nothing wider than the phone, no violation.
    const withJs = await browser.newContext(PHONE);
    const shown = await withJs.newPage();
    try {
      await signInStaff(shown, portal, "cadre");
      await shown.goto(`${portal.staffUrl}/?village=meijing,doumen`);
      const width = await shown.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } })
            .document.documentElement.scrollWidth,
      );
      expect(width).toBeLessThanOrEqual(390);
      expect(await axeViolations(shown)).toEqual([]);
    } finally {
      await withJs.close();
    }
  });
});
