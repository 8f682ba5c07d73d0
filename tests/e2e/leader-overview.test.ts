import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../support/axe.js";
import {
  launchBrowser,
  PHONE,
  type PortalForTest,
  signForAndAnswer,
  signInStaff,
  startPortalForTest,
  submitSmellyCreek,
} from "../support/browser.js";
import { createTestTable } from "../support/database.js";

/**
 * Issue 17, the leader's overview on a 390 px phone: the contact leader 王建国 (梅泾村 and
 * 陡门村) lands on both villages together, opens a present figure (the queue with as many
 * rows) and a period figure (the concerns closed in the period), and sees the 黑榜 empty when
 * nobody is below the threshold; axe finds nothing.
 */
let portal: PortalForTest;
let browser: Browser;
let closedNo = "";

async function fileIn(villageId: string) {
  const res = await fetch(`${portal.apiUrl}/api/concerns`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "idempotency-key": `e2e-${randomBytes(8).toString("hex")}`,
    },
    body: JSON.stringify({
      villageId,
      categoryCode: "environment",
      title: "河道有垃圾",
      description: "村口河道漂着很多垃圾，希望尽快清理。",
      contactName: "李四",
      contactPhone: "13900139000",
    }),
  });
  expect(res.status).toBe(201);
}

beforeAll(async () => {
  portal = await startPortalForTest(await createTestTable());
  browser = await launchBrowser();
  // Closed in the period: answered, then rated satisfied by the resident.
  const closed = await submitSmellyCreek(portal);
  closedNo = closed.ledgerNo;
  await signForAndAnswer(portal, closed.ledgerNo);
  const rated = await fetch(`${portal.apiUrl}/api/concerns/${closed.ledgerNo}/feedback`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-access-code": closed.accessCode },
    body: JSON.stringify({ rating: "satisfied" }),
  });
  expect(rated.status).toBe(201);
  // Open in each of his villages, and one in a village that is not his.
  await submitSmellyCreek(portal);
  await fileIn("doumen");
  await fileIn("yaxi");
});

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

const pageWidth = (page: Page) =>
  page.evaluate(
    () =>
      (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
        .documentElement.scrollWidth,
  );

describe("the leader's overview", () => {
  it("shows his two villages together, and each figure opens the concerns behind it", async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    try {
      await signInStaff(page, portal, "leader");
      await page.goto(`${portal.staffUrl}/dashboard`);
      const lead = await page.locator(".lead").textContent();
      expect(lead).toContain("陡门村、梅泾村");
      const selected = await page.locator("#d-scope option:checked").textContent();
      expect(selected).toContain("陡门村、梅泾村");
      // No id is offered in the select.
      const labels = await page.locator("#d-scope option").allTextContents();
      expect(labels.join("|")).not.toMatch(/meijing|doumen/);
      // The old response-rate-only ranking is gone; the 红黑榜 ranks on the composite score,
      // and with nobody under the threshold (nothing overdue, 环保分局 ≥ 80) its 黑榜 says so.
      expect(await page.getByRole("heading", { name: "排名", exact: true }).count()).toBe(0);
      const departments = page.locator('section.rankings .rk-kind[data-kind="departments"]');
      expect(await departments.locator(".rk-red").textContent()).toContain("环保分局");
      expect(await departments.locator(".rk-black .rk-empty").textContent()).toContain("黑榜为空");
      expect(await axeViolations(page)).toEqual([]);
      expect(await pageWidth(page)).toBeLessThanOrEqual(390);
      // With scripting the print button shows (PrintButton.astro wires it).
      expect(await page.locator(".print-button").isVisible()).toBe(true);

      // A present figure: the backlog opens his queue with as many rows.
      const backlog = page.locator(".count-link", { hasText: "在办积压" });
      const value = Number(await backlog.locator(".value").textContent());
      expect(value).toBe(2);
      await backlog.click();
      await page.waitForURL((url) => url.pathname === "/");
      expect(new URL(page.url()).searchParams.get("village")).toBe("doumen,meijing");
      expect(await page.getByText(`共 ${value} 件`).count()).toBeGreaterThan(0);
      expect(await page.locator("table.queue tbody tr").count()).toBe(value);

      // A period figure: the concerns closed in the period.
      await page.goBack();
      const closed = page.locator(".count-link", { hasText: "办结" }).first();
      expect(Number(await closed.locator(".value").textContent())).toBe(1);
      await closed.click();
      await page.waitForURL((url) => url.pathname === "/dashboard/events");
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("本期办结");
      expect(await page.locator("table.queue tbody tr").count()).toBe(1);
      expect(await page.getByRole("link", { name: closedNo }).count()).toBe(1);
      expect(await page.locator("table.queue").textContent()).toContain("梅泾村");
      expect(await axeViolations(page)).toEqual([]);
      expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    } finally {
      await context.close();
    }
  });
});
