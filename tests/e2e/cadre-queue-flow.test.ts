import { createDeps, readConfig, runTermIndexer } from "@lianxin/functions";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  launchBrowser,
  PHONE,
  type PortalForTest,
  signInStaff,
  siteCall,
  staffToken,
  startPortalForTest,
  submitSmellyCreek,
} from "../support/browser.js";
import { createTestTable } from "../support/database.js";

/**
 * Issue 16's whole morning for a cadre, on a 390 px phone without JavaScript: ten alike
 * concerns and one other wait in 环保分局's queue; the cadre finds the other by words from the
 * queue's search box, signs for the ten at once from the queue's checkboxes, answers one from
 * admin's template; the head opens another and merges it into a duplicate the page suggests.
 */
let portal: PortalForTest;
let browser: Browser;
const alike: string[] = [];
let leaking = "";

beforeAll(async () => {
  const table = await createTestTable();
  // Eleven submissions from one address: past the default hourly window (10).
  portal = await startPortalForTest({
    ...table,
    apiOverrides: {
      limits: {
        submissionsPerHour: 20,
        wrongCodesPer15Minutes: 5,
        messagesPerHour: 20,
        uploadsPerHour: 60,
      },
    },
  });
  browser = await launchBrowser();
  for (let i = 0; i < 10; i++) alike.push((await submitSmellyCreek(portal)).ledgerNo);
  const res = await fetch(`${portal.apiUrl}/api/concerns`, {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": "e2e-flow-roof" },
    body: JSON.stringify({
      villageId: "meijing",
      groupId: "meijing-01",
      categoryCode: "environment",
      title: "文化礼堂屋顶漏水",
      description: "下雨天文化礼堂屋顶漏水，墙面发霉。",
      contactName: "李四",
      contactPhone: "13900139000",
    }),
  });
  if (res.status !== 201) throw new Error(`submission: ${res.status} ${await res.text()}`);
  leaking = ((await res.json()) as { ledgerNo: string }).ledgerNo;
  // The job's indexer runs after commit: here, once, on the portal's table and key.
  await runTermIndexer(
    createDeps(readConfig({ TABLE_NAME: table.tableName, DYNAMODB_ENDPOINT: table.endpoint })),
  );
  await siteCall(portal, "/api/staff/reply-templates", {
    method: "POST",
    token: await staffToken(portal, "admin"),
    body: {
      title: "河道已清淤",
      body: "您反映的{village}河道问题（{ledgerNo}）已由{department}于{today}清淤，请监督。",
      categoryCode: "environment",
      outcomes: ["resolved"],
      actions: ["answer"],
    },
  });
});

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

describe("a cadre clears a queue", () => {
  it("searches, signs for ten at once, answers from a template; the head merges a duplicate", async () => {
    let context: BrowserContext | undefined;
    try {
      context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
      const page = await context.newPage();
      await signInStaff(page, portal, "cadre");

      // 检索 from the queue: two words find the one concern that has both.
      await page.goto(`${portal.staffUrl}/`);
      await page.getByLabel("台账编号、关键词或群众电话").fill("屋顶 漏水");
      await page.getByRole("search").getByRole("button").click();
      await page.waitForURL((url) => url.pathname === "/search");
      const found = page.getByRole("link", { name: leaking, exact: true });
      expect(await found.count(), (await page.locator("main").textContent()) ?? "").toBe(1);
      for (const no of alike.slice(0, 2)) {
        expect(await page.getByRole("link", { name: no, exact: true }).count()).toBe(0);
      }

      // 批量签收: the ten rows checked, one action, one result.
      await page.goto(`${portal.staffUrl}/`);
      for (const no of alike) await page.getByLabel(`选择 ${no}`).check();
      await page.getByLabel("对所选诉求").selectOption("accept");
      await page.locator("form#bulk").getByRole("button").click();
      await page.waitForURL((url) => url.pathname === "/bulk");
      await expect
        .poll(async () => (await page.getByRole("status").textContent())?.trim())
        .toBe("已签收 10 件");

      // 答复 from the template: the text filled, still editable, sent only when submitted.
      const answered = alike[0] as string;
      await page.goto(`${portal.staffUrl}/concerns/${answered}`);
      const answer = page.locator("details#action-answer");
      if (!(await answer.getAttribute("open"))) await answer.locator("summary").click();
      await answer.getByRole("link", { name: "使用「河道已清淤」" }).click();
      await page.waitForURL(/template=.*for=answer/);
      const form = page.getByRole("form", { name: "答复" });
      expect(await form.getByLabel("公开答复").inputValue()).toContain(`（${answered}）`);
      await form.getByRole("button", { name: "答复", exact: true }).click();
      await page.waitForURL(/done=answer/);
      await expect(page.locator(".status-now").textContent()).resolves.toBe("已答复");
      await context.close();

      // 合并: the head opens another of the ten; the page suggests the others.
      context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
      const head = await context.newPage();
      await signInStaff(head, portal, "head");
      const opened = alike[9] as string;
      await head.goto(`${portal.staffUrl}/concerns/${opened}`);
      const panel = head.getByRole("region", { name: "可能重复" });
      const suggested = panel.getByRole("button", { name: /^合并到此件 / }).first();
      const target = (
        (await suggested.getAttribute("aria-label")) ??
        (await suggested.textContent()) ??
        ""
      )
        .replace(/^.*合并到此件\s*/, "")
        .trim();
      expect(alike).toContain(target);
      await suggested.focus();
      await head.keyboard.press("Enter");
      await head.waitForURL((url) => url.searchParams.get("done") === "merge");
      await expect(head.locator(".status-now").textContent()).resolves.toBe("已合并");
    } finally {
      await context?.close();
    }
  });
});
