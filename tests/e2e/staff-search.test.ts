import { createDeps, readConfig, runTermIndexer } from "@lianxin/functions";
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
 * 检索 (issue 16) in the staff site, on a 390 px phone without JavaScript, by keyboard: words
 * find a concern once the job's indexer has run; a ledger number opens the concern; a query
 * with no usable term says why; a mobile searched by admin lists the resident's concerns.
 */
let portal: PortalForTest;
let browser: Browser;
let ledgerNo = "";

beforeAll(async () => {
  const table = await createTestTable();
  portal = await startPortalForTest(table);
  browser = await launchBrowser();
  ({ ledgerNo } = await submitSmellyCreek(portal));
  // The job's step, on the same table and key as the API (the local resident key).
  const deps = createDeps(
    readConfig({ TABLE_NAME: table.tableName, DYNAMODB_ENDPOINT: table.endpoint }),
  );
  await runTermIndexer(deps);
});

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

async function phonePage(username: string, javaScriptEnabled = false) {
  const context = await browser.newContext({ ...PHONE, javaScriptEnabled });
  const page = await context.newPage();
  await signInStaff(page, portal, username);
  return { context, page };
}

describe("the search page", () => {
  it("finds a concern by words, by keyboard, on a phone without JavaScript", async () => {
    const { context, page } = await phonePage("cadre");
    try {
      await page.getByRole("link", { name: "检索" }).first().click();
      await page.waitForURL((url) => url.pathname === "/search");
      const box = page.getByLabel("台账编号、群众手机号或关键词");
      await box.fill("臭水");
      await box.press("Enter");
      await page.waitForURL((url) => url.searchParams.get("q") === "臭水");
      await expect.poll(() => page.getByText("找到 1 件").count()).toBe(1);
      expect(await page.getByRole("link", { name: ledgerNo }).count()).toBe(1);
      // Nothing wider than the phone.
      const width = await page.evaluate(
        // In the page (the tests compile without the DOM's types).
        () =>
          (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } })
            .document.documentElement.scrollWidth,
      );
      expect(width).toBeLessThanOrEqual(390);

      // The months to look in are the form's too: a range before the concern finds nothing.
      await page.getByLabel("至（可不填）").fill("2025-01");
      await page.getByLabel("登记月份：从（可不填）").fill("2024-12");
      await page.getByRole("search").getByRole("button").click();
      await page.waitForURL((url) => url.searchParams.get("to") === "2025-01");
      expect(await page.getByRole("link", { name: ledgerNo }).count()).toBe(0);
      expect(await page.getByRole("alert").count()).toBe(0);
      expect(await page.getByLabel("登记月份：从（可不填）").inputValue()).toBe("2024-12");

      // A query with no usable term says why, in the page.
      await page.goto(`${portal.staffUrl}/search?q=${encodeURIComponent("的")}`);
      expect(await page.getByRole("alert").textContent()).toContain("至少两个");
    } finally {
      await context.close();
    }
  });

  it("opens the concern for its ledger number", async () => {
    const { context, page } = await phonePage("cadre");
    try {
      await page.goto(`${portal.staffUrl}/search?q=${encodeURIComponent(ledgerNo.toLowerCase())}`);
      await page.waitForURL((url) => url.pathname === `/concerns/${ledgerNo}`);
    } finally {
      await context.close();
    }
  });

  it("lists a resident's concerns by mobile for admin", async () => {
    const { context, page } = await phonePage("admin");
    try {
      await page.goto(`${portal.staffUrl}/search?q=13800138000`);
      await expect.poll(() => page.getByText("该手机号群众的诉求").count()).toBe(1);
      expect(await page.getByRole("link", { name: ledgerNo }).count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it("has no accessibility violation, with results and with a refused query", async () => {
    // axe runs as script in the page: this context has JavaScript.
    const { context, page } = await phonePage("cadre", true);
    try {
      const found: Record<string, string[]> = {};
      await page.goto(`${portal.staffUrl}/search?q=${encodeURIComponent("臭水")}`);
      found.results = await axeViolations(page);
      await page.goto(`${portal.staffUrl}/search?q=${encodeURIComponent("的")}`);
      found.refused = await axeViolations(page);
      expect(found).toEqual({ results: [], refused: [] });
    } finally {
      await context.close();
    }
  });
});
