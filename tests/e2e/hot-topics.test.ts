import { randomBytes } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../support/axe.js";
import {
  launchBrowser,
  PHONE,
  type PortalForTest,
  signInStaff,
  startPortalForTest,
  submitSmellyCreek,
} from "../support/browser.js";
import { createTestTable } from "../support/database.js";

/**
 * 热点 on the leader's overview, on a 390 px phone: the headline names the category that
 * rose and where, the busiest cell is marked by more than colour and opens the queue of its
 * concerns, the wide table scrolls in a focusable region, and axe finds nothing.
 */
let portal: PortalForTest;
let browser: Browser;

beforeAll(async () => {
  const table = await createTestTable();
  portal = await startPortalForTest({
    ...table,
    apiOverrides: {
      limits: {
        submissionsPerHour: 200,
        wrongCodesPer15Minutes: 5,
        messagesPerHour: 20,
        uploadsPerHour: 60,
      },
    } as never,
  });
  browser = await launchBrowser();
  for (let i = 0; i < 6; i++) await submitSmellyCreek(portal);
  const res = await fetch(`${portal.apiUrl}/api/concerns`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "idempotency-key": `e2e-${randomBytes(8).toString("hex")}`,
    },
    body: JSON.stringify({
      villageId: "meijing",
      groupId: "meijing-01",
      categoryCode: "roads_lighting",
      title: "路灯不亮",
      description: "梅泾村倪巷组路口的路灯坏了一个多月，晚上很黑。",
      contactName: "李四",
      contactPhone: "13800138001",
    }),
  });
  expect(res.status).toBe(201);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

describe("the dashboard's hot topics", () => {
  it("names the rise, marks the busiest cell and fits a phone", async () => {
    const context = await browser.newContext({ ...PHONE });
    const page = await context.newPage();
    try {
      await signInStaff(page, portal, "admin");
      await page.goto(`${portal.staffUrl}/dashboard`);
      const section = page.getByRole("region", { name: "热点" });
      const headline = await section.locator(".hot-headline").textContent();
      expect(headline).toContain("环境与河道类诉求新增 6 件（上期 0 件），集中在梅泾村（6 件）");
      // The busiest cell: a star and words, not colour alone; it opens the queue filtered.
      const busiest = section.locator("td.busiest a");
      expect(await busiest.count()).toBe(1);
      expect(await busiest.textContent()).toBe("★ 6（最集中）：查看梅泾村 · 环境与河道的诉求");
      const href = (await busiest.getAttribute("href")) ?? "";
      expect(href).toMatch(
        /^\/all\?category=environment&village=meijing&status=open%2Cclosed&from=/,
      );
      // The wide table scrolls in its own region, reached by keyboard; the page does not.
      const region = section.getByRole("region", { name: "村 × 类别（本期登记件数）" });
      expect(await region.getAttribute("tabindex")).toBe("0");
      expect(await section.getByText("表格较宽，可左右滑动查看 →").isVisible()).toBe(true);
      const width = await page.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } })
            .document.documentElement.scrollWidth,
      );
      expect(width).toBeLessThanOrEqual(390);
      expect(await axeViolations(page)).toEqual([]);
      // The link opens the staff queue with the filters of #16.
      await busiest.click();
      await page.waitForURL((url) => url.pathname === "/all");
      expect(new URL(page.url()).searchParams.get("category")).toBe("environment");
      expect(await page.getByRole("alert").count()).toBe(0);
      // The six environment concerns of 梅泾村, not the roads one.
      expect(await page.getByRole("link", { name: /^LS-\d{4}-\d{6}$/ }).count()).toBe(6);
    } finally {
      await context.close();
    }
  });
});
