import { randomBytes } from "node:crypto";
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
 * 纪委监督清单 (issue 17) in the staff site: the inspector finds it in the header on a 390 px
 * phone, each list with its counts by department (names) and its concerns; a conduct
 * complaint and a resident's third concern on one thing (after the job) are listed; axe finds
 * nothing; it prints without the header's links; a cadre is not offered it and is refused.
 */
let portal: PortalForTest;
let browser: Browser;
let conduct = "";
const resident: string[] = [];

async function submitConduct(p: PortalForTest) {
  const res = await fetch(`${p.apiUrl}/api/concerns`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "idempotency-key": `e2e-${randomBytes(8).toString("hex")}`,
    },
    body: JSON.stringify({
      villageId: "meijing",
      categoryCode: "cadre_conduct",
      title: "村干部作风问题",
      description: "有村干部在处理低保申请时吃拿卡要，群众意见很大。",
      contactName: "李四",
      contactPhone: "13700137000",
    }),
  });
  if (res.status !== 201) throw new Error(`submission: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { ledgerNo: string }).ledgerNo;
}

beforeAll(async () => {
  const table = await createTestTable();
  portal = await startPortalForTest({ ...table });
  browser = await launchBrowser();
  conduct = await submitConduct(portal);
  for (let i = 0; i < 3; i++) {
    resident.push((await submitSmellyCreek(portal, { contactPhone: "13900139000" })).ledgerNo);
  }
  // The job's last step, on the same table and key as the API (the local resident key).
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

describe("the inspectors' page", () => {
  it("lists each watch list with counts by department, on a phone", async () => {
    const { context, page } = await phonePage("inspector");
    try {
      await page.getByRole("link", { name: "监督清单" }).first().click();
      await page.waitForURL((url) => url.pathname === "/inspection");
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("纪委监督清单");
      const section = (name: string) =>
        page.locator("section").filter({ has: page.getByRole("heading", { name, level: 2 }) });

      const conductList = section("作风投诉");
      expect(await conductList.getByRole("link", { name: conduct }).count()).toBe(1);
      expect(await conductList.getByText("共 1 件").count()).toBe(1);
      const counts = conductList.locator("table.insp-counts tbody tr");
      expect(await counts.count()).toBe(1);
      expect(await counts.locator("th").textContent()).toMatch(/纪/);

      const repeat = section("同一群众 90 天内 3 次反映同类问题");
      expect(await repeat.getByRole("link", { name: resident[2] as string }).count()).toBe(1);
      expect(await repeat.getByRole("link", { name: resident[0] as string }).count()).toBe(0);
      expect(await repeat.locator("table.insp-counts tbody th").textContent()).toBe("环保分局");
      expect(await repeat.getByText(`${resident[0]}、${resident[1]}`).count()).toBe(1);

      // Nothing yet on the lists that need time or repeated events.
      expect(await section("两次评价不满意").getByText("目前没有。").count()).toBe(1);
      expect(await section("超期 5 个工作日以上").getByText("目前没有。").count()).toBe(1);

      const width = await page.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } })
            .document.documentElement.scrollWidth,
      );
      expect(width).toBeLessThanOrEqual(390);

      // Printed: the header's links and the contents go, the lists and the date stay.
      await page.emulateMedia({ media: "print" });
      expect(await page.getByRole("navigation", { name: "清单目录" }).isVisible()).toBe(false);
      expect(await page.getByText(/^打印时间：/).isVisible()).toBe(true);
      expect(await conductList.getByRole("link", { name: conduct }).isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  });

  it("has no accessibility violation", async () => {
    const { context, page } = await phonePage("inspector", true);
    try {
      await page.goto(`${portal.staffUrl}/inspection`);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("is not offered to a cadre, and refused if asked for", async () => {
    const { context, page } = await phonePage("cadre");
    try {
      expect(await page.getByRole("link", { name: "监督清单" }).count()).toBe(0);
      const res = await page.goto(`${portal.staffUrl}/inspection`);
      expect(res?.status()).toBe(403);
      expect(await page.getByRole("alert").textContent()).toBeTruthy();
    } finally {
      await context.close();
    }
  });
});
